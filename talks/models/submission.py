"""Submissions to the call for papers and their history."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Track
from talks.enums import (
    PUBLIC_STATES,
    Format,
    Language,
    Level,
    LogAction,
    State,
    TextLanguage,
    TrackSource,
)

TITLE_MAX_LENGTH = 200
ABSTRACT_MAX_LENGTH = 5000


class SubmissionQuerySet(models.QuerySet):
    def public(self) -> "SubmissionQuerySet":
        """Accepted or confirmed: on the programme, or about to be."""
        return self.filter(state__in=PUBLIC_STATES)

    def sent_in(self) -> "SubmissionQuerySet":
        """Everything but drafts: what the team sees."""
        return self.exclude(state=State.DRAFT)


class Submission(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="submissions")
    # In their order (SubmissionSpeaker.position): the submitter first, then co-speakers.
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="SubmissionSpeaker",
        related_name="speaking_submissions",
        verbose_name=_("speakers"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    # TextField's max_length only reaches forms: the validator makes services check it too.
    abstract = models.TextField(
        _("abstract"),
        max_length=ABSTRACT_MAX_LENGTH,
        validators=[MaxLengthValidator(ABSTRACT_MAX_LENGTH)],
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    duration = models.PositiveSmallIntegerField(_("duration (minutes)"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices, blank=True)
    # The language the title and abstract are written in (the talk may be given in another):
    # the categoriser's text features and the speakers' e-mails follow it. Detected from the
    # text (conference.language) unless the speaker chose it.
    text_language = models.CharField(
        _("language of the abstract"),
        max_length=10,
        choices=TextLanguage.choices,
        default=TextLanguage.ENGLISH,
    )
    text_language_by_speaker = models.BooleanField(
        _("language of the abstract chosen by the speaker"), default=False
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED
    )
    # The track a person confirmed (or the categoriser set above the threshold) ...
    # RESTRICT, not SET_NULL: a NULL track under track_source "review" would lie about a
    # decision. conference.setup.services.delete_track moves submissions first; deleting the
    # whole conference still deletes both.
    track = models.ForeignKey(
        Track, on_delete=models.RESTRICT, null=True, blank=True, related_name="submissions"
    )
    track_source = models.CharField(
        _("track set by"), max_length=20, choices=TrackSource.choices, blank=True
    )
    # ... and the categoriser's latest suggestion, kept beside it for the review queue.
    # RESTRICT too: the suggestion decides which reviewers see an undecided submission.
    suggested_track = models.ForeignKey(
        Track,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="suggested_submissions",
    )
    suggested_confidence = models.FloatField(_("confidence"), null=True, blank=True)
    # Bumped by every write through the services: an edit form carries the version it was
    # loaded with, and a save against a newer one is refused instead of overwriting it.
    version = models.PositiveIntegerField(default=1)
    # conference.text.fold of the title and abstract, and of the speakers' names, for the team's
    # case- and accent-insensitive search on any database; written by the services
    # (talks.services.submissions.refresh_search_text). Names apart: anonymised review
    # searches the text only.
    search_text = models.TextField(default="", blank=True, editable=False)
    search_names = models.TextField(default="", blank=True, editable=False)
    # On PostgreSQL, both as a full-text vector (names weighted B), written by a trigger from
    # the two columns above (talks migration 0016) and GIN-indexed; NULL and unused elsewhere.
    search_document = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["conference", "suggested_confidence"]),
            models.Index(fields=["conference", "state"]),
        ]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("talks:submission_detail", args=[self.pk])

    def get_review_url(self) -> str:
        return reverse("talks:submission_review", args=[self.conference.slug, self.pk])

    @property
    def categoriser_text(self) -> str:
        return f"{self.title}. {self.abstract}"

    @property
    def review_track_id(self) -> int | None:
        """The track that decides who reviews it: the decided one, else the suggested one."""
        return self.track_id or self.suggested_track_id


class SubmissionSpeaker(models.Model):
    """One speaker of a submission. Position 0 is the person who submitted it; co-speakers
    follow in the order they joined."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="speaker_links"
    )
    # PROTECT: a deleted account would take the talk away from its co-speakers; accounts are
    # anonymised instead (conference.account).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submission_links"
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "user"], name="submission_speaker_unique"
            ),
        ]
        verbose_name = _("submission speaker")
        verbose_name_plural = _("submission speakers")

    def __str__(self) -> str:
        return f"{self.user} → {self.submission}"


# Orders users by their SubmissionSpeaker row: the join the speakers relation makes is reused.
SPEAKER_ORDER = ("submission_links__position", "submission_links__pk")


def speakers_prefetch(lookup: str = "speakers") -> Prefetch:
    """Prefetch submissions' speakers in their order, with their profiles (one query).

    `lookup` reaches the speakers from the queryset's model, e.g. "submission__speakers".
    """
    users = Submission.speakers.field.related_model.objects.select_related("speaker_profile")
    return Prefetch(lookup, queryset=users.order_by(*SPEAKER_ORDER))


class SubmissionLog(models.Model):
    """One change to a submission: who did what, when. Written only by the services."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="log")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20, choices=LogAction.choices)
    # Action-specific details, e.g. {"from": "submitted", "to": "accepted"} or
    # {"changes": {"title": ["old", "new"]}}.
    data = models.JSONField(_("details"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("submission log entry")
        verbose_name_plural = _("submission log")

    def __str__(self) -> str:
        return f"{self.submission}: {self.get_action_display()}"

    @property
    def details(self) -> str:
        """The entry's details in words, for the history on the review page."""
        data = self.data
        if self.action == LogAction.STATE:
            return f"{_label(State, data.get('from'))} → {_label(State, data.get('to'))}"
        if self.action == LogAction.TRACK:
            source = _label(TrackSource, data.get("source", ""))
            return f"{data.get('track') or '—'} ({source})"
        if self.action in (LogAction.INVITED, LogAction.JOINED):
            return data.get("email", "")
        if self.action == LogAction.CREATED:
            return _label(State, data.get("state"))
        return ""


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)
