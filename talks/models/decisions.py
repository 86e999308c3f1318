"""Decisions made from the team's lists, kept so that they can be undone."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Track
from talks.models.submission import Submission


class Decision(models.Model):
    """One decision on one or many submissions: a bulk accept/reject, a bulk confirmation of
    suggested tracks, or one track set in the queue. Written only by the services."""

    class Kind(models.TextChoices):
        STATE = "state", _("Decision")
        TRACK = "track", _("Track")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="decisions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # Bulk decisions are listed in the decision log; a single track decision is undone from
    # its row in the queue.
    bulk = models.BooleanField(_("bulk"), default=True)
    # What was done, in words kept at the time (the state's or the tracks' names may change).
    description = models.CharField(_("what"), max_length=200)
    count = models.PositiveIntegerField(_("submissions"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["conference", "bulk", "created_at"])]
        verbose_name = _("decision")
        verbose_name_plural = _("decision log")

    def __str__(self) -> str:
        return self.description


class DecisionItem(models.Model):
    """What one decision did to one submission: enough to put it back."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="items")
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="decision_items"
    )
    previous_state = models.CharField(max_length=20, blank=True)
    new_state = models.CharField(max_length=20, blank=True)
    # SET_NULL: a deleted track cannot be put back; undo then leaves the track undecided.
    previous_track = models.ForeignKey(
        Track, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    previous_track_source = models.CharField(max_length=20, blank=True)
    new_track = models.ForeignKey(
        Track, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The OutboxMail ids the decision queued (held), discarded by an undo while still held.
    mail_ids = models.JSONField(default=list)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("decision item")
        verbose_name_plural = _("decision items")

    def __str__(self) -> str:
        return f"{self.decision}: {self.submission}"
