"""ML services: the model registry, training, and categorising submissions.

torch is only imported through modeldemo.bert / modeldemo.categorisers, inside functions, so
importing this module from a web process costs nothing.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.dispatch import dispatch
from conference.models import Conference
from conference.rules import is_organiser
from modeldemo.enums import JobKind, JobStatus, Kind, VersionStatus
from modeldemo.models import Job, ModelVersion
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


@functools.lru_cache(maxsize=16)
def _zero_shot(label_texts: tuple[tuple[str, str], ...]):
    from modeldemo.categorisers.zeroshot import ZeroShotCategoriser

    return ZeroShotCategoriser(dict(label_texts))


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
    their names and descriptions stay the same). Loaded once per worker process.
    """
    version = active_model_version(conference=conference)
    if version is not None and version.kind != Kind.ZEROSHOT:
        categoriser = _trained(version.kind, version.path)
        mapping, _unknown = label_mapping(labels=categoriser.labels, conference=conference)
        return categoriser, mapping, version.name
    label_texts = _track_label_texts(conference)
    if not label_texts:
        return None, {}, ""
    categoriser = _zero_shot(label_texts)
    mapping, _unknown = label_mapping(labels=categoriser.labels, conference=conference)
    return categoriser, mapping, categoriser.version


def current_version_name(*, conference: Conference) -> str:
    """The version name new predictions get, computed without loading any model."""
    version = active_model_version(conference=conference)
    if version is not None and version.kind != Kind.ZEROSHOT:
        return version.name
    from modeldemo.bert.encoder import encoder_name
    from modeldemo.categorisers.zeroshot import zeroshot_version

    return zeroshot_version(dict(_track_label_texts(conference)), encoder_name())


# -- categorising ----------------------------------------------------------------------------


def categorise_submission(*, submission_id: int) -> bool:
    """Predict the track of one submission and record it. False if there was nothing to do.

    Side effects: one Prediction row (per model version) and the submission's suggested track.
    """
    return categorise_submissions(submission_ids=[submission_id]) > 0


def categorise_submissions(*, submission_ids: Sequence[int]) -> int:
    """Predict tracks for many submissions, batched per conference; returns how many got one.

    Idempotent: one prediction per submission and model version (a rerun updates it).
    """
    submissions = [
        s for pk in submission_ids if (s := talk_selectors.submission_for_categorising(pk=pk))
    ]
    by_conference: dict[int, list] = {}
    for submission in submissions:
        by_conference.setdefault(submission.conference_id, []).append(submission)
    done = 0
    for group in by_conference.values():
        categoriser, mapping, version_name = categoriser_for_conference(
            conference=group[0].conference
        )
        if categoriser is None or not mapping:
            continue
        texts = [s.categoriser_text for s in group]
        # Ask for every label: some may map to no track and are dropped before the top 3.
        rankings = categoriser.predict(texts, k=len(categoriser.labels))
        for submission, ranking in zip(group, rankings, strict=True):
            mapped = [(mapping[label], p) for label, p in ranking if label in mapping][:3]
            if not mapped:
                continue
            talk_services.record_prediction(
                submission=submission,
                ranking=mapped,
                categoriser=categoriser.kind,
                model_version=version_name,
            )
            done += 1
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
    rows = talk_selectors.labelled_examples(conference=conference, datasets=datasets)
    return [(row.text, row.label) for row in rows]


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
    """
    from modeldemo.tasks import task_train_categoriser

    _require_organiser(user, conference)
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
    job = Job.objects.create(conference=conference, kind=JobKind.TRAIN, model_version=version)
    dispatch(task_train_categoriser, version.pk, job.pk)
    return job


def base_model_name() -> str:
    from modeldemo.bert.encoder import encoder_name

    return encoder_name()


class _JobProgress:
    """Writes a job's progress to the database, at most once a second."""

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
        Job.objects.filter(pk=self.job.pk).update(
            status=JobStatus.RUNNING, done=done, total=total, message=message[:500]
        )


def _finish_job(job: Job | None, *, status: str, message: str = "") -> None:
    if job is not None:
        Job.objects.filter(pk=job.pk).update(
            status=status, message=message[:500], finished_at=timezone.now()
        )


def train_model_version(*, version_id: int, job_id: int | None = None) -> ModelVersion | None:
    """Train a registered version on its conference's examples; saves the model and metrics.

    Side effects: files under ML_MODELS_DIR, the version's status/labels/metrics, the job's
    progress. A failure marks both failed (and is logged) instead of raising, so the broker does
    not redeliver a training that will fail again.
    """
    from modeldemo import training

    version = ModelVersion.objects.select_related("conference").filter(pk=version_id).first()
    if version is None or version.status != VersionStatus.TRAINING:
        return version
    job = Job.objects.filter(pk=job_id).first() if job_id else None
    conference = version.conference
    out_dir = settings.ML_MODELS_DIR / (conference.slug if conference else "global") / version.name
    config = version.training_config
    examples = training_examples(conference=conference, datasets=config.get("datasets") or ())
    try:
        result = training.train(
            kind=version.kind,
            texts=[text for text, _ in examples],
            labels=[label for _, label in examples],
            out_dir=out_dir,
            epochs=config.get("epochs"),
            max_length=config.get("max_length"),
            tfidf_weight=config.get("tfidf_weight"),
            label_texts=dict(_track_label_texts(conference)) if conference else {},
            progress=_JobProgress(job),
        )
    except Exception as error:
        logger.exception("training %s failed", version.name)
        ModelVersion.objects.filter(pk=version.pk).update(
            status=VersionStatus.FAILED, error=str(error)[:2000]
        )
        _finish_job(job, status=JobStatus.FAILED, message=str(error))
        return None
    version.labels = result.labels
    version.metrics = result.metrics
    version.trained_on = result.trained_on
    version.validated_on = result.validated_on
    version.training_config = {**config, **result.config}
    version.path = str(result.path or "")
    version.status = VersionStatus.READY
    version.save()
    _finish_job(job, status=JobStatus.DONE, message=_("Ready."))
    return version


@transaction.atomic
def activate_model_version(*, version: ModelVersion, user) -> list[str]:
    """Make `version` the conference's categoriser (or roll back to it). Returns unknown labels.

    Refused when the version is not ready or none of its labels names a track.
    """
    _require_organiser(user, version.conference)
    return make_version_active(version=version)


@transaction.atomic
def make_version_active(*, version: ModelVersion) -> list[str]:
    """Activate without a permission check (for commands run by the operator)."""
    conference = version.conference
    if version.status != VersionStatus.READY:
        raise ValidationError(_("Only a ready model can be activated."))
    mapping, unknown = label_mapping(labels=version.labels, conference=conference)
    if not mapping:
        raise ValidationError(_("None of this model's labels is a track of this conference."))
    ModelVersion.objects.filter(conference=conference, is_active=True).update(is_active=False)
    ModelVersion.objects.filter(pk=version.pk).update(is_active=True, activated_at=timezone.now())
    version.is_active = True
    return unknown


@transaction.atomic
def start_recategorisation(*, conference: Conference, user) -> Job:
    """Queue re-categorisation of all the conference's submissions with the active model."""
    from modeldemo.tasks import task_recategorise_conference

    _require_organiser(user, conference)
    job = Job.objects.create(conference=conference, kind=JobKind.RECATEGORISE)
    dispatch(task_recategorise_conference, conference.pk, job.pk)
    return job


def recategorise_conference(*, conference_id: int, job_id: int | None = None) -> int:
    """Categorise every submission of a conference in batches, reporting progress."""
    conference = Conference.objects.filter(pk=conference_id).first()
    job = Job.objects.filter(pk=job_id).first() if job_id else None
    if conference is None:
        _finish_job(job, status=JobStatus.FAILED, message="conference gone")
        return 0
    ids = list(conference.submissions.order_by("pk").values_list("pk", flat=True))
    progress = _JobProgress(job)
    done = 0
    for start in range(0, len(ids), BATCH_SIZE):
        done += categorise_submissions(submission_ids=ids[start : start + BATCH_SIZE])
        progress(min(start + BATCH_SIZE, len(ids)), len(ids), "categorising")
    _finish_job(
        job, status=JobStatus.DONE, message=_("%(n)d submissions categorised.") % {"n": done}
    )
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
