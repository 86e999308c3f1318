"""Automatic reviewer assignment: the min-cost flow against a greedy and a random baseline.

    .venv/bin/python -m bench.assign                 # 300/1,000 submissions × 30/80 reviewers
    .venv/bin/python -m bench.assign --sizes 300x30  # one size
    .venv/bin/python -m bench.assign --text tfidf    # TF-IDF instead of MiniLM

Data: FOSDEM talks (../shared/data/fosdem_dev_2007_2024.jsonl), their 12 coarse tracks as
areas. A reviewer is an area and 4 past abstracts of it (her expertise text), her tracks of
interest that area; reviewers are spread over the areas as the submissions are (at least one
each). Submissions are other abstracts, their area as the track. Seeded (42); 1% of the pairs
are conflicts of interest (never assigned); k = 3; every cap = ceil(1.2 · n · k / r).

Affinity as talks.assignment.affinity computes it: the text cosine on its fixed 0..1 line
(MiniLM: the reviewer's vector is the normalised mean of her abstracts' embeddings, as
modeldemo.reviewer_embeddings weighs history; TF-IDF: the same analyser, `terms`), plus
TRACK_BONUS for her area. No bids. Timed: the solver alone (affinity given), median of 3.

Methods: `flow` (talks.assignment.solver.solve_assignment, floor 0.2), `greedy` (all pairs by
affinity, highest first, taken while the submission needs one and the reviewer has room),
`random` (each submission in random order draws k reviewers with room). Reported: mean affinity
of the assignments, the share whose reviewer's area is the submission's track, the load
(max/min/std), unfilled slots, submissions whose best reviewer is below the floor, seconds.
Prints a table and writes bench/results/assign_<n>_<r>.json.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import random
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from bench.common import ROOT, act_as_web_process

DATA = ROOT.parent / "shared" / "data" / "fosdem_dev_2007_2024.jsonl"
RESULTS = ROOT / "bench" / "results"
CACHE = Path("/tmp/bench-assign/embeddings.npz")
SEED = 42
K = 3
ABSTRACTS_PER_REVIEWER = 4
CONFLICT_SHARE = 0.01
CAP_SLACK = 1.2
FLOOR = 0.2


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def load_rows() -> list[dict]:
    rows = []
    for line in DATA.open(encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            text = f"{row['title'].strip()}. {(row.get('abstract') or '').strip()}"
            if len(text) > 80:
                rows.append({"text": text[:2000], "area": row["label_coarse"]})
    return rows


def reviewers_per_area(areas: Counter, n_reviewers: int) -> dict[str, int]:
    """Largest remainder, at least one per area."""
    total = sum(areas.values())
    share = {a: max(1.0, n_reviewers * c / total) for a, c in areas.items()}
    out = {a: int(s) for a, s in share.items()}
    for a in sorted(share, key=lambda a: share[a] - out[a], reverse=True):
        if sum(out.values()) >= n_reviewers:
            break
        out[a] += 1
    return out


def make_instance(rows, n_sub: int, n_rev: int, seed: int = SEED):
    rng = random.Random(seed)
    rows = rows[:]
    rng.shuffle(rows)
    submissions = rows[:n_sub]
    pool = rows[n_sub:]
    quota = reviewers_per_area(Counter(r["area"] for r in submissions), n_rev)
    by_area = defaultdict(list)
    for row in pool:
        by_area[row["area"]].append(row["text"])
    reviewers = []
    for area in sorted(quota):
        for _ in range(quota[area]):
            texts = [by_area[area].pop() for _ in range(ABSTRACTS_PER_REVIEWER)]
            reviewers.append({"area": area, "texts": texts})
    forbidden = {
        (s, r) for s in range(n_sub) for r in range(n_rev) if rng.random() < CONFLICT_SHARE
    }
    return submissions, reviewers, forbidden


def text_scores_minilm(submissions, reviewers) -> np.ndarray:
    from bench.categorise import CachedEncoder
    from modeldemo.bert.encoder import get_encoder
    from modeldemo.reviewer_embeddings import reviewer_vector
    from talks.assignment.affinity import EMBEDDING_ONE, EMBEDDING_ZERO
    from talks.assignment.profiles import ReviewerText

    encoder = CachedEncoder(get_encoder(), path=CACHE)
    sub = encoder.encode([s["text"] for s in submissions])
    rev = np.stack(
        [
            reviewer_vector(ReviewerText(user_id=i, history=r["texts"]), encoder.encode)
            for i, r in enumerate(reviewers)
        ]
    )
    encoder.save()
    raw = sub.astype(np.float64) @ rev.T.astype(np.float64)
    return raw, np.clip((raw - EMBEDDING_ZERO) / (EMBEDDING_ONE - EMBEDDING_ZERO), 0, 1)


def text_scores_tfidf(submissions, reviewers) -> np.ndarray:
    from talks.assignment.affinity import TFIDF_ONE, TFIDF_ZERO, Tfidf

    vectoriser = Tfidf()
    matrix = vectoriser.fit_transform(
        [s["text"] for s in submissions] + ["\n".join(r["texts"]) for r in reviewers]
    )
    n = len(submissions)
    raw = (matrix[:n] @ matrix[n:].T).toarray()
    return raw, np.clip((raw - TFIDF_ZERO) / (TFIDF_ONE - TFIDF_ZERO), 0, 1)


def greedy(affinity, k, caps, forbidden):
    n_sub, n_rev = affinity.shape
    order = np.argsort(-affinity, axis=None, kind="stable")
    need = [k] * n_sub
    room = list(caps)
    pairs = []
    for flat in order:
        s, r = divmod(int(flat), n_rev)
        if need[s] and room[r] and (s, r) not in forbidden:
            pairs.append((s, r))
            need[s] -= 1
            room[r] -= 1
    return pairs


def random_assignment(affinity, k, caps, forbidden, seed=SEED):
    rng = random.Random(seed)
    n_sub, n_rev = affinity.shape
    room = list(caps)
    pairs = []
    subs = list(range(n_sub))
    rng.shuffle(subs)
    for s in subs:
        choices = [r for r in range(n_rev) if room[r] and (s, r) not in forbidden]
        for r in rng.sample(choices, min(k, len(choices))):
            pairs.append((s, r))
            room[r] -= 1
    return pairs


def measure(pairs, affinity, submissions, reviewers, forbidden, k, seconds):
    assert not set(pairs) & forbidden
    n_sub, n_rev = affinity.shape
    scores = [float(affinity[s, r]) for s, r in pairs]
    load = Counter(r for _s, r in pairs)
    loads = [load.get(r, 0) for r in range(n_rev)]
    best = defaultdict(float)
    for (s, _r), score in zip(pairs, scores, strict=True):
        best[s] = max(best[s], score)
    match = sum(submissions[s]["area"] == reviewers[r]["area"] for s, r in pairs)
    return {
        "mean_affinity": round(statistics.fmean(scores), 4),
        "area_match_share": round(match / len(pairs), 4),
        "load_max": max(loads),
        "load_min": min(loads),
        "load_std": round(float(np.std(loads)), 2),
        "unfilled_slots": n_sub * k - len(pairs),
        "best_below_floor": sum(1 for s in range(n_sub) if best[s] < FLOOR),
        "seconds": round(seconds, 4),
    }


def timed(fn, repeats=3):
    times, out = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return out, statistics.median(times)


def run(rows, n_sub, n_rev, text):
    from talks.assignment.affinity import TRACK_BONUS
    from talks.assignment.solver import solve_assignment

    submissions, reviewers, forbidden = make_instance(rows, n_sub, n_rev)
    log(f"{n_sub} × {n_rev}: scoring ({text})")
    raw, scores = (text_scores_minilm if text == "minilm" else text_scores_tfidf)(
        submissions, reviewers
    )
    same = np.array([[s["area"] == r["area"] for r in reviewers] for s in submissions])
    cap = math.ceil(CAP_SLACK * n_sub * K / n_rev)
    caps = [cap] * n_rev
    variants = {
        "methods": np.clip(scores + TRACK_BONUS * same, 0, 1),
        # Without the track bonus: does the text alone find the reviewer's area?
        "methods_text_only": scores,
    }
    results = {}
    for variant, affinity in variants.items():

        def flow(affinity=affinity):
            return solve_assignment(
                affinity=affinity, k=K, caps=caps, forbidden=forbidden, floor=FLOOR
            ).pairs

        results[variant] = {}
        for name, method in (
            ("flow", flow),
            ("greedy", lambda affinity=affinity: greedy(affinity, K, caps, forbidden)),
            ("random", lambda affinity=affinity: random_assignment(affinity, K, caps, forbidden)),
        ):
            pairs, seconds = timed(method)
            results[variant][name] = measure(
                pairs, affinity, submissions, reviewers, forbidden, K, seconds
            )
    calibration = {
        "raw_cosine_same_area": _quantiles(raw[same]),
        "raw_cosine_other_area": _quantiles(raw[~same]),
    }
    return {
        "submissions": n_sub,
        "reviewers": n_rev,
        "k": K,
        "cap": cap,
        "floor": FLOOR,
        "conflicts": len(forbidden),
        "text": text,
        "data": DATA.name,
        **results,
        "calibration": calibration,
        "machine": {"python": platform.python_version(), "processor": platform.machine()},
    }


def _quantiles(values) -> dict:
    values = np.asarray(values, dtype=float)
    return {
        q: round(float(np.quantile(values, p)), 3)
        for q, p in (("p10", 0.1), ("median", 0.5), ("p90", 0.9))
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["300x30", "1000x80"])
    parser.add_argument("--text", choices=["minilm", "tfidf"], default="minilm")
    args = parser.parse_args()
    act_as_web_process()
    import django

    django.setup()
    rows = load_rows()
    RESULTS.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        n_sub, n_rev = (int(x) for x in size.lower().split("x"))
        result = run(rows, n_sub, n_rev, args.text)
        suffix = "" if args.text == "minilm" else f"_{args.text}"
        path = RESULTS / f"assign_{n_sub}_{n_rev}{suffix}.json"
        path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(
            f"\n{n_sub} submissions × {n_rev} reviewers, k={K}, cap {result['cap']}, "
            f"{result['conflicts']} conflicts, {args.text}"
        )
        for variant, title in (
            ("methods", "with tracks of interest"),
            ("methods_text_only", "text only"),
        ):
            print(f"-- {title}")
            print(
                f"{'method':8} {'affinity':>8} {'area':>6} {'load max/min/std':>17} "
                f"{'unfilled':>8} {'<floor':>6} {'seconds':>8}"
            )
            for name, m in result[variant].items():
                load = f"{m['load_max']}/{m['load_min']}/{m['load_std']}"
                print(
                    f"{name:8} {m['mean_affinity']:8.3f} {m['area_match_share']:6.1%} "
                    f"{load:>17} {m['unfilled_slots']:8} {m['best_below_floor']:6} "
                    f"{m['seconds']:8.3f}"
                )
        print(
            f"raw cosine same area {result['calibration']['raw_cosine_same_area']}, "
            f"other {result['calibration']['raw_cosine_other_area']}"
        )
        print(f"→ {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
