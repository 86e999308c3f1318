"""The automatic draft schedule: its settings per conference, its runs and their applications.

A run never writes the working copy: it stores the solver's answer and the change set it
proposes against the working copy it started from. An organiser applies the change set, whole
or in part (an Application, which can be undone).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conference.models import Conference

MIN_TIME_LIMIT_S, MAX_TIME_LIMIT_S = 10, 600
MAX_WEIGHT = 10


class SolverSettings(models.Model):
    """What the organiser chose for the solver of one conference.

    weights: {term: 0..10} (scheduling.solver.TERMS; a missing term takes the solver's default).
    room_ids, days: what it may use (empty: every room, every day).
    keep_placed: the talks already placed in the working copy stay where they are;
    keep_fixed: submission ids that stay where they are (beyond breaks, keynotes and pins).
    """

    conference = models.OneToOneField(
        Conference, on_delete=models.CASCADE, related_name="solver_settings"
    )
    weights = models.JSONField(_("weights"), default=dict, blank=True)
    room_ids = models.JSONField(_("rooms"), default=list, blank=True)
    days = models.JSONField(_("days"), default=list, blank=True)
    time_limit_seconds = models.PositiveIntegerField(_("time limit (seconds)"), default=30)
    keep_placed = models.BooleanField(_("keep the talks already placed"), default=False)
    keep_fixed = models.JSONField(_("talks kept where they are"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("solver settings")
        verbose_name_plural = _("solver settings")

    def __str__(self) -> str:
        return f"{self.conference}"


class RunState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    STOPPED = "stopped", _("Stopped")


ACTIVE_RUN_STATES = (RunState.QUEUED, RunState.RUNNING)


class SolverRun(models.Model):
    """One run of the solver: its progress while it runs, then its answer and change set.

    updated_at is the heartbeat (every progress write sets it). `baseline` is the working copy
    the run started from ({submission id: {item, version, room, start, end}}) and `revision`
    its revision; `changes` the proposed change set against it (see
    scheduling.services.solver_runs.diff_solution).
    """

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="solver_runs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=RunState.choices, default=RunState.QUEUED
    )
    # The settings it ran with (weights, rooms, days, time limit, keep_fixed) and the talks it
    # may leave unplaced (after an infeasible run).
    options = models.JSONField(default=dict, blank=True)
    optional = models.JSONField(default=list, blank=True)
    revision = models.PositiveIntegerField(null=True, blank=True)
    baseline = models.JSONField(default=dict, blank=True)
    # {seconds, objective, hard_conflicts_left, placed, total}
    progress = models.JSONField(default=dict, blank=True)
    stop_requested = models.BooleanField(default=False)
    solution = models.JSONField(default=dict, blank=True)
    changes = models.JSONField(default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Written explicitly with every .update() (auto_now would skip those).
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["conference", "-created_at"], name="solver_run_recent")]
        verbose_name = _("solver run")
        verbose_name_plural = _("solver runs")

    def __str__(self) -> str:
        return f"{self.conference} #{self.pk} ({self.state})"

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_RUN_STATES

    @property
    def percent(self) -> int:
        if not self.active:
            return 100
        limit = (self.options or {}).get("time_limit_s") or 0
        seconds = (self.progress or {}).get("seconds") or 0
        return min(99, int(100 * seconds / limit)) if limit else 0


class SolverApplication(models.Model):
    """A change set applied to the working copy, and what it takes to undo it.

    entries: [{submission, title, before: position | None, after: position | None}] for
    exactly the talks it changed (position = {room, start, end}, ISO UTC); skipped:
    [{submission, title, reason}].
    """

    run = models.ForeignKey(SolverRun, on_delete=models.CASCADE, related_name="applications")
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entries = models.JSONField(default=list, blank=True)
    skipped = models.JSONField(default=list, blank=True)
    applied_at = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)
    undo_skipped = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-applied_at", "-pk"]
        verbose_name = _("applied draft")
        verbose_name_plural = _("applied drafts")

    def __str__(self) -> str:
        return f"{self.run} applied {self.applied_at:%Y-%m-%d %H:%M}"
