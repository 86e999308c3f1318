"""What the automatic reviewer assignment knows of reviewers: profiles, bids, conflicts, proposals.

Shared by the assignment core (talks/assignment/, affinity and solver) and its pages
(talks/views/assignment.py); the detected conflicts of interest are computed, not stored: only
the ones a reviewer or organiser declares live here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Track
from talks.models.submission import Submission


class ReviewerProfile(models.Model):
    """A team member's expertise for one conference: what the affinity is computed from."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="reviewer_profiles"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profiles"
    )
    expertise = models.TextField(
        _("expertise"),
        blank=True,
        max_length=2000,
        help_text=_("A few lines on what you know well, e.g. “LLM serving, Kubernetes”."),
    )
    tracks = models.ManyToManyField(
        Track,
        through="ReviewerProfileTrack",
        related_name="interested_reviewers",
        blank=True,
        verbose_name=_("tracks of interest"),
    )
    # None: the conference's default cap (AssignmentSettings.default_cap).
    cap = models.PositiveSmallIntegerField(
        _("at most this many submissions"), null=True, blank=True
    )
    # Past abstracts the reviewer wrote or reviewed feed the affinity unless she turns it off.
    use_history = models.BooleanField(
        _("use the abstracts I wrote or reviewed before"), default=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "user"], name="reviewer_profile_unique")
        ]
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self) -> str:
        return f"{self.user} @ {self.conference}"


class ReviewerProfileTrack(models.Model):
    """One track a reviewer is interested in."""

    profile = models.ForeignKey(ReviewerProfile, on_delete=models.CASCADE)
    track = models.ForeignKey(Track, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "track"], name="reviewer_profile_track_unique"
            )
        ]
        verbose_name = _("reviewer's track of interest")
        verbose_name_plural = _("reviewers' tracks of interest")

    def __str__(self) -> str:
        return f"{self.profile} → {self.track}"


class ReviewerEmbedding(models.Model):
    """The L2-normalised MiniLM embedding of a profile's text (expertise, history, tracks).

    Written by the ml worker; `text_hash` says which text it embeds, so a changed profile is
    re-embedded and an unchanged one is not.
    """

    profile = models.OneToOneField(
        ReviewerProfile, on_delete=models.CASCADE, related_name="embedding"
    )
    text_hash = models.CharField(max_length=64)
    # float32, little-endian, `dimension` values (as SubmissionEmbedding).
    vector = models.BinaryField(_("vector"))
    dimension = models.PositiveSmallIntegerField(_("dimension"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reviewer embedding")
        verbose_name_plural = _("reviewer embeddings")

    def __str__(self) -> str:
        return f"{self.profile} ({self.dimension})"


class BidLevel(models.TextChoices):
    EAGER = "eager", _("Eager to review")
    WILLING = "willing", _("Willing")
    NOT = "not", _("Rather not")
    CONFLICT = "conflict", _("Conflict of interest")


class ReviewerBid(models.Model):
    """A reviewer's wish about one submission; `conflict` is a declared conflict of interest."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="bids")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_bids"
    )
    level = models.CharField(_("bid"), max_length=10, choices=BidLevel.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="reviewer_bid_unique")
        ]
        verbose_name = _("reviewer bid")
        verbose_name_plural = _("reviewer bids")

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.submission}: {self.level}"


class AssignmentSettings(models.Model):
    """How the automatic assignment runs for one conference."""

    conference = models.OneToOneField(
        Conference, on_delete=models.CASCADE, related_name="assignment_settings"
    )
    reviewers_per_submission = models.PositiveSmallIntegerField(
        _("reviewers per submission"), default=3
    )
    default_cap = models.PositiveSmallIntegerField(
        _("at most this many submissions per reviewer"), default=20
    )
    # No submission gets only matches below this affinity (0–1) while a better one is free.
    affinity_floor = models.FloatField(_("weakest acceptable match"), default=0.2)
    conflict_same_affiliation = models.BooleanField(
        _("a shared affiliation is a conflict of interest"), default=True
    )
    conflict_same_email_domain = models.BooleanField(
        _("a shared e-mail domain is a conflict of interest"), default=True
    )
    # Domains that many unrelated people share (gmail.com, qq.com) are never a conflict.
    public_email_domains = models.TextField(
        _("public e-mail domains"),
        blank=True,
        default="gmail.com\nqq.com\n163.com\noutlook.com\nhotmail.com\nyahoo.com\nfoxmail.com",
    )

    class Meta:
        verbose_name = _("assignment settings")
        verbose_name_plural = _("assignment settings")

    def __str__(self) -> str:
        return str(self.conference)


class ProposalStatus(models.TextChoices):
    RUNNING = "running", _("Computing")
    READY = "ready", _("Ready")
    APPLIED = "applied", _("Applied")
    FAILED = "failed", _("Failed")


class AssignmentProposal(models.Model):
    """One computed assignment the organiser reviews, edits and applies.

    `pairs` is a list of {"submission": id, "reviewer": id, "affinity": float, "reasons": [str],
    "kept": bool}; `unfilled` maps submission ids to why they got fewer than k reviewers.
    """

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="assignment_proposals"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.RUNNING
    )
    params = models.JSONField(default=dict, blank=True)
    pairs = models.JSONField(default=list, blank=True)
    unfilled = models.JSONField(default=dict, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assignment proposal")
        verbose_name_plural = _("assignment proposals")

    def __str__(self) -> str:
        return f"{self.conference} {self.created_at:%Y-%m-%d %H:%M} ({self.status})"
