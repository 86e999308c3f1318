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

# Decisions at or above a threshold needed before it counts as reaching a target precision.
MIN_AT_THRESHOLD = 20
# ... and how sure those decisions must make it: 19 right of 20 is a precision of 0.95 on
# them, but of at least 0.82 only, with 90 % probability, on the suggestions it would set (on
# IJCAI at 25 % decided a threshold read from the decisions' own precision promised 0.95 and
# set the rest 0.88 right). With this level, 45 right of 45 is the least that shows 0.95.
PRECISION_LEVEL = 0.9


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


def calibrated_zero_shot(prior, *, version=None, name=None, confidence_map: bool = True):
    """Zero-shot as served: softened by SERVING_TEMPERATURE (or a zero-shot version's own
    temperature), and with that version's confidence map where its decisions fitted one.
    `name`: the version name its predictions carry (default: the categoriser's own)."""
    from modeldemo.categorisers.covered import CalibratedCategoriser
    from modeldemo.categorisers.zeroshot import SERVING_TEMPERATURE

    calibration = (version.calibration if version is not None else None) or {}
    return CalibratedCategoriser(
        prior,
        temperature=float(calibration.get("temperature") or SERVING_TEMPERATURE),
        version=name or prior.version,
        confidence_map=calibration.get("confidence_map") if confidence_map else None,
    )


def track_label_texts(conference: Conference) -> tuple[tuple[str, str], ...]:
    return tuple((track.name, track.categoriser_text) for track in conference.tracks.all())


def track_chinese_texts(conference: Conference) -> tuple[tuple[str, str], ...]:
    """The tracks' Chinese texts for Chinese submissions; () when no track has Chinese words
    (then Chinese submissions are compared with the English texts, as before)."""
    tracks = list(conference.tracks.all())
    if not any(track.name_zh or track.description_zh for track in tracks):
        return ()
    return tuple((track.name, track.categoriser_text_zh) for track in tracks)


def categoriser_for_version(
    *, version: ModelVersion, conference: Conference, confidence_map: bool = True
):
    """The version's categoriser over the conference's tracks as they are now.

    A trained model is blended per track with zero-shot (modeldemo.coverage), so a track it
    never saw is still suggested; every kind gets the version's temperature, and its
    confidence map fitted on the conference's decisions where it has one (not with
    confidence_map=False: what the map is fitted on).
    """
    from modeldemo.categorisers.covered import CoveredCategoriser

    label_texts = track_label_texts(conference)
    if not label_texts:
        return None
    prior = zero_shot(label_texts, track_chinese_texts(conference))
    if version.kind == Kind.ZEROSHOT or not version.path:
        return calibrated_zero_shot(
            prior, version=version, name=version.name, confidence_map=confidence_map
        )
    calibration = version.calibration or {}
    return CoveredCategoriser(
        trained(version.kind, version.path),
        prior,
        evidence=(version.training_config or {}).get("evidence") or {},
        temperature=float(calibration.get("temperature") or 1.0),
        # The blend's strength fitted at training (versions before it: the default).
        strength=float(calibration.get("strength", STRENGTH)),
        version=version.name,
        confidence_map=calibration.get("confidence_map") if confidence_map else None,
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

    Side effects: the version's gate, and in its calibration the confidence map fitted on the
    decisions it never saw (decision_calibration) with their confidences after the map
    ("decided", for the auto-assignment threshold), are saved.
    """
    from modeldemo import label_maps

    conference = version.conference
    examples = label_maps.gate_examples(conference=conference)
    # Without a map: the map never changes a ranking (the gate's scores), and it is refitted.
    candidate = categoriser_for_version(
        version=version, conference=conference, confidence_map=False
    )
    candidate_scores, candidate_probabilities = _scores(candidate, examples)
    others = {}
    share = None  # the challenger's win share against the active version (gate.win_share)
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
        scores, probabilities = _scores(categoriser, examples)
        others[name] = {"version": label, **scores}
        if name == "active" and examples:
            columns = [list(categoriser.labels).index(label) for label in candidate.labels]
            share = gate_rules.win_share(
                [gold for _text, gold in examples],
                candidate_probabilities,
                np.asarray(probabilities)[:, columns],
                candidate.labels,
            )
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
        "win_share": None if share is None else round(share, 3),
        "wins": gate_rules.wins(verdict, share),
        "at": timezone.now().isoformat(timespec="seconds"),
    }
    calibration = {**(version.calibration or {}), **decision_calibration(version=version)}
    ModelVersion.objects.filter(pk=version.pk).update(gate=gate, calibration=calibration)
    version.gate, version.calibration = gate, calibration
    return gate


def _top_right(probabilities, labels: Sequence[str], gold: Sequence[str]) -> tuple[list, list]:
    """(top-1 confidence, whether it is the gold label) per row."""
    probabilities = np.asarray(probabilities, dtype=np.float64)
    if not len(gold):
        return [], []
    return (
        [float(p) for p in probabilities.max(axis=1)],
        [labels[j] == g for j, g in zip(probabilities.argmax(axis=1), gold, strict=True)],
    )


def _seen_up_to(version: ModelVersion) -> int | None:
    """The newest decision (example number) the version may have trained on: 0 for zero-shot,
    None for a trained version from before this was recorded (it could have seen any)."""
    config = version.training_config or {}
    if version.kind == Kind.ZEROSHOT:
        return 0
    seen = config.get("decisions_up_to")
    return None if seen is None else int(seen)


def decision_calibration(*, version: ModelVersion) -> dict:
    """The version's confidence map fitted on this conference's decisions, each scored by a
    model that never trained on it: {"confidence_map" (None: too few), "decided": {confidence,
    correct} after the map, "decided_ece_before", "decided_ece", "decided_bins",
    "decided_sources": {"own": n, "earlier": n}}.

    A decision the version never saw (the gate's held-out share, and every one made since it
    was trained) is scored by the version itself; one it trained on by the newest earlier
    version of the same kind that had not: which way a model of this kind errs on this
    conference carries from one version to the next, and those are most of what people
    decided. Scores are without any map (the map is what is fitted). The track queue's spot
    checks (talks.selectors.track_review_queue) put confident suggestions among them.
    """
    from modeldemo import label_maps

    conference = version.conference
    own_seen = _seen_up_to(version)
    decisions = label_maps.decided_examples(conference=conference)
    earlier = [
        (seen, other)
        for other in ModelVersion.objects.filter(
            conference=conference, kind=version.kind, status="ready"
        ).exclude(pk=version.pk)
        if (seen := _seen_up_to(other)) is not None
    ]
    groups: dict[int, tuple[ModelVersion, list]] = {}
    for pk, text, label, held_out, spot in decisions:
        if held_out or (own_seen is not None and pk > own_seen):
            scorer = version
        else:
            unseen = [(seen, other) for seen, other in earlier if seen < pk]
            if not unseen:
                continue
            scorer = max(unseen, key=lambda pair: (pair[0], pair[1].pk))[1]
        groups.setdefault(scorer.pk, (scorer, []))[1].append((text, label, spot))
    confidence, correct, spots, sources = [], [], [], {"own": 0, "earlier": 0}
    for scorer, examples in groups.values():
        categoriser = categoriser_for_version(
            version=scorer, conference=conference, confidence_map=False
        )
        if categoriser is None:
            continue
        more = _top_right(
            categoriser.predict_proba([text for text, _, _ in examples]),
            list(categoriser.labels),
            [label for _, label, _ in examples],
        )
        confidence += more[0]
        correct += more[1]
        spots += [spot for _, _, spot in examples]
        sources["own" if scorer.pk == version.pk else "earlier"] += len(examples)
    return _mapped_on(confidence, correct, sources, spots=spots)


def _mapped_on(confidence: list, correct: list, sources: dict, *, spots=None) -> dict:
    """The calibration entries of a confidence map fitted on (confidence, correct); `spots`
    says which decisions were spot checks (calibration.map_beats_none decides on them)."""
    from modeldemo.calibration import (
        expected_calibration_error_of,
        fit_confidence_map,
        map_beats_none,
        map_confidence,
        reliability_bins_of,
    )

    fitted = fit_confidence_map(confidence, correct)
    if fitted is not None and spots is not None and not map_beats_none(confidence, correct, spots):
        fitted = None
        sources = {**sources, "map_refused": True}
    mapped = [float(p) for p in map_confidence(confidence, fitted)]
    return {
        "confidence_map": fitted,
        "decided": {
            "confidence": [round(p, 5) for p in mapped],
            "correct": [bool(c) for c in correct],
        },
        "decided_ece_before": round(expected_calibration_error_of(confidence, correct), 4),
        "decided_ece": round(expected_calibration_error_of(mapped, correct), 4),
        "decided_bins": reliability_bins_of(mapped, correct),
        "decided_sources": sources,
    }


def recalibrate(*, version: ModelVersion) -> bool:
    """Measure the version on the decisions again (decision_calibration) when more of them
    count than last time, and refit its confidence map when they fit one. Returns whether the
    map changed. Side effects: its calibration."""
    calibration = version.calibration or {}
    before = len((calibration.get("decided") or {}).get("correct") or [])
    previous = calibration.get("confidence_map")
    entries = decision_calibration(version=version)
    if len(entries["decided"]["correct"]) <= before:
        return False
    if (
        entries["confidence_map"] is None
        and previous
        and not entries["decided_sources"].get("map_refused")
    ):
        # Too few wrong (or right) ones to fit: the map it has stays, and so does what was
        # measured with it.
        return False
    calibration = {**calibration, **entries}
    ModelVersion.objects.filter(pk=version.pk).update(calibration=calibration)
    version.calibration = calibration
    return calibration["confidence_map"] != previous


def auto_assign_threshold(*, version: ModelVersion, target: float) -> dict:
    """The lowest confidence at which the version's suggestions are right ≥ `target` of the
    time with PRECISION_LEVEL probability, judged on this conference's decisions it never saw
    (decision_calibration's "decided", after its confidence map). Never on the training
    data's validation split: past labels mapped to this year's tracks agree with the model
    where the mapping erred, and a threshold read there promised 0.95 and set tracks 82%
    right (bench/cfp_loop.py, FOSDEM).

    {"threshold" (None: no confidence reaches it), "precision", "coverage", "count", "on"}.
    """
    decided = (version.calibration or {}).get("decided") or {"confidence": [], "correct": []}
    # A handful of texts cannot show a precision of 95%: ask for 20 at least.
    found = threshold_for_precision(
        decided["confidence"],
        decided["correct"],
        target=target,
        min_count=MIN_AT_THRESHOLD,
        level=PRECISION_LEVEL,
    )
    return {**found, "on": "decided"}
