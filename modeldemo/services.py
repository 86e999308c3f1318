"""ML services: the model registry, training, and categorising submissions.

torch is only imported through modeldemo.bert / modeldemo.categorisers, inside functions, so
importing this module from a web process costs nothing.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Sequence
from datetime import UTC, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.celery import ML_TASK_OPTIONS, ML_TRAINING_OPTIONS
from conference.dispatch import dispatch
from conference.models import Conference
from conference.rules import is_organiser
from modeldemo import label_maps, serving
from modeldemo.auto_assign import apply_target
from modeldemo.enums import JobKind, JobStatus, Kind, VersionStatus
from modeldemo.gate import Verdict
from modeldemo.models import ACTIVE_JOB_STATUSES, Job, ModelVersion
from talks import selectors as talk_selectors
from talks import services as talk_services

logger = logging.getLogger(__name__)
BATCH_SIZE = 32


# -- which categoriser serves a conference ---------------------------------------------------


def active_model_version(*, conference: Conference) -> ModelVersion | None:
    return ModelVersion.objects.filter(
        conference=conference, is_active=True, status=VersionStatus.READY
    ).first()


def label_mapping(
    *, labels: Sequence[str], conference: Conference, tracks: Sequence | None = None
) -> tuple[dict, list[str]]:
    """Map model labels to the conference's tracks by name or slug (case-insensitive).

    Returns ({label: Track}, [labels that match no track]); unknown labels are never guessed.
    Pass `tracks` when mapping several label sets, to read them once.
    """
    by_key = {}
    for track in tracks if tracks is not None else conference.tracks.all():
        by_key[track.name.casefold()] = track
        by_key[track.slug.casefold()] = track
    mapping, unknown = {}, []
    for label in labels:
        track = by_key.get(str(label).casefold())
        if track is None:
            unknown.append(label)
        else:
            mapping[label] = track
    return mapping, unknown


@functools.lru_cache(maxsize=8)
def _trained(kind: str, path: str):
    if kind == Kind.MLP:
        from modeldemo.categorisers.mlp import MLPCategoriser

        return MLPCategoriser.load(path)
    from modeldemo.bert.predict import load_categoriser

    return load_categoriser(path)


def _track_label_texts(conference: Conference) -> tuple[tuple[str, str], ...]:
    return tuple((track.name, track.categoriser_text) for track in conference.tracks.all())


def categoriser_for_conference(*, conference: Conference):
    """(categoriser, {label: Track}, version name) for the conference, or (None, {}, "").

    The active trained model when there is one; else zero-shot over the tracks (cached while
    their names and descriptions stay the same), served by serving.calibrated_zero_shot.
    Loaded once per worker process.
    """
    version = active_model_version(conference=conference)
    if version is not None and version.kind != Kind.ZEROSHOT:
        # Over every track, blended with zero-shot where the model saw little, calibrated.
        categoriser = serving.categoriser_for_version(version=version, conference=conference)
        if categoriser is None:
            return None, {}, ""
        mapping, _unknown = label_mapping(labels=categoriser.labels, conference=conference)
        return categoriser, mapping, version.name
    label_texts = _track_label_texts(conference)
    if not label_texts:
        return None, {}, ""
    # Chinese submissions against the tracks' Chinese words (serving.track_chinese_texts);
    # softened, and mapped by the active zero-shot row's decisions where it has a map.
    categoriser = serving.calibrated_zero_shot(
        serving.zero_shot(label_texts, serving.track_chinese_texts(conference)), version=version
    )
    mapping, _unknown = label_mapping(labels=categoriser.labels, conference=conference)
    return categoriser, mapping, categoriser.version


def current_version_name(*, conference: Conference) -> str:
    """The version name new predictions get, computed without loading any model."""
    version = active_model_version(conference=conference)
    if version is not None and version.kind != Kind.ZEROSHOT:
        return version.name
    from modeldemo.bert.encoder import encoder_name
    from modeldemo.categorisers.zeroshot import zeroshot_version

    return zeroshot_version(
        dict(_track_label_texts(conference)),
        encoder_name(),
        dict(serving.track_chinese_texts(conference)) or None,
    )


# -- categorising ----------------------------------------------------------------------------


def categorise_submission(*, submission_id: int) -> bool:
    """Predict the track of one submission and record it. False if there was nothing to do.

    Side effects: one Prediction row (per model version) and the submission's suggested track.
    """
    return categorise_submissions(submission_ids=[submission_id]) > 0


def categorise_submissions(*, submission_ids: Sequence[int]) -> int:
    """Predict tracks for many submissions, batched per conference; returns how many got one.

    Idempotent: one prediction per submission and model version (a rerun updates it). A batch
    that fails is retried one submission at a time, so one bad item loses no other; a
    submission or track deleted meanwhile is skipped. Raises the first error of the items that
    failed alone, after all the others are recorded.
    """
    done, errors = _categorise(submission_ids)
    if errors:
        raise errors[0]
    return done


def _categorise(submission_ids: Sequence[int]) -> tuple[int, list[Exception]]:
    """(how many got a prediction, the errors of submissions that failed even alone)."""
    submissions = [
        s for pk in submission_ids if (s := talk_selectors.submission_for_categorising(pk=pk))
    ]
    by_conference: dict[int, list] = {}
    for submission in submissions:
        by_conference.setdefault(submission.conference_id, []).append(submission)
    done, errors = 0, []
    for group in by_conference.values():
        try:
            done += _categorise_group(group)
        except SoftTimeLimitExceeded:
            raise  # out of time: retrying item by item would only run later past it
        except Exception:
            logger.warning("categorising %d submissions failed; one at a time", len(group))
            for submission in group:
                # Re-read: the submission (or, through the mapping, a track) may be gone.
                fresh = talk_selectors.submission_for_categorising(pk=submission.pk)
                if fresh is None:
                    continue
                try:
                    done += _categorise_group([fresh])
                except SoftTimeLimitExceeded:
                    raise
                except Exception as error:
                    logger.exception("categorising submission %d failed", submission.pk)
                    errors.append(error)
    return done, errors


def _categorise_group(group: Sequence) -> int:
    """Categorise submissions of one conference; each prediction is written atomically."""
    categoriser, mapping, version_name = categoriser_for_conference(conference=group[0].conference)
    if categoriser is None or not mapping:
        return 0
    texts = [s.categoriser_text for s in group]
    # Ask for every label: some may map to no track and are dropped before the top 3.
    rankings = categoriser.predict(texts, k=len(categoriser.labels))
    done = 0
    for submission, ranking in zip(group, rankings, strict=True):
        mapped = [(mapping[label], p) for label, p in ranking if label in mapping][:3]
        if not mapped:
            continue
        # One transaction each: what fails leaves nothing half-written (record_prediction
        # leaves out tracks deleted meanwhile, None when none of the ranking is left).
        with transaction.atomic():
            prediction = talk_services.record_prediction(
                submission=submission,
                ranking=mapped,
                categoriser=categoriser.kind,
                model_version=version_name,
            )
        done += prediction is not None
    _record_embeddings(group, texts)
    return done


def _record_embeddings(submissions, texts) -> None:
    """Hand MiniLM vectors to talks for near-duplicate detection (where talks supports it)."""
    record = getattr(talk_services, "record_submission_embedding", None)
    if record is None:
        return
    from modeldemo.bert.encoder import get_encoder

    for submission, vector in zip(submissions, get_encoder().encode(texts), strict=True):
        record(submission=submission, vector=[float(x) for x in vector])


# -- registry: train, activate, re-categorise ------------------------------------------------


def _require_organiser(user, conference) -> None:
    if not is_organiser(user, conference):
        raise PermissionDenied


def training_examples(*, conference: Conference, datasets: Sequence[str] = ()):
    """(text, track name) pairs: imported examples through their label mapping, and this
    conference's decisions but the gate's held-out share (see label_maps.training_examples)."""
    if conference is None:  # a global model: the imported labels as they are
        rows = talk_selectors.labelled_examples(conference=conference, datasets=datasets)
        return [(row.text, row.label) for row in rows]
    return label_maps.training_examples(conference=conference, datasets=datasets)[0]


@transaction.atomic
def start_training(
    *,
    conference: Conference,
    kind: str,
    user,
    datasets: Sequence[str] = (),
    epochs: int | None = None,
    max_length: int | None = None,
    tfidf_weight: float | None = None,
) -> Job:
    """Register a new model version in state "training" and queue its training on `ml`.

    Side effects: a ModelVersion, a Job, and task_train_categoriser queued on commit.
    Refused (ValidationError, code "busy") while another training of the conference is queued
    or running: one client could otherwise fill the ml workers for hours.
    """
    from modeldemo.tasks import task_train_categoriser

    _require_organiser(user, conference)
    if _active_jobs(conference=conference, kind=JobKind.TRAIN).exists():
        raise _training_busy()
    examples = training_examples(conference=conference, datasets=datasets)
    if kind != Kind.ZEROSHOT and len({label for _, label in examples}) < 2:
        raise ValidationError(
            _(
                "Training needs examples of at least two tracks: confirm tracks in the "
                "review queue or import a past programme."
            )
        )
    version = ModelVersion.objects.create(
        conference=conference,
        kind=kind,
        base_model=base_model_name(),
        training_config={
            "datasets": list(datasets),
            "epochs": epochs,
            "max_length": max_length,
            "tfidf_weight": tfidf_weight,
        },
    )
    try:
        with transaction.atomic():
            job = Job.objects.create(
                conference=conference, kind=JobKind.TRAIN, model_version=version
            )
    except IntegrityError:  # a second start in the same instant: the constraint answers
        raise _training_busy() from None
    dispatch(task_train_categoriser, version.pk, job.pk)
    return job


def _active_jobs(*, conference: Conference, kind: str):
    return Job.objects.filter(conference=conference, kind=kind, status__in=ACTIVE_JOB_STATUSES)


def _training_busy() -> ValidationError:
    return ValidationError(
        _(
            "A training is already running for this conference: start another one when it has "
            "finished (or failed)."
        ),
        code="busy",
    )


def base_model_name() -> str:
    from modeldemo.bert.encoder import encoder_name

    return encoder_name()


class _JobProgress:
    """Writes a job's progress (and so its heartbeat) to the database, at most once a second."""

    def __init__(self, job: Job | None):
        self.job = job
        self.last = 0.0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if self.job is None:
            return
        now = time.monotonic()
        if now - self.last < 1.0 and done < total:
            return
        self.last = now
        # Only while active: a job a sweep has failed stays failed.
        Job.objects.filter(pk=self.job.pk, status__in=ACTIVE_JOB_STATUSES).update(
            status=JobStatus.RUNNING,
            done=done,
            total=total,
            message=message[:500],
            updated_at=timezone.now(),
        )


def _finish_job(job: Job | None, *, status: str, message: str = "", error: str = "") -> None:
    if job is not None:
        now = timezone.now()
        Job.objects.filter(pk=job.pk, status__in=ACTIVE_JOB_STATUSES).update(
            status=status, message=message[:500], error=error, updated_at=now, finished_at=now
        )


def train_model_version(*, version_id: int, job_id: int | None = None) -> ModelVersion | None:
    """Train a registered version on its conference's examples; saves the model and metrics.

    Side effects: files under ML_MODELS_DIR, the version's status/labels/metrics, the job's
    progress. A failure (a soft time limit too) marks both failed with the error and is logged
    instead of raising.
    """
    from modeldemo import training

    version = ModelVersion.objects.select_related("conference").filter(pk=version_id).first()
    if version is None or version.status != VersionStatus.TRAINING:
        return version
    job = Job.objects.filter(pk=job_id).first() if job_id else None
    conference = version.conference
    out_dir = settings.ML_MODELS_DIR / (conference.slug if conference else "global") / version.name
    config = version.training_config
    datasets = config.get("datasets") or ()
    examples = training_examples(conference=conference, datasets=datasets)
    # Read after the examples: decisions above it are ones this version never trained on.
    decisions_up_to = label_maps.last_decision_pk(conference=conference)
    revisions = label_maps.mapping_revisions(conference=conference, datasets=datasets)
    recent = label_maps.imported_count(conference=conference, datasets=datasets)
    try:
        result = training.train(
            kind=version.kind,
            texts=[text for text, _ in examples],
            labels=[label for _, label in examples],
            out_dir=out_dir,
            epochs=config.get("epochs"),
            max_length=config.get("max_length"),
            tfidf_weight=config.get("tfidf_weight"),
            label_texts=dict(sorted(_track_label_texts(conference))) if conference else {},
            chinese_texts=dict(serving.track_chinese_texts(conference)) if conference else {},
            progress=_JobProgress(job),
            # Validate on the latest past programme, once there is enough of one.
            recent=recent if recent >= 10 else None,
        )
    except Exception as error:  # a soft time limit too
        logger.exception("training %s failed", version.name)
        ModelVersion.objects.filter(pk=version.pk).update(
            status=VersionStatus.FAILED, error=describe_error(error)[:2000]
        )
        _finish_job(job, status=JobStatus.FAILED, error=describe_error(error))
        return None
    version.labels = result.labels
    version.metrics = result.metrics
    version.trained_on = result.trained_on
    version.validated_on = result.validated_on
    version.training_config = {
        **config,
        **result.config,
        "evidence": result.evidence,
        "mappings": revisions,
        "decisions_up_to": decisions_up_to,
    }
    version.calibration = result.calibration
    version.path = str(result.path or "")
    version.status = VersionStatus.READY
    version.save()
    if conference is not None:
        try:
            gate = serving.run_gate(
                version=version, active=active_model_version(conference=conference)
            )
        except Exception:  # the version stays usable; its gate reads as not run
            logger.exception("the gate of %s failed", version.name)
            gate = {}
        # Promoted by the app only when it wins (gate.wins), not when it merely passes.
        if config.get("challenger") and gate.get("wins"):
            make_version_active(version=version)
            version.training_config = {**version.training_config, "promoted": True}
            ModelVersion.objects.filter(pk=version.pk).update(
                training_config=version.training_config
            )
            queue_recategorisation(conference=conference)
        elif config.get("challenger") and refresh_active_calibration(conference=conference):
            # The active version stays, its confidence refitted on the decisions so far.
            queue_recategorisation(conference=conference)
    _finish_job(job, status=JobStatus.DONE, message=_("Ready."))
    return version


@transaction.atomic
def activate_model_version(*, version: ModelVersion, user, reason: str = "") -> list[str]:
    """Make `version` the conference's categoriser (or roll back to it). Returns unknown labels.

    Refused when the version is not ready, none of its labels names a track, or the gate found
    it worse than the active version or zero-shot on this conference's decided submissions,
    unless `reason` says why anyway (recorded on the version).
    """
    _require_organiser(user, version.conference)
    return make_version_active(version=version, reason=reason)


@transaction.atomic
def make_version_active(*, version: ModelVersion, reason: str = "") -> list[str]:
    """Activate without a permission check (for commands run by the operator)."""
    conference = version.conference
    if version.status != VersionStatus.READY:
        raise ValidationError(_("Only a ready model can be activated."))
    reason = reason.strip()
    if (version.gate or {}).get("verdict") == Verdict.FAIL and version.kind != Kind.ZEROSHOT:
        if not reason:
            raise ValidationError(
                _(
                    "%(name)s scores worse than the active version or zero-shot on this "
                    "conference's decided submissions: give a reason to activate it anyway."
                )
                % {"name": version.name},
                code="gate",
            )
        ModelVersion.objects.filter(pk=version.pk).update(override_reason=reason[:2000])
        version.override_reason = reason[:2000]
    mapping, unknown = label_mapping(labels=version.labels, conference=conference)
    if not mapping:
        raise ValidationError(_("None of this model's labels is a track of this conference."))
    ModelVersion.objects.filter(conference=conference, is_active=True).update(is_active=False)
    ModelVersion.objects.filter(pk=version.pk).update(is_active=True, activated_at=timezone.now())
    version.is_active = True
    # The organiser's target precision gives another threshold with another version.
    apply_target(conference=conference)
    return unknown


def refresh_active_calibration(*, conference: Conference) -> bool:
    """Refit the active version's confidence map on the decisions it has not seen
    (serving.recalibrate) and derive the auto-assignment threshold again; whether it changed."""
    active = active_model_version(conference=conference)
    if active is None:
        return False
    with transaction.atomic():
        if not serving.recalibrate(version=active):
            return False
        apply_target(conference=conference)
    return True


def start_recategorisation(*, conference: Conference, user) -> tuple[Job, bool]:
    """Queue re-categorisation of all the conference's submissions with the active model.

    Returns (job, created): while one is queued or running, that one, and nothing is queued
    (one re-categorisation per conference at a time).
    """
    _require_organiser(user, conference)
    return queue_recategorisation(conference=conference)


@transaction.atomic
def queue_recategorisation(*, conference: Conference) -> tuple[Job, bool]:
    """start_recategorisation without the permission check (the app's own retraining)."""
    from modeldemo.tasks import task_recategorise_conference

    running = _active_jobs(conference=conference, kind=JobKind.RECATEGORISE).first()
    if running is not None:
        return running, False
    try:
        with transaction.atomic():
            job = Job.objects.create(conference=conference, kind=JobKind.RECATEGORISE)
    except IntegrityError:  # a second start in the same instant: answer with the first
        return _active_jobs(conference=conference, kind=JobKind.RECATEGORISE).get(), False
    dispatch(task_recategorise_conference, conference.pk, job.pk)
    return job, True


def recategorise_conference(*, conference_id: int, job_id: int | None = None) -> int:
    """Categorise every submission of a conference in batches, reporting progress.

    A submission that cannot be categorised is skipped and the others go on; the job then
    fails with how many failed and the first error.
    """
    conference = Conference.objects.filter(pk=conference_id).first()
    job = Job.objects.filter(pk=job_id).first() if job_id else None
    if conference is None:
        _finish_job(job, status=JobStatus.FAILED, error="conference gone")
        return 0
    ids = list(conference.submissions.order_by("pk").values_list("pk", flat=True))
    progress = _JobProgress(job)
    progress(0, len(ids), "categorising")
    done, errors = 0, []
    for start in range(0, len(ids), BATCH_SIZE):
        batch_done, batch_errors = _categorise(ids[start : start + BATCH_SIZE])
        done += batch_done
        errors += batch_errors
        progress(min(start + BATCH_SIZE, len(ids)), len(ids), "categorising")
    message = _("%(n)d submissions categorised.") % {"n": done}
    if errors:
        error = _("%(n)d of %(total)d submissions could not be categorised; first: %(error)s") % {
            "n": len(errors),
            "total": len(ids),
            "error": describe_error(errors[0]),
        }
        _finish_job(job, status=JobStatus.FAILED, message=message, error=error)
    else:
        _finish_job(job, status=JobStatus.DONE, message=message)
    return done


def queue_missing_predictions() -> int:
    """Queue every submission that has no prediction from its conference's current model.

    Run by beat: whatever a broker outage lost is found again. Returns how many were queued.
    """
    from modeldemo.tasks import task_categorise_submissions

    queued = 0
    for conference in Conference.objects.filter(tracks__isnull=False).distinct():
        ids = list(
            talk_selectors.submissions_without_prediction(
                conference=conference, model_version=current_version_name(conference=conference)
            )
        )
        for start in range(0, len(ids), BATCH_SIZE):
            dispatch(task_categorise_submissions, ids[start : start + BATCH_SIZE])
        queued += len(ids)
    return queued


# -- jobs: heartbeat, failures, sweeps -------------------------------------------------------

# A job with no heartbeat for longer than its task's hard time limit has no live task: the
# worker would have killed it by then. The margin covers clocks and the time to start it.
JOB_TIME_LIMITS = {
    JobKind.TRAIN: ML_TRAINING_OPTIONS["time_limit"],
    JobKind.RECATEGORISE: ML_TASK_OPTIONS["time_limit"],
    JobKind.PROPOSE_MAPPING: ML_TASK_OPTIONS["time_limit"],
}
STALE_JOB_MARGIN = timedelta(minutes=2)


def describe_error(error: BaseException) -> str:
    """An error as a job shows it: "Type: message"."""
    name = type(error).__name__
    if isinstance(error, SoftTimeLimitExceeded):
        return f"{name}: {_('the task ran past its time limit')}"
    text = str(error)
    return f"{name}: {text}" if text else name


def claim_job(*, job_id: int, worker: str = "", task_id: str = "") -> bool:
    """Mark a job running on the Celery node `worker`; False if it is gone or has finished.

    A message redelivered after a sweep failed its job (its worker died) so does nothing.
    """
    return bool(
        Job.objects.filter(pk=job_id, status__in=ACTIVE_JOB_STATUSES).update(
            status=JobStatus.RUNNING,
            worker=worker[:200],
            task_id=task_id[:100],
            updated_at=timezone.now(),
        )
    )


def fail_job(*, job_id: int, error: BaseException | str) -> int:
    """Mark an unfinished job failed with the error, and its model version if still training.

    Returns 1 if it was failed, 0 if it was gone or had finished.
    """
    job = Job.objects.filter(pk=job_id, status__in=ACTIVE_JOB_STATUSES).first()
    return _fail(job, error if isinstance(error, str) else describe_error(error))


def _fail(job: Job | None, error: str) -> int:
    if job is None:
        return 0
    now = timezone.now()
    # Conditional on the state read: a job that moved on meanwhile is left alone.
    if not Job.objects.filter(pk=job.pk, status=job.status, updated_at=job.updated_at).update(
        status=JobStatus.FAILED, error=error, updated_at=now, finished_at=now
    ):
        return 0
    if job.model_version_id:
        ModelVersion.objects.filter(pk=job.model_version_id, status=VersionStatus.TRAINING).update(
            status=VersionStatus.FAILED, error=error[:2000]
        )
    return 1


def _worker_stopped(job: Job) -> str:
    return _("the worker stopped (no progress since %(since)s)") % {
        "since": job.updated_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    }


def fail_stale_jobs(*, now=None) -> int:
    """Fail the queued or running jobs whose heartbeat is older than their task's hard time
    limit plus a margin: their worker died (kill -9, out of memory, a lost machine) or their
    message was lost. Run by beat and by a starting ml worker. Returns how many failed.
    """
    now = now or timezone.now()
    failed = 0
    for kind, limit in JOB_TIME_LIMITS.items():
        cutoff = now - timedelta(seconds=limit) - STALE_JOB_MARGIN
        stale = Job.objects.filter(kind=kind, status__in=ACTIVE_JOB_STATUSES, updated_at__lt=cutoff)
        for job in stale.order_by("pk"):
            failed += _fail(job, _worker_stopped(job))
    return failed


def fail_jobs_of_worker(*, worker: str) -> int:
    """Fail the running jobs of the Celery node `worker`, which has just started: whatever it
    ran before was killed with it, and the broker hands the message back only after the
    visibility timeout (hours). Node names must be unique, as Celery asks anyway.
    """
    failed = 0
    for job in Job.objects.filter(worker=worker, status=JobStatus.RUNNING).order_by("pk"):
        failed += _fail(job, _worker_stopped(job))
    return failed


def sweep_on_worker_start(*, worker: str) -> dict[str, int]:
    """What an ml worker does before its first task: fail its own jobs that died with its
    previous run, fail stale jobs, and queue the submissions without a current prediction.

    Returns the counts {"own": ..., "stale": ..., "queued": ...}.
    """
    return {
        "own": fail_jobs_of_worker(worker=worker),
        "stale": fail_stale_jobs(),
        "queued": queue_missing_predictions(),
    }


# -- learning from the queue -----------------------------------------------------------------

# Kinds a challenger may be: the fast ones, bert only where a GPU worker is configured.
FAST_KINDS = (Kind.TFIDF, Kind.MLP)


def maybe_train_challenger(*, conference_id: int) -> Job | None:
    """After every ML_RETRAIN_EVERY (default 20) new decisions by people since the newest
    version, queue a challenger of the active version's kind (a fast one) on the same data
    sets. Its gate runs when it is trained and it is activated only if it wins (gate.wins:
    it passes and beats the active version in most resamples of the held-out decisions).

    Only where a trained version is active: an organiser on zero-shot has not asked for one;
    there, every ML_RETRAIN_EVERY decisions refit its confidence map instead (and the
    suggestions are made again). Returns the job, or None when nothing was queued. Side
    effects: a ModelVersion and a Job.
    """
    conference = Conference.objects.filter(pk=conference_id).first()
    active = active_model_version(conference=conference) if conference else None
    every = getattr(settings, "ML_RETRAIN_EVERY", 20)
    if active is not None and active.kind == Kind.ZEROSHOT:
        # Nothing to train, but its confidence is refitted every N decisions.
        decided = talk_selectors.review_examples_since(conference=conference)
        measured = len(((active.calibration or {}).get("decided") or {}).get("correct") or [])
        if decided - measured >= every and refresh_active_calibration(conference=conference):
            queue_recategorisation(conference=conference)
        return None
    if active is None:
        return None
    newest = ModelVersion.objects.filter(conference=conference).order_by("-created_at").first()
    new = talk_selectors.review_examples_since(conference=conference, since=newest.created_at)
    if new < every or _active_jobs(conference=conference, kind=JobKind.TRAIN).exists():
        return None
    gpu = getattr(settings, "ML_DEVICE", "auto") == "cuda"
    kind = active.kind if active.kind in FAST_KINDS or gpu else Kind.TFIDF
    from modeldemo.tasks import task_train_categoriser

    with transaction.atomic():
        version = ModelVersion.objects.create(
            conference=conference,
            kind=kind,
            base_model=base_model_name(),
            training_config={
                "datasets": (active.training_config or {}).get("datasets") or [],
                "challenger": True,
                "challenges": active.name,
                "new_decisions": new,
            },
        )
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    conference=conference, kind=JobKind.TRAIN, model_version=version
                )
        except IntegrityError:  # another training started meanwhile
            version.delete()
            return None
        dispatch(task_train_categoriser, version.pk, job.pk)
    return job
