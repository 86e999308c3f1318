"""The model registry and the progress of long ML jobs.

Predictions live in talks.Prediction (written through talks.services.record_prediction) and
name their version by ModelVersion.name.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conference.models import Conference
from modeldemo.enums import JobKind, JobStatus, Kind, VersionStatus


class ModelVersion(models.Model):
    """One trained (or zero-shot) categoriser; a conference's organisers activate one."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="model_versions",
        help_text=_("Empty for a global model trained on imported programmes."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    base_model = models.CharField(_("base model"), max_length=200, blank=True)
    labels = models.JSONField(_("labels"), default=list)
    metrics = models.JSONField(_("metrics"), default=dict, blank=True)
    training_config = models.JSONField(_("training settings"), default=dict, blank=True)
    path = models.CharField(_("folder"), max_length=500, blank=True)
    trained_on = models.PositiveIntegerField(_("training examples"), default=0)
    validated_on = models.PositiveIntegerField(_("validation examples"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.TRAINING
    )
    error = models.TextField(_("error"), blank=True)
    is_active = models.BooleanField(_("active"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    # {"temperature", "ece_before", "ece", "bins", "validation"/"decided": {confidence, correct}}
    calibration = models.JSONField(_("calibration"), default=dict, blank=True)
    # The gate's verdict on this conference's held-out decided submissions (modeldemo.serving).
    gate = models.JSONField(_("gate"), default=dict, blank=True)
    # Why an organiser activated it although the gate found it worse.
    override_reason = models.TextField(_("reason for overriding the gate"), blank=True)
    # A label mapping it was trained on has changed since.
    is_stale = models.BooleanField(_("stale"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference"],
                condition=models.Q(is_active=True),
                name="one_active_model_per_conference",
            ),
        ]
        verbose_name = _("model version")
        verbose_name_plural = _("model versions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """What predictions record as their model version."""
        return f"{self.kind}-v{self.pk}"


# A job is "active" while queued or running: one of each kind per conference at a time.
ACTIVE_JOB_STATUSES = [JobStatus.QUEUED, JobStatus.RUNNING]


class Job(models.Model):
    """A long-running ML task whose progress a browser polls.

    updated_at is the job's heartbeat: every progress write sets it, and a sweep fails the jobs
    whose heartbeat is older than their task's hard time limit (their worker died).
    """

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="ml_jobs")
    kind = models.CharField(_("kind"), max_length=20, choices=JobKind.choices)
    model_version = models.ForeignKey(
        ModelVersion, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=100, blank=True)
    # What a job hands back to the page (a label-mapping proposal: its data set, fingerprint and
    # proposals); empty for the others.
    result = models.JSONField(default=dict, blank=True)
    # The Celery node name (celery@host) that runs it: a restarted node fails its own jobs.
    worker = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Written explicitly with every .update() (auto_now would skip those).
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference"],
                condition=models.Q(kind=JobKind.TRAIN, status__in=ACTIVE_JOB_STATUSES),
                name="one_training_per_conference",
            ),
            models.UniqueConstraint(
                fields=["conference"],
                condition=models.Q(kind=JobKind.RECATEGORISE, status__in=ACTIVE_JOB_STATUSES),
                name="one_recategorisation_per_conference",
            ),
        ]
        indexes = [models.Index(fields=["status", "updated_at"], name="job_status_updated")]
        verbose_name = _("ML job")
        verbose_name_plural = _("ML jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class LabelMapping(models.Model):
    """How an imported data set's labels become this conference's tracks.

    mapping is {source label: track id, or null for "ignore"}: ids, so renaming a track keeps it;
    a deleted track's labels read as ignored. revision goes up with every change, and the
    versions trained on an older one are marked stale.
    """

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="label_mappings"
    )
    dataset = models.CharField(_("data set"), max_length=200)
    mapping = models.JSONField(_("mapping"), default=dict)
    # The app's proposal when it was made: [{label, track, score, size, examples}].
    proposal = models.JSONField(_("proposal"), default=list, blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dataset"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "dataset"], name="one_label_mapping_per_dataset"
            ),
        ]
        verbose_name = _("label mapping")
        verbose_name_plural = _("label mappings")

    def __str__(self) -> str:
        return f"{self.dataset} → {self.conference}"


class AutoAssignTarget(models.Model):
    """The organiser's wish "set the track automatically when suggestions at this confidence are
    right ≥ target of the time", and the threshold the app derived from the active version.

    Re-derived whenever a version becomes active; the threshold itself is stored in the CfP
    settings (talks), where the categoriser reads it.
    """

    conference = models.OneToOneField(
        Conference, on_delete=models.CASCADE, related_name="auto_assign_target"
    )
    target = models.FloatField(
        _("target precision"), validators=[MinValueValidator(0.5), MaxValueValidator(1.0)]
    )
    # What the active version gave when it was derived; threshold None: the target is not reached.
    version = models.ForeignKey(
        ModelVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    threshold = models.FloatField(null=True, blank=True)
    precision = models.FloatField(null=True, blank=True)
    coverage = models.FloatField(null=True, blank=True)
    measured_on = models.CharField(max_length=30, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("auto-assignment target")
        verbose_name_plural = _("auto-assignment targets")

    def __str__(self) -> str:
        return f"{self.conference}: {self.target:.0%}"
