"""The whole track-suggestion loop through the app's own services, on a throwaway conference.

    .venv/bin/python -m bench.cfp_loop \\
        --tracks bench/data/fosdem_tracks.json \\
        --past ../shared/data/fosdem_dev_2007_2024.jsonl --past-label-field label \\
        --past-until 2022 \\
        --submissions ../shared/data/fosdem_dev_2007_2024.jsonl --label-field label_coarse \\
        --submissions-from 2023 --review-fraction 0.1,0.25 --kinds tfidf

Stages, per kind, each scored on the submissions no person has decided yet:
  day-one       zero-shot over the tracks' names and descriptions, no labels at all;
  mapped-past   the past programme imported, its labels mapped to the tracks by the app's
                proposal (accepted as is), a model trained, gated and activated;
  decided-F     people decided a share F of the submissions, in the review queue's order
                (least confident first): the same model, fewer submissions left;
  retrained-F   a challenger trained on the past + those decisions, gated against the active
                version on the held-out decisions, activated only if it wins (as the app
                promotes its own challengers: modeldemo.gate.wins).
Figures: accuracy, macro-F1, top-3, ECE (10 bins, top-1), and at --target precision the
threshold the app derives, with the precision and coverage it gives on those submissions.

Everything goes through modeldemo/talks services on a SQLite database in --work (migrated
afresh), with Celery eager. Three things differ from a deployment, all for time: MiniLM
embeddings are cached on disk by text (--embedding-cache), so a rerun skips encoding; and
near-duplicate detection (which compares every submission with every other) is switched off.
The app's automatic challenger (every ML_RETRAIN_EVERY decisions) is off too: the bench
retrains once per fraction instead. --past-truth-field names the past's true track, where the
data has one, and the mapped-past stage then reports the share of the past the proposal put
under it (mapping_accuracy).
Not part of the test suite. Writes --output (bench/results/cfp_loop.json).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "cfp_loop.json"
TARGET = 0.95


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class CachedEncoder:
    """The app's encoder with every text's vector kept, in memory and in an .npz on disk."""

    def __init__(self, encoder, path: Path | None, extra: list[Path] | None = None):
        self.encoder = encoder
        self.name = encoder.name
        self.dimension = encoder.dimension
        self.max_length = encoder.max_length
        self.path = path
        self.vectors: dict[str, np.ndarray] = {}
        self.dirty = False
        for store in [path, *(extra or [])] if path else []:
            if store.exists():
                with np.load(store, allow_pickle=False) as stored:
                    self.vectors.update(
                        zip(stored["keys"].tolist(), stored["vectors"], strict=True)
                    )

    def _key(self, text: str) -> str:
        return hashlib.sha1(f"{self.name}/{self.max_length}/{text}".encode()).hexdigest()

    def encode(self, texts, *, batch_size: int = 32) -> np.ndarray:
        keys = [self._key(text) for text in texts]
        missing = list(
            dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self.vectors)
        )
        if missing:
            for start in range(0, len(missing), 256):
                chunk = missing[start : start + 256]
                for text, vector in zip(chunk, self.encoder.encode(chunk), strict=True):
                    self.vectors[self._key(text)] = vector
                self.dirty = True
                self.save()
        if not keys:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self.vectors[key] for key in keys])

    def save(self) -> None:
        if self.path and self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            keys = list(self.vectors)
            np.savez(
                self.path, keys=np.array(keys), vectors=np.stack([self.vectors[k] for k in keys])
            )
            self.dirty = False


def read_rows(path: Path, *, label_field: str, years: tuple[int | None, int | None], rename=None):
    """[(title, abstract, label)] of the file's records within the years (inclusive)."""
    low, high = years
    rows = []
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            continue
        record = json.loads(line)
        year = record.get("year")
        if year is not None and ((low and year < low) or (high and year > high)):
            continue
        label = str(record[label_field])
        rows.append(
            (record["title"][:200], record["abstract"][:5000], (rename or {}).get(label, label))
        )
    return rows


def setup_django(work: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'cfp_loop.sqlite3'}"
    os.environ["ML_MODELS_DIR"] = str(work / "models")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    # The bench retrains at each fraction itself (retrained-F); the app's own challenger every
    # ML_RETRAIN_EVERY decisions would train (eagerly) inside the decided-F stages.
    os.environ["ML_RETRAIN_EVERY"] = "1000000000"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def stage_figures(*, conference, gold: dict[int, str], threshold: float | None) -> dict:
    """Scores of the current predictions on the submissions no person decided."""
    from sklearn.metrics import f1_score

    from modeldemo import services
    from modeldemo.calibration import expected_calibration_error_of, precision_and_coverage
    from talks.enums import DECIDED_TRACK_SOURCES
    from talks.models import Prediction, Submission

    version = services.current_version_name(conference=conference)
    undecided = set(
        Submission.objects.filter(conference=conference)
        .exclude(track_source__in=DECIDED_TRACK_SOURCES)
        .values_list("pk", flat=True)
    )
    rows = Prediction.objects.filter(
        submission__conference=conference, model_version=version, submission_id__in=undecided
    ).values_list("submission_id", "top", "confidence")
    found = {pk: (top, confidence) for pk, top, confidence in rows}
    names, predicted, confidence, top3 = [], [], [], []
    for pk in sorted(undecided):
        top, conf = found.get(pk, ([], 0.0))
        names.append(gold[pk])
        labels = [entry["label"] for entry in top]
        predicted.append(labels[0] if labels else "")
        confidence.append(conf)
        top3.append(gold[pk] in labels[:3])
    correct = [p == g for p, g in zip(predicted, names, strict=True)]
    precision, coverage = precision_and_coverage(confidence, correct, threshold=threshold)
    return {
        "undecided": len(names),
        "predicted": len(found),
        "accuracy": round(float(np.mean(correct)), 4) if names else None,
        "macro_f1": round(
            float(f1_score(names, predicted, labels=sorted(set(names)), average="macro")), 4
        )
        if names
        else None,
        "top3": round(float(np.mean(top3)), 4) if names else None,
        "ece": round(expected_calibration_error_of(confidence, correct), 4) if names else None,
        "auto_threshold": threshold,
        "auto_precision": round(precision, 4),
        "auto_coverage": round(coverage, 4),
    }


def dump_stage(*, conference, gold: dict[int, str], name: str, folder: Path) -> None:
    """The active categoriser's probabilities for every submission, in primary-key order,
    with each one's true track, whether a person decided it and whether the gate holds it out
    (for studying calibration away from the loop)."""
    from modeldemo import gate, services
    from talks.enums import DECIDED_TRACK_SOURCES
    from talks.models import Submission

    categoriser, mapping, _version = services.categoriser_for_conference(conference=conference)
    rows = list(Submission.objects.filter(conference=conference).order_by("pk"))
    labels = [mapping[label].name if label in mapping else label for label in categoriser.labels]
    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        folder / f"{name}.npz",
        probabilities=categoriser.predict_proba([s.categoriser_text for s in rows]),
        labels=np.array(labels),
        pk=np.array([s.pk for s in rows]),
        gold=np.array([gold[s.pk] for s in rows]),
        decided=np.array([s.track_source in DECIDED_TRACK_SOURCES for s in rows]),
        held_out=np.array([gate.is_held_out(s.pk) for s in rows]),
        queue_confidence=np.array(
            [s.suggested_confidence if s.suggested_confidence is not None else -1.0 for s in rows]
        ),
    )


def run_kind(*, kind: str, args, tracks, past, submissions, user, started) -> list[dict]:
    from conference.models import Conference, Track
    from modeldemo import label_maps, services, serving
    from talks import selectors as talk_selectors
    from talks.models import Submission
    from talks.services import set_submission_track

    slug = f"cfp-loop-{kind}-{int(started)}"
    conference = Conference.objects.create(
        name=f"CfP loop ({kind})", slug=slug, **conference_dates()
    )
    from conference.enums import Role
    from conference.models import Membership

    Membership.objects.create(conference=conference, user=user, role=Role.ORGANISER)
    track_by_name = {}
    for position, track in enumerate(tracks):
        track_by_name[track["name"]] = Track.objects.create(
            conference=conference,
            name=track["name"],
            slug=f"t{position}",
            description=track.get("description", ""),
        )
    created = Submission.objects.bulk_create(
        [
            Submission(
                conference=conference,
                title=title,
                abstract=abstract,
                format="talk",
                duration=30,
                state="submitted",
            )
            for title, abstract, _label in submissions
        ]
    )
    gold = {s.pk: label for s, (_t, _a, label) in zip(created, submissions, strict=True)}
    stages = []

    def record(name: str, fraction: float, seconds: float, extra: dict | None = None) -> None:
        version = services.active_model_version(conference=conference)
        threshold = (
            serving.auto_assign_threshold(version=version, target=args.target)["threshold"]
            if version is not None
            else None
        )
        figures = stage_figures(conference=conference, gold=gold, threshold=threshold)
        entry = {
            "name": name,
            "kind": kind if name != "day-one" else "zeroshot",
            "decided_fraction": fraction,
            **figures,
            "seconds": round(seconds, 1),
            "active_version": version.name if version else "zeroshot",
            # Fitted on the decisions the version never saw (modeldemo.serving).
            "confidence_map": (version.calibration or {}).get("confidence_map")
            if version
            else None,
            "map_sources": (version.calibration or {}).get("decided_sources") if version else None,
            **(extra or {}),
        }
        stages.append(entry)
        log(json.dumps(entry))
        if args.dump:
            dump_stage(conference=conference, gold=gold, name=name, folder=Path(args.dump))

    # Day one: the zero-shot row is active from the start.
    t = time.monotonic()
    services.recategorise_conference(conference_id=conference.pk)
    record("day-one", 0.0, time.monotonic() - t)

    # The past programme: mapped by the app's proposal, as is; a model trained and activated.
    t = time.monotonic()
    proposals = label_maps.accept_label_mapping(
        conference=conference, dataset=args.dataset, user=user
    )
    mapping_seconds = time.monotonic() - t
    mapping_figures = {}
    if args.past_truth:
        # How much of the past the proposal put under its true track (ignored counts as wrong).
        chosen = {p.label: p.track for p in proposals}
        placed = [
            chosen.get(label) == truth
            for (*_, label), truth in zip(past, args.past_truth, strict=True)
        ]
        mapping_figures = {
            "mapping_accuracy": round(float(np.mean(placed)), 4),
            "mapping_ignored_examples": round(
                float(np.mean([chosen.get(label) is None for *_, label in past])), 4
            ),
        }
        log(f"mapping: {mapping_figures}")
    version = train_and_gate(conference=conference, kind=kind, user=user, datasets=[args.dataset])
    services.recategorise_conference(conference_id=conference.pk)
    record(
        "mapped-past",
        0.0,
        time.monotonic() - t,
        {
            "mapping_seconds": round(mapping_seconds, 1),
            "mapped_labels": sum(1 for p in proposals if p.track),
            "ignored_labels": sum(1 for p in proposals if not p.track),
            **mapping_figures,
            "gate": version.gate if version else None,
        },
    )

    total = len(created)
    decided = 0
    for fraction in args.review_fraction:
        t = time.monotonic()
        goal = int(round(fraction * total))
        pending = talk_selectors.track_review_queue(conference=conference, decision="pending")
        queue = list(pending.values_list("pk", flat=True)[: max(0, goal - decided)])
        for submission in Submission.objects.filter(pk__in=queue).select_related(
            "conference", "track", "suggested_track"
        ):
            set_submission_track(
                submission=submission, track=track_by_name[gold[submission.pk]], user=user
            )
        decided += len(queue)
        record(f"decided-{fraction:g}", decided / total, time.monotonic() - t)
        t = time.monotonic()
        version = train_and_gate(
            conference=conference, kind=kind, user=user, datasets=[args.dataset], challenger=True
        )
        services.recategorise_conference(conference_id=conference.pk)
        record(
            f"retrained-{fraction:g}",
            decided / total,
            time.monotonic() - t,
            {"gate": version.gate if version else None},
        )
    return stages


def train_and_gate(*, conference, kind, user, datasets, challenger=False):
    """Train a version (eagerly), run the gate, activate it if the gate lets it: as an
    organiser's activation (it passes), or with `challenger` as the app's own challenger is
    promoted (it wins, gate.wins)."""
    from django.core.exceptions import ValidationError

    from modeldemo import services
    from modeldemo.models import ModelVersion

    job = services.start_training(conference=conference, kind=kind, user=user, datasets=datasets)
    version = ModelVersion.objects.get(pk=job.model_version_id)
    if version.status != "ready":
        log(f"training failed: {version.error}")
        return None
    try:
        if challenger and not (version.gate or {}).get("wins"):
            share = (version.gate or {}).get("win_share")
            raise ValidationError(f"passed but did not win (won {share} of the resamples)")
        services.activate_model_version(version=version, user=user)
    except ValidationError as error:
        log(f"the gate kept {version.name} out: {error.messages}")
        # What the app does with a refused challenger: the active one's confidence refitted.
        if services.refresh_active_calibration(conference=conference):
            log("the active version's confidence map was refitted")
    return version


def conference_dates() -> dict:
    import datetime as dt

    start = dt.date.today() + dt.timedelta(days=60)
    return {"start_date": start, "end_date": start + dt.timedelta(days=1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tracks", required=True, help="JSON list of {name, description}")
    parser.add_argument("--past", required=True, help="JSONL of past programmes")
    parser.add_argument("--past-label-field", default="label")
    parser.add_argument("--past-until", type=int, help="last year of the past (inclusive)")
    parser.add_argument("--past-rename", help="JSON {label: new label} applied to the past")
    parser.add_argument(
        "--past-truth-field",
        help="the past's true track (e.g. label_coarse): the mapping's accuracy is reported",
    )
    parser.add_argument("--submissions", required=True, help="JSONL of this year's submissions")
    parser.add_argument("--label-field", default="label", help="their track (for scoring)")
    parser.add_argument("--submissions-from", type=int, help="first year of the submissions")
    parser.add_argument("--review-fraction", default="0.1", help="comma-separated shares")
    parser.add_argument("--kinds", default="tfidf", help="comma-separated kinds to train")
    parser.add_argument("--target", type=float, default=TARGET, help="auto-assign precision")
    parser.add_argument("--dataset", default="past")
    parser.add_argument("--limit", type=int, help="first N past and submissions (smoke runs)")
    parser.add_argument("--work", help="folder for the database and models (default: a temp)")
    parser.add_argument(
        "--embedding-cache",
        default="/tmp/cfp-loop/embeddings.npz,/tmp/cfp-loop/titles.npz",
        help="comma-separated .npz files ('' for none)",
    )
    parser.add_argument("--output", default=str(RESULTS))
    parser.add_argument(
        "--dump", help="folder: each stage's probabilities for every submission (.npz)"
    )
    args = parser.parse_args(argv)
    args.review_fraction = [float(f) for f in args.review_fraction.split(",") if f.strip()]
    started = time.time()
    work = Path(args.work or tempfile.mkdtemp(prefix="cfp-loop-"))
    work.mkdir(parents=True, exist_ok=True)
    tracks = json.loads(Path(args.tracks).read_text())
    rename = json.loads(Path(args.past_rename).read_text()) if args.past_rename else None
    past = read_rows(
        Path(args.past),
        label_field=args.past_label_field,
        years=(None, args.past_until),
        rename=rename,
    )
    submissions = read_rows(
        Path(args.submissions), label_field=args.label_field, years=(args.submissions_from, None)
    )
    args.past_truth = None
    if args.past_truth_field:
        truth = read_rows(
            Path(args.past), label_field=args.past_truth_field, years=(None, args.past_until)
        )
        args.past_truth = [label for *_, label in truth]
    if args.limit:
        past, submissions = past[: args.limit], submissions[: args.limit]
        args.past_truth = args.past_truth and args.past_truth[: args.limit]
    unknown = {label for *_, label in submissions} - {track["name"] for track in tracks}
    if unknown:
        parser.error(f"submission labels that are no track: {sorted(unknown)[:5]}")
    log(f"{len(past)} past examples, {len(submissions)} submissions, {len(tracks)} tracks")

    setup_django(work)
    from django.contrib.auth import get_user_model

    import modeldemo.bert.encoder as encoder_module
    from modeldemo import services
    from talks.services import import_labelled_examples

    stores = [Path(p) for p in args.embedding_cache.split(",") if p]
    # Vectors are read from every file given and written to the first.
    cache = CachedEncoder(encoder_module.get_encoder(), stores[0] if stores else None, stores[1:])
    encoder_module.get_encoder = lambda model_path=None: cache
    services._record_embeddings = lambda submissions, texts: None
    user = get_user_model().objects.create_user("cfp-loop", password="x")
    t = time.monotonic()
    import_labelled_examples(
        rows=[(f"{title}. {abstract}", label) for title, abstract, label in past],
        dataset=args.dataset,
    )
    log(f"imported in {time.monotonic() - t:.1f}s")
    stages = []
    for kind in [k.strip() for k in args.kinds.split(",") if k.strip()]:
        stages += run_kind(
            kind=kind,
            args=args,
            tracks=tracks,
            past=past,
            submissions=submissions,
            user=user,
            started=started,
        )
    cache.save()
    result = {
        "command": " ".join(["python -m bench.cfp_loop", *(argv or sys.argv[1:])]),
        "past": {
            "file": Path(args.past).name,
            "examples": len(past),
            "labels": len(Counter(label for *_, label in past)),
        },
        "submissions": {"file": Path(args.submissions).name, "count": len(submissions)},
        "tracks": len(tracks),
        "target_precision": args.target,
        "cpus": os.cpu_count(),
        "stages": stages,
        "seconds": round(time.time() - started, 1),
    }
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
