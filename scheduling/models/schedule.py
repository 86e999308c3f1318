"""The private working copy of a conference's schedule, its items, and published releases."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Room
from scheduling.days import minutes_between
from scheduling.enums import ALL_ROOM_KINDS, TALK_KINDS, ItemKind
from talks.models import Submission


class Schedule(models.Model):
    """The working copy's header: one per conference, the row that schedule writes lock.

    `revision` grows with every change to any item, so a release records which state of the
    working copy it froze, and the editor can tell whether anything is left unpublished.
    """

    conference = models.OneToOneField(Conference, on_delete=models.CASCADE, related_name="schedule")
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("schedule working copy")
        verbose_name_plural = _("schedule working copies")

    def __str__(self) -> str:
        return f"{self.conference} (r{self.revision})"


class ScheduleItem(models.Model):
    """One entry of the working copy: a talk or keynote in a room, or a break or blocker.

    Times are stored in UTC. A break or blocker without a room spans every room.
    """

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="schedule_items"
    )
    # RESTRICT: delete_room refuses a room with items; deleting the conference deletes both.
    room = models.ForeignKey(
        Room, on_delete=models.RESTRICT, null=True, blank=True, related_name="schedule_items"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    # RESTRICT: a scheduled talk is unscheduled first, never dropped from the working copy
    # unseen by deleting its submission.
    submission = models.ForeignKey(
        Submission,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="schedule_items",
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    # Optimistic concurrency: every write names the version it saw, and a stale one is refused.
    version = models.PositiveIntegerField(default=1)
    # Warning codes an organiser silenced for this item (see scheduling.enums.SILENCEABLE).
    silenced = models.JSONField(_("silenced warnings"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start", "room__position", "pk"]
        constraints = [
            # A talk has one slot in the working copy.
            models.UniqueConstraint(
                fields=["submission"],
                condition=Q(submission__isnull=False),
                name="schedule_item_unique_submission",
            ),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="item_ends_after"),
        ]
        indexes = [models.Index(fields=["conference", "start"])]
        verbose_name = _("schedule item")
        verbose_name_plural = _("schedule items")

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.kind in TALK_KINDS and self.submission_id:
            return self.submission.title
        return self.title

    @property
    def duration_minutes(self) -> int:
        return minutes_between(self.start, self.end)

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("An item must end after it starts.")})
        if self.kind in TALK_KINDS and not self.submission_id:
            raise ValidationError({"submission": _("A talk needs its submission.")})
        if self.kind not in TALK_KINDS and self.submission_id:
            raise ValidationError({"submission": _("Only talks and keynotes have a submission.")})
        if self.kind not in TALK_KINDS and not self.title.strip():
            raise ValidationError({"title": _("Give the break or blocker a title.")})
        if self.room_id is None and self.kind not in ALL_ROOM_KINDS:
            raise ValidationError({"room": _("Talks take place in one room.")})


class Release(models.Model):
    """A published version of the schedule: a frozen snapshot that never changes again.

    `snapshot` holds everything the public pages and exports show (see
    scheduling.services.releases.build_snapshot), so an old release still reads the same
    after talks, rooms or speakers have changed or gone.
    """

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="releases")
    number = models.PositiveIntegerField()
    version = models.CharField(_("version"), max_length=20)
    comment = models.TextField(_("comment"), blank=True)
    # {"added": [...], "moved": [...], "removed": [...], "cancelled": [...]} against the
    # previous release; see scheduling.services.releases.compute_changelog.
    changelog = models.JSONField(_("changelog"), default=dict)
    snapshot = models.JSONField(default=dict)
    revision = models.PositiveIntegerField(default=0)
    # The open conflicts (errors, warnings not silenced) it was published with, each
    # Conflict.as_dict(): the publisher confirmed them on the publish page. Empty: none.
    conflicts = models.JSONField(_("conflicts when published"), default=list, blank=True)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "number"], name="release_unique_number"),
            models.UniqueConstraint(
                fields=["conference", "version"], name="release_unique_version"
            ),
        ]
        verbose_name = _("schedule release")
        verbose_name_plural = _("schedule releases")

    def __str__(self) -> str:
        return f"{self.conference} {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("scheduling:release_agenda", args=[self.conference.slug, self.version])
