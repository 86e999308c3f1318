"""The categoriser a model version serves, over every track of its conference, calibrated;
the gate that runs before activation; the threshold for a target precision.

Models load once per worker process (cached by folder, and by track texts for zero-shot).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
from django.utils import timezone

from conference.models import Conference
from modeldemo import gate as gate_rules
from modeldemo.calibration import threshold_for_precision
from modeldemo.coverage import STRENGTH
from modeldemo.enums import Kind
from modeldemo.models import ModelVersion

# Below this many decided submissions a threshold is also read from the training data's
# validation split; above, this conference's decisions alone set it.
MIN_DECIDED_FOR_THRESHOLD = 50


@functools.lru_cache(maxsize=16)
def zero_shot(
    label_texts: tuple[tuple[str, str], ...], chinese_texts: tuple[tuple[str, str], ...] = ()
):
    from modeldemo.categorisers.zeroshot import ZeroShotCategoriser

    return ZeroShotCategoriser(dict(label_texts), chinese_texts=dict(chinese_texts) or None)


@functools.lru_cache(maxsize=8)
def trained(kind: str, path: str):
    if kind == Kind.MLP:
        from modeldemo.categorisers.mlp import MLPCategoriser

        return MLPCategoriser.load(path)
    if kind == Kind.TFIDF:
        from modeldemo.text.tfidf import TfidfCategoriser

        return TfidfCategoriser.load(path)
    from modeldemo.bert.predict import load_categoriser

    return load_categoriser(path)


def track_label_texts(conference: Conference) -> tuple[tuple[str, str], ...]:
    return tuple((track.name, track.categoriser_text) for track in conference.tracks.all())


def track_chinese_texts(conference: Conference) -> tuple[tuple[str, str], ...]:
    """The tracks' Chinese texts for Chinese submissions; () when no track has Chinese words
    (then Chinese submissions are compared with the English texts, as before)."""
    tracks = list(conference.tracks.all())
    if not any(track.name_zh or track.description_zh for track in tracks):
        return ()
    return tuple((track.name, track.categoriser_text_zh) for track in tracks)


def categoriser_for_version(*, version: ModelVersion, conference: Conference):
    """The version's categoriser over the conference's tracks as they are now.

    A trained model is blended per track with zero-shot (modeldemo.coverage), so a track it
    never saw is still suggested; every kind gets the version's temperature.
    """
    from modeldemo.categorisers.covered import CalibratedCategoriser, CoveredCategoriser

    label_texts = track_label_texts(conference)
    if not label_texts:
        return None
    prior = zero_shot(label_texts, track_chinese_texts(conference))
    temperature = float((version.calibration or {}).get("temperature") or 1.0)
    if version.kind == Kind.ZEROSHOT or not version.path:
        return CalibratedCategoriser(prior, temperature=temperature, version=version.name)
    return CoveredCategoriser(
        trained(version.kind, version.path),
        prior,
        evidence=(version.training_config or {}).get("evidence") or {},
        temperature=temperature,
        # The blend's strength fitted at training (versions before it: the default).
        strength=float((version.calibration or {}).get("strength", STRENGTH)),
        version=version.name,
    )


def builtin_zeroshot(*, conference: Conference) -> ModelVersion:
    """The conference's built-in zero-shot row (created on first use), ready to activate."""
    from modeldemo.bert.encoder import encoder_name
    from modeldemo.enums import VersionStatus

    version = (
        ModelVersion.objects.filter(
            conference=conference, kind=Kind.ZEROSHOT, training_config__builtin=True
        )
        .order_by("pk")
        .first()
    )
    if version is None:
        version = ModelVersion.objects.create(
            conference=conference,
            kind=Kind.ZEROSHOT,
            base_model=encoder_name(),
            labels=[track.name for track in conference.tracks.all()],
            training_config={"builtin": True},
            status=VersionStatus.READY,
        )
    return version


def _scores(categoriser, examples: Sequence[tuple[str, str]]) -> tuple[dict, np.ndarray]:
    texts = [text for text, _ in examples]
    gold = [label for _, label in examples]
    probabilities = categoriser.predict_proba(texts) if texts else np.zeros((0, 1))
    return gate_rules.scores(gold, probabilities, categoriser.labels), probabilities


def run_gate(*, version: ModelVersion, active: ModelVersion | None) -> dict:
    """Score `version`, the active version and zero-shot on the conference's held-out decided
    submissions; the verdict is "fail" when `version` is worse than either of the others.

    Side effects: the version's gate (and its calibration's "decided" confidences, used for the
    auto-assignment threshold) are saved.
    """
    from modeldemo import label_maps

    conference = version.conference
    examples = label_maps.gate_examples(conference=conference)
    candidate = categoriser_for_version(version=version, conference=conference)
    candidate_scores, probabilities = _scores(candidate, examples)
    others = {}
    # The built-in row if it exists; else zero-shot as it would serve (no row made here).
    zeroshot_row = ModelVersion.objects.filter(
        conference=conference, kind=Kind.ZEROSHOT, training_config__builtin=True
    ).first() or ModelVersion(conference=conference, kind=Kind.ZEROSHOT, status="ready")
    for name, other in (("active", active), ("zeroshot", zeroshot_row)):
        if other is None or other.pk == version.pk or other.status != "ready":
            continue
        if name == "zeroshot" and active is not None and active.pk == other.pk:
            continue
        categoriser = categoriser_for_version(version=other, conference=conference)
        label = other.name if other.pk else "zeroshot"
        others[name] = {"version": label, **_scores(categoriser, examples)[0]}
    verdicts = [gate_rules.compare(candidate_scores, scores) for scores in others.values()]
    if not others:
        verdicts = [gate_rules.compare(candidate_scores, None)]
    if gate_rules.Verdict.NO_DATA in verdicts:
        verdict = gate_rules.Verdict.NO_DATA
    elif gate_rules.Verdict.FAIL in verdicts:
        verdict = gate_rules.Verdict.FAIL
    else:
        verdict = gate_rules.Verdict.PASS
    gate = {
        "verdict": verdict,
        "metric": gate_rules.METRIC,
        "candidate": candidate_scores,
        **others,
        "at": timezone.now().isoformat(timespec="seconds"),
    }
    calibration = dict(version.calibration or {})
    if len(examples):
        gold = [label for _, label in examples]
        labels = list(candidate.labels)
        calibration["decided"] = {
            "confidence": [round(float(p), 5) for p in probabilities.max(axis=1)],
            "correct": [
                bool(labels[j] == g)
                for j, g in zip(probabilities.argmax(axis=1), gold, strict=True)
            ],
        }
    ModelVersion.objects.filter(pk=version.pk).update(gate=gate, calibration=calibration)
    version.gate, version.calibration = gate, calibration
    return gate


def auto_assign_threshold(*, version: ModelVersion, target: float) -> dict:
    """The lowest confidence at which the version's suggestions were right ≥ `target` of the
    time: on the conference's held-out decisions, pooled with the training data's validation
    split while there are fewer than MIN_DECIDED_FOR_THRESHOLD of them.

    {"threshold" (None: no confidence reaches it), "precision", "coverage", "count", "on"}.
    """
    calibration = version.calibration or {}
    decided = calibration.get("decided") or {"confidence": [], "correct": []}
    validation = calibration.get("validation") or {"confidence": [], "correct": []}
    confidence, correct, on = list(decided["confidence"]), list(decided["correct"]), "decided"
    if len(confidence) < MIN_DECIDED_FOR_THRESHOLD:
        confidence += validation["confidence"]
        correct += validation["correct"]
        on = "decided+validation" if decided["confidence"] else "validation"
    # A handful of texts cannot show a precision of 95%: ask for 20 at least.
    found = threshold_for_precision(confidence, correct, target=target, min_count=20)
    return {**found, "on": on}
