"""Reads of the model registry."""

from django.db.models import QuerySet

from conference.models import Conference
from modeldemo.models import Job, ModelVersion


def model_version_list(*, conference: Conference) -> QuerySet[ModelVersion]:
    return ModelVersion.objects.filter(conference=conference)


def recent_jobs(*, conference: Conference, limit: int = 5) -> QuerySet[Job]:
    return Job.objects.filter(conference=conference).select_related("model_version")[:limit]


def metric_rows(version: ModelVersion) -> list[tuple[str, object]]:
    """The headline metrics of a version, in display order."""
    metrics = version.metrics or {}
    keys = [
        "accuracy",
        "top_3_accuracy",
        "f1_macro",
        "f1_weighted",
        "precision_macro",
        "recall_macro",
        "roc_auc_ovr_macro",
    ]
    return [(key, metrics.get(key)) for key in keys]


def blend_parts(version: ModelVersion) -> list[tuple[str, dict]]:
    """[(name, headline validation metrics)] of a blended bert version's parts, else []."""
    parts = (version.training_config or {}).get("validation_parts") or {}
    names = [("BERT", "bert"), ("TF-IDF", "tfidf"), ("blend", "blend")]
    return [(name, parts[key]) for name, key in names if key in parts]


def gate_rows(version: ModelVersion) -> list[tuple[str, dict]]:
    """[(name, scores)] of the gate: this version, the active one, zero-shot."""
    gate = version.gate or {}
    rows = [(version.name, gate["candidate"])] if gate.get("candidate") else []
    for key in ("active", "zeroshot"):
        if gate.get(key):
            rows.append((gate[key].get("version", key), gate[key]))
    return rows
