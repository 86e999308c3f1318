"""The automatic scheduler on generated conferences, against PyconUK's conference-scheduler.

    .venv/bin/python -m bench.solver --talks 300 --rooms 15 --time-limit 30

An instance (seeded): `--rooms` rooms of mixed sizes, 3 days with three breaks across every
room, some rooms closed an afternoon; 8–12 tracks; speakers of whom a fifth give two or three
talks, a third with availability windows (two of the three days), a fifth with preferred
times (mornings); stars from a seeded model (attendees favour one or two tracks and popular
talks), which give the expected audiences and the co-favourite pairs; topic vectors around
each track's centre, which give the similar pairs. Built as a plain Problem, no database.

Ours: scheduling.solver.solve on 2 workers. Peer: conference-scheduler 3.0.1 (PuLP/CBC) on
the same instance as it can express it: fixed slots of the longest talk's length between the
breaks, speakers' windows as slot unavailability, two talks of one speaker as event
unavailability, demand vs capacity as its objective (`efficiency_capacity_demand_difference`).
Tracks are not given to it as tags: it makes tags hard (never in parallel), and no instance
here has slots enough for that. Its ILP for small instances (`--peer ilp`), its hill climber
where the ILP is too big (`--peer heuristic`, default above 100 talks). Both schedules are
measured by the same code (scheduling.solver.explain.evaluate and the hard check here).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from django.conf import settings

if not settings.configured:
    # The solver needs no database or apps; untranslated sentences are enough here.
    settings.configure(USE_I18N=False, USE_TZ=True)

from bench.common import ROOT  # noqa: E402
from scheduling.solver.explain import evaluate  # noqa: E402
from scheduling.solver.pairs import top_pairs  # noqa: E402
from scheduling.solver.problem import TERMS, Fixed, Problem, Room, Talk, Weights  # noqa: E402

FIRST_DAY = date(2027, 4, 20)
DAYS = 3
BREAKS = ((10, 30, 11, 0), (12, 30, 13, 30), (15, 30, 16, 0))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def make_instance(*, talks: int, rooms: int, seed: int = 7) -> Problem:
    rng = random.Random(seed)
    days = [FIRST_DAY + timedelta(days=offset) for offset in range(DAYS)]
    # Big instances have short talks and long days, so that they still fit 3 days.
    dense = talks > 400
    opens, closes = (8, 20) if dense else (9, 18)
    durations = ((20, 0.5), (30, 0.5)) if dense else ((30, 0.6), (45, 0.4))

    capacities = sorted(
        (int(40 + 360 * rng.random() ** 2.5) // 10 * 10 for _ in range(rooms)), reverse=True
    )
    capacities[0] = max(capacities[0], 400)
    room_list = [
        Room(id=100 + i, capacity=capacities[i], position=i, name=f"R{i}") for i in range(rooms)
    ]
    windows = {}
    for room in room_list:
        spans = []
        for day in days:
            if room.position >= rooms // 2 and rng.random() < 0.2:
                spans.append((at(day, opens), at(day, 13)))  # closed this afternoon
            else:
                spans.append((at(day, opens), at(day, closes)))
        windows[room.id] = spans
    fixed = [
        Fixed(at(day, h1, m1), at(day, h2, m2), None, title="Break")
        for day in days
        for h1, m1, h2, m2 in BREAKS
    ]

    track_count = 8 if talks <= 300 else 12
    speakers_count = int(talks * 0.75)
    multi = set(rng.sample(range(speakers_count), speakers_count // 5))
    assignment = []  # talk index -> main speaker
    for speaker in range(speakers_count):
        assignment += [speaker] * (rng.choice((2, 2, 3)) if speaker in multi else 1)
    rng.shuffle(assignment)
    assignment = (assignment * 2)[:talks]
    speaker_windows = {}
    preferred_of = {}
    for speaker in range(speakers_count):
        if rng.random() < 0.33:
            chosen = sorted(rng.sample(days, 2))
            speaker_windows[1000 + speaker] = [(at(d, opens), at(d, closes)) for d in chosen]
        elif rng.random() < 0.2:
            preferred_of[1000 + speaker] = tuple((at(d, opens), at(d, 12, 30)) for d in days)

    centres = [[rng.gauss(0, 1) for _ in range(16)] for _ in range(track_count)]
    vectors, tracks_of, popularity = {}, {}, {}
    talk_list = []
    for index in range(talks):
        talk_id = 1 + index
        track = 1 + rng.randrange(track_count)
        tracks_of[talk_id] = track
        vector = [c + rng.gauss(0, 0.9) for c in centres[track - 1]]
        norm = math.sqrt(sum(v * v for v in vector))
        vectors[talk_id] = [v / norm for v in vector]
        popularity[talk_id] = rng.lognormvariate(0, 0.8)
        speakers = {1000 + assignment[index]}
        if rng.random() < 0.15:
            speakers.add(1000 + rng.randrange(speakers_count))
        roll, duration = rng.random(), durations[-1][0]
        for minutes, share in durations:
            if roll < share:
                duration = minutes
                break
            roll -= share
        talk_list.append((talk_id, duration, frozenset(speakers), track))

    # Stars: each attendee favours one or two tracks and the popular talks in them.
    attendees = talks * 5
    by_track = defaultdict(list)
    for talk_id, track in tracks_of.items():
        by_track[track].append(talk_id)
    stars = defaultdict(int)
    pair_counts = defaultdict(int)
    starring = 0
    for _ in range(attendees):
        liked = rng.sample(range(1, track_count + 1), rng.choice((1, 2)))
        pool = [t for track in liked for t in by_track[track]]
        if not pool:
            continue
        picks = set(rng.choices(pool, weights=[popularity[t] for t in pool], k=rng.randint(2, 8)))
        starring += 1
        for talk_id in picks:
            stars[talk_id] += 1
        ordered = sorted(picks)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                pair_counts[(first, second)] += 1
    registrations = int(attendees * 1.4)

    talk_objects = []
    for talk_id, duration, speakers, track in talk_list:
        audience = -(-stars[talk_id] * registrations // max(1, starring))
        preferred = ()
        for speaker in speakers:
            preferred = preferred or preferred_of.get(speaker, ())
        talk_objects.append(
            Talk(
                id=talk_id,
                duration=duration,
                speakers=speakers,
                track=track,
                audience=audience,
                preferred=preferred,
                title=f"Talk {talk_id}",
            )
        )
    similar = {}
    ids = sorted(vectors)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            value = sum(x * y for x, y in zip(vectors[a], vectors[b], strict=True))
            if value >= 0.5:
                similar[(a, b)] = round(value, 4)
    half_days = [(at(d, 0), at(d, 13)) for d in days] + [(at(d, 13), at(d, 23, 59)) for d in days]
    return Problem(
        talks=talk_objects,
        rooms=room_list,
        windows=windows,
        fixed=fixed,
        speaker_windows=speaker_windows,
        similar=top_pairs(similar, 3),
        co_favourites={k: int(v) for k, v in top_pairs(pair_counts, 3).items()},
        weights=Weights(),
        granularity_minutes=5,
        half_days=sorted(half_days),
    )


def hard_conflicts(problem: Problem, placements: dict[int, tuple[int, datetime]]) -> int:
    """Required talks unplaced, plus every broken hard rule among the placed ones."""
    count = sum(1 for talk in problem.talks if talk.id not in placements)
    spans = []
    for talk in problem.talks:
        if talk.id in placements:
            room, start = placements[talk.id]
            end = start + timedelta(minutes=talk.duration)
            spans.append((room, start, end, talk.speakers))
            opening = problem.windows.get(room, [])
            if not any(a <= start and end <= b for a, b in opening):
                count += 1
            for speaker in talk.speakers:
                windows = problem.speaker_windows.get(speaker)
                if windows and not any(a <= start and end <= b for a, b in windows):
                    count += 1
            for item in problem.fixed:
                if (
                    (item.room is None or item.room == room)
                    and item.start < end
                    and start < item.end
                ):
                    count += 1
    spans.sort(key=lambda span: span[1])
    for i, (room, _start, end, speakers) in enumerate(spans):
        for other in spans[i + 1 :]:
            if other[1] >= end:
                break
            if other[0] == room or speakers & other[3]:
                count += 1
    return count


def run_ours(problem: Problem, time_limit: float) -> dict:
    from scheduling.solver.model import solve

    progress = []
    solution = solve(
        problem,
        time_limit_s=time_limit,
        workers=2,
        on_progress=lambda p: progress.append(p),
    )
    return {
        "status": solution.status,
        "hard_conflicts": hard_conflicts(problem, solution.placements),
        "seconds_to_feasible": solution.seconds_to_feasible,
        "objective": solution.objective,
        "soft": solution.soft,
        "seconds": solution.seconds,
        "objective_over_time": [[s, o, h] for s, o, h in thin(solution.history)],
    }


def thin(history: list, keep: int = 25) -> list:
    if len(history) <= keep:
        return history
    step = len(history) / keep
    picked = [history[int(i * step)] for i in range(keep)]
    return picked + [history[-1]]


# --- the peer ------------------------------------------------------------------------------


def peer_instance(problem: Problem):
    from conference_scheduler.resources import Event, Slot

    length = max(talk.duration for talk in problem.talks)
    slots, slot_room = [], []
    for room in problem.rooms:
        for open_at, close_at in problem.windows[room.id]:
            cursor = open_at
            while cursor + timedelta(minutes=length) <= close_at:
                end = cursor + timedelta(minutes=length)
                clash = next(
                    (
                        f
                        for f in problem.fixed
                        if f.start < end and cursor < f.end and f.room in (None, room.id)
                    ),
                    None,
                )
                if clash:
                    cursor = max(cursor + timedelta(minutes=5), clash.end)
                    continue
                session = f"{cursor.date()}-{'am' if cursor.hour < 13 else 'pm'}"
                slots.append(
                    Slot(room.name, cursor.replace(tzinfo=None), length, room.capacity, session)
                )
                slot_room.append(room.id)
                cursor = end
    events = []
    for talk in problem.talks:
        events.append(Event(str(talk.id), talk.duration, talk.audience))
    by_speaker = defaultdict(list)
    for index, talk in enumerate(problem.talks):
        for speaker in talk.speakers:
            by_speaker[speaker].append(index)
        unavailable = []
        for speaker in talk.speakers:
            windows = problem.speaker_windows.get(speaker)
            if windows:
                for slot in slots:
                    start = slot.starts_at.replace(tzinfo=UTC)
                    end = start + timedelta(minutes=slot.duration)
                    if not any(a <= start and end <= b for a, b in windows):
                        unavailable.append(slot)
        if unavailable:
            events[index].add_unavailability(*unavailable)
    for indices in by_speaker.values():
        for i in indices:
            events[i].add_unavailability(*[events[j] for j in indices if j != i])
    return events, slots, slot_room


def run_peer(problem: Problem, method: str, time_limit: float) -> dict:
    import numpy as np
    import pulp
    from conference_scheduler import scheduler
    from conference_scheduler import validator as val
    from conference_scheduler.heuristics import get_initial_array
    from conference_scheduler.lp_problem import objective_functions as of

    started = time.monotonic()
    events, slots, slot_room = peer_instance(problem)
    built = time.monotonic() - started
    seconds_to_feasible = None
    evaluations = peer_violations = None
    if method == "ilp":
        solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=max(1, int(time_limit)), threads=2)
        try:
            pairs = scheduler.solution(
                events,
                slots,
                objective_function=of.efficiency_capacity_demand_difference,
                solver=solver,
            )
            seconds_to_feasible = round(time.monotonic() - started, 3)
        except ValueError:
            pairs = []
    else:
        from conference_scheduler.heuristics.utils import element_from_neighbourhood

        np.random.seed(7)
        X = get_initial_array(events=events, slots=slots, seed=7)

        def violations(array):
            return len(list(val.array_violations(array, events, slots)))

        def objective(array):
            return of.efficiency_capacity_demand_difference(slots=slots, events=events, X=array)

        # Its hill climber (heuristics.hill_climber, the same steps: a random neighbour,
        # kept when better), one evaluation at a time so that the time limit holds: first
        # down to no violations, then down its objective without adding violations.
        deadline = started + time_limit
        energy = violations(X)
        evaluations = 1
        while energy > 0 and time.monotonic() < deadline:
            candidate = element_from_neighbourhood(X)
            candidate_energy = violations(candidate)
            evaluations += 1
            if candidate_energy < energy:
                X, energy = candidate, candidate_energy
        if energy == 0:
            seconds_to_feasible = round(time.monotonic() - started, 3)
            value = objective(X)
            while time.monotonic() < deadline:
                candidate = element_from_neighbourhood(X)
                candidate_value = objective(candidate)
                evaluations += 1
                if candidate_value < value and violations(candidate) == 0:
                    X, value = candidate, candidate_value
        peer_violations = energy
        pairs = list(zip(*np.nonzero(X), strict=True))
    placements = {}
    for event_index, slot_index in pairs:
        talk = problem.talks[int(event_index)]
        slot = slots[int(slot_index)]
        placements[talk.id] = (slot_room[int(slot_index)], slot.starts_at.replace(tzinfo=UTC))
    soft, _explanations = evaluate(problem, placements)
    return {
        "method": "ILP (PuLP/CBC)" if method == "ilp" else "hill climbing",
        "slots": len(slots),
        "models": ["capacity"],
        "hard_conflicts": hard_conflicts(problem, placements),
        "seconds_to_feasible": seconds_to_feasible,
        "objective": None,
        "soft": soft,
        "seconds": round(time.monotonic() - started, 3),
        "build_seconds": round(built, 3),
        "evaluations": evaluations,
        "own_violations": peer_violations,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=300)
    parser.add_argument("--rooms", type=int, default=15)
    parser.add_argument("--time-limit", type=float, default=30)
    parser.add_argument("--peer", choices=("auto", "ilp", "heuristic", "none"), default="auto")
    parser.add_argument("--peer-time-limit", type=float, default=None)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", default=None)
    args = parser.parse_args(argv)

    problem = make_instance(talks=args.talks, rooms=args.rooms, seed=args.seed)
    print(
        f"instance: {len(problem.talks)} talks, {len(problem.rooms)} rooms, {DAYS} days, "
        f"{len({s for t in problem.talks for s in t.speakers})} speakers, "
        f"{len(problem.similar)} similar pairs, {len(problem.co_favourites)} co-favourite pairs"
    )
    ours = run_ours(problem, args.time_limit)
    result = {
        "talks": args.talks,
        "rooms": args.rooms,
        "time_limit_s": args.time_limit,
        "seed": args.seed,
        "weights": Weights().as_dict(),
        **{
            key: ours[key] for key in ("hard_conflicts", "seconds_to_feasible", "objective", "soft")
        },
        "status": ours["status"],
        "seconds": ours["seconds"],
        "objective_over_time": ours["objective_over_time"],
    }
    print(
        f"ours: {ours['status']}, hard conflicts {ours['hard_conflicts']}, "
        f"0 hard conflicts after {ours['seconds_to_feasible']} s, objective {ours['objective']}"
    )
    print("  soft: " + ", ".join(f"{term} {ours['soft'].get(term)}" for term in TERMS))
    method = args.peer
    if method == "auto":
        method = "ilp" if args.talks <= 100 else "heuristic"
    if method != "none":
        peer = run_peer(problem, method, args.peer_time_limit or args.time_limit)
        result["peer"] = peer
        print(
            f"peer ({peer['method']}, {peer['slots']} slots): hard conflicts "
            f"{peer['hard_conflicts']}, 0 hard conflicts after {peer['seconds_to_feasible']} s"
        )
        print("  soft: " + ", ".join(f"{term} {peer['soft'].get(term)}" for term in TERMS))
    output = args.output or ROOT / "bench" / "results" / f"solver_{args.talks}.json"
    with open(output, "w") as handle:
        json.dump(result, handle, indent=2, default=str)
        handle.write("\n")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
