"""The CP-SAT model of a draft schedule, and `solve`.

Variables, per talk t: a start (grid steps) and one boolean x[t, r] for each room r it may use
at all (seats, opening hours less fixed items, its speakers' availability: see grid.py), at
most one of them true. Placing is optional with a large penalty, so that a schedule exists from
the first second and improves; a required talk still unplaced is a hard conflict left.

Hard rules: x[t, r] holds the start in r's free starts for t (an enforced domain constraint);
one NoOverlap per room over optional intervals (start, length, x[t, r]); one NoOverlap per
speaker with several talks. Fixed items never enter the model: they are cut out of the rooms'
and speakers' free time beforehand.

Soft terms, each only when its weight is above 0, none of them over all pairs of talks:
- same_track: a boolean per talk and half-hour bucket (it starts there), a per-track count per
  bucket, and the excess above one;
- similar_topics, co_favourites: only the problem's top pairs, each with one "overlaps" boolean;
- capacity: a constant cost on each x[t, r];
- track_room: per track, half-day and room a boolean "used", linked by clauses;
- travel: per pair of talks sharing a speaker, "back to back" and the rooms' distance;
- preferred_times: per talk with wishes, "inside them".
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from ortools.sat.python import cp_model

from scheduling.solver.explain import evaluate
from scheduling.solver.greedy import greedy
from scheduling.solver.grid import Grid, Steps, merge, subtract
from scheduling.solver.problem import Problem, Progress, Solution, Talk

# Penalties per talk left unplaced, far above any soft cost one talk can carry.
UNPLACED_REQUIRED = 1_000_000
UNPLACED_OPTIONAL = 100_000
# Objective points per unit of each term at weight 1 (explain.py measures the units).
POINTS = {
    "same_track": 100,  # per talk beyond one of a track in a half-hour
    "similar_topics": 100,  # per overlapping pair at similarity 1
    "co_favourites": 100,  # per overlapping pair at the strongest co-starring
    "capacity": 5,  # per person beyond the seats
    "track_room": 100,  # per room beyond one for a track in a half-day
    "travel": 100,  # per room of distance between back-to-back talks
    "preferred_times": 100,  # per talk outside its speakers' preferred times
}
BUCKET_MINUTES = 30


def _domain(ranges: Steps) -> cp_model.Domain:
    return cp_model.Domain.FromIntervals([[a, b - 1] for a, b in ranges])


@dataclass
class Built:
    model: cp_model.CpModel
    grid: Grid
    talks: list[Talk]  # those in the model (with a candidate at all)
    start: dict[int, cp_model.IntVar] = field(default_factory=dict)
    x: dict[int, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    placed: dict[int, cp_model.IntVar] = field(default_factory=dict)
    soft: cp_model.LinearExpr | int = 0
    terms: list = field(default_factory=list)  # [(points, variable)]: soft = their sum
    lengths: dict[int, int] = field(default_factory=dict)
    earliest: dict[int, int] = field(default_factory=dict)  # talk id -> its first start
    # (aux variable, its value given a Hint): how the warm start fills in every variable, so
    # that CP-SAT takes it as a whole first solution instead of searching for the rest.
    aux: list = field(default_factory=list)

    def note(self, var, value: Callable[[Hint], int]):
        self.aux.append((var, value))
        return var


@dataclass
class Hint:
    start: dict[int, int]  # talk id -> start step (placed or not)
    room: dict[int, int | None]  # talk id -> room, None: unplaced
    values: dict[int, int] = field(default_factory=dict)  # variable index -> value

    def of(self, var) -> int:
        return self.values[var.Index()]

    def placed(self, talk_id: int) -> bool:
        return self.room.get(talk_id) is not None


def build_model(
    problem: Problem,
    grid: Grid,
    talks: list[Talk],
    *,
    soft: bool = True,
    availability: bool = True,
    speaker_overlap: bool = True,
) -> Built:
    """The model over `talks` (each must have a candidate). soft=False: feasibility only."""
    model = cp_model.CpModel()
    built = Built(model, grid, talks)
    rooms_by_id = {room.id: room for room in problem.rooms}
    room_intervals = defaultdict(list)
    speaker_intervals = defaultdict(list)
    lengths = {}
    candidates = {}
    for talk in talks:
        cand = grid.candidates(talk, availability=availability).by_room
        candidates[talk.id] = cand
        length = grid.length(talk.duration)
        lengths[talk.id] = length
        built.lengths[talk.id] = length
        union = merge(r for ranges in cand.values() for r in ranges)
        start = model.NewIntVarFromDomain(_domain(union), f"start_{talk.id}")
        built.earliest[talk.id] = union[0][0]
        placed = model.NewBoolVar(f"placed_{talk.id}")
        xs = {}
        for room_id, ranges in cand.items():
            x = model.NewBoolVar(f"x_{talk.id}_{room_id}")
            xs[room_id] = x
            if ranges != union:
                model.AddLinearExpressionInDomain(start, _domain(ranges)).OnlyEnforceIf(x)
            room_intervals[room_id].append(
                model.NewOptionalFixedSizeIntervalVar(start, length, x, f"in_{talk.id}_{room_id}")
            )
        model.Add(sum(xs.values()) == placed)
        built.start[talk.id], built.x[talk.id], built.placed[talk.id] = start, xs, placed
        if speaker_overlap:
            interval = model.NewOptionalFixedSizeIntervalVar(start, length, placed, f"t_{talk.id}")
            for speaker in talk.speakers:
                speaker_intervals[speaker].append(interval)
    for intervals in room_intervals.values():
        if len(intervals) > 1:
            model.AddNoOverlap(intervals)
    for intervals in speaker_intervals.values():
        if len(intervals) > 1:
            model.AddNoOverlap(intervals)
    if not soft:
        return built

    weights = problem.weights
    terms = []
    penalty = []
    for talk in talks:
        cost = UNPLACED_OPTIONAL if talk.id in problem.optional else UNPLACED_REQUIRED
        penalty.append(cost * (1 - built.placed[talk.id]))

    if weights.capacity:
        for talk in talks:
            for room_id, x in built.x[talk.id].items():
                seats = rooms_by_id[room_id].capacity
                if seats and talk.audience > seats:
                    terms.append(
                        (weights.capacity * POINTS["capacity"] * (talk.audience - seats), x)
                    )

    bucket = max(1, BUCKET_MINUTES // grid.step)
    starts_in = {}  # talk id -> {bucket: bool}
    if weights.same_track or weights.track_room:
        for talk in talks:
            domain = merge(r for ranges in candidates[talk.id].values() for r in ranges)
            reachable = sorted(
                {k for a, b in domain for k in range(a // bucket, (b - 1) // bucket + 1)}
            )
            bools = {}
            for b in reachable:
                s = built.note(
                    model.NewBoolVar(f"s_{talk.id}_{b}"),
                    lambda h, t=talk.id, b=b: int(h.placed(t) and h.start[t] // bucket == b),
                )
                model.Add(built.start[talk.id] >= b * bucket).OnlyEnforceIf(s)
                model.Add(built.start[talk.id] < (b + 1) * bucket).OnlyEnforceIf(s)
                bools[b] = s
            model.Add(sum(bools.values()) == built.placed[talk.id])
            starts_in[talk.id] = bools

    if weights.same_track:
        terms += _same_track(problem, built, starts_in, bucket, weights.same_track)

    pair_terms = (
        (weights.similar_topics, problem.similar, "similar_topics", 1.0),
        (
            weights.co_favourites,
            problem.co_favourites,
            "co_favourites",
            float(max(problem.co_favourites.values(), default=1)),
        ),
    )
    for weight, pairs, term, top in pair_terms:
        if weight:
            for (a, b), value in pairs.items():
                points = round(weight * POINTS[term] * value / top)
                overlap = _overlap_bool(problem, built, a, b, lengths)
                if points and overlap is not None:
                    terms.append((points, overlap))

    if weights.track_room and problem.half_days:
        terms += _track_room(problem, built, starts_in, bucket, weights.track_room)

    if weights.travel:
        terms += _travel(problem, built, lengths, weights.travel)

    if weights.preferred_times:
        for talk in talks:
            if not talk.preferred:
                continue
            starts = grid.preferred_starts(talk)
            inside = built.note(
                model.NewBoolVar(f"pref_{talk.id}"),
                lambda h, t=talk.id, starts=starts: int(
                    h.placed(t) and any(a <= h.start[t] < b for a, b in starts)
                ),
            )
            model.AddImplication(inside, built.placed[talk.id])
            if starts:
                model.AddLinearExpressionInDomain(
                    built.start[talk.id], _domain(starts)
                ).OnlyEnforceIf(inside)
            else:
                model.Add(inside == 0)
            cost = weights.preferred_times * POINTS["preferred_times"]
            terms += [(cost, built.placed[talk.id]), (-cost, inside)]

    # A point for every talk moved from where the working copy has it: among equally good
    # schedules the one closest to the organiser's (and the smallest diff) wins.
    keep = []
    for talk in talks:
        if talk.current is None or talk.current[0] not in built.x[talk.id]:
            continue
        room_id, at = talk.current
        step = grid.down(at)
        if not any(a <= step < b for a, b in candidates[talk.id][room_id]):
            continue
        stay = built.note(
            model.NewBoolVar(f"stay_{talk.id}"),
            lambda h, t=talk.id, r=room_id, s=step: int(h.room.get(t) == r and h.start[t] == s),
        )
        model.AddImplication(stay, built.x[talk.id][room_id])
        model.Add(built.start[talk.id] == step).OnlyEnforceIf(stay)
        keep.append(stay)

    built.terms = terms
    built.soft = (
        cp_model.LinearExpr.WeightedSum([v for _c, v in terms], [c for c, _v in terms])
        if terms
        else 0
    )
    model.Minimize(sum(penalty) + built.soft + len(keep) - sum(keep))
    return built


def _same_track(problem, built, starts_in, bucket, weight):
    """Per track and half-hour bucket: talks running then beyond the first one."""
    grid = built.grid
    terms = []
    by_track = defaultdict(list)
    for talk in built.talks:
        if talk.track is not None:
            by_track[talk.track].append(talk)
    fixed_load = defaultdict(int)
    for item in problem.fixed:
        if item.submission is not None and item.track is not None:
            a, b = grid.span(item.start, item.end)
            for k in range(a // bucket, (b - 1) // bucket + 1):
                fixed_load[(item.track, k)] += 1
    for track, talks in by_track.items():
        running = defaultdict(list)
        for talk in talks:
            span = -(-grid.length(talk.duration) // bucket)
            for b, s in starts_in[talk.id].items():
                for k in range(b, b + span):
                    running[k].append(s)
        for k, bools in running.items():
            base = fixed_load.get((track, k), 0)
            if len(bools) + base <= 1:
                continue
            excess = built.note(
                built.model.NewIntVar(0, len(bools), f"track_{track}_{k}"),
                lambda h, bools=bools, base=base: max(0, sum(h.of(v) for v in bools) + base - 1),
            )
            built.model.Add(excess >= sum(bools) + base - 1)
            terms.append((weight * POINTS["same_track"], excess))
    return terms


def _overlap_bool(problem, built, a, b, lengths):
    """A boolean that must be true when talks a and b overlap in time (fixed ones too)."""
    model = built.model
    fixed = {item.submission: item for item in problem.fixed if item.submission is not None}
    in_a, in_b = a in built.start, b in built.start
    if not (in_a or in_b):
        return None
    la, lb = lengths.get(a, 0), lengths.get(b, 0)
    if in_a and in_b:
        overlap = built.note(
            model.NewBoolVar(f"ov_{a}_{b}"),
            lambda h: int(h.start[a] < h.start[b] + lb and h.start[b] < h.start[a] + la),
        )
        before = built.note(
            model.NewBoolVar(f"before_{a}_{b}"), lambda h: int(h.start[a] < h.start[b])
        )
        model.Add(built.start[a] + lengths[a] <= built.start[b]).OnlyEnforceIf(
            [overlap.Not(), before]
        )
        model.Add(built.start[b] + lengths[b] <= built.start[a]).OnlyEnforceIf(
            [overlap.Not(), before.Not()]
        )
        return overlap
    moving, other = (a, b) if in_a else (b, a)
    item = fixed.get(other)
    if item is None:
        return None
    fa, fb = built.grid.span(item.start, item.end)
    lm = lengths[moving]
    overlap = built.note(
        model.NewBoolVar(f"ov_{a}_{b}"),
        lambda h: int(h.start[moving] < fb and fa < h.start[moving] + lm),
    )
    clear = subtract([(-(10**9), 10**9)], [(fa - lengths[moving] + 1, fb)])
    model.AddLinearExpressionInDomain(built.start[moving], _domain(clear)).OnlyEnforceIf(
        overlap.Not()
    )
    return overlap


def _track_room(problem, built, starts_in, bucket, weight):
    """Per track and half-day: rooms used beyond the first."""
    grid, model = built.grid, built.model
    halves = [grid.window(a, b) for a, b in problem.half_days]

    def half_of(step: int) -> int | None:
        return next((i for i, (a, b) in enumerate(halves) if a <= step < b), None)

    used = {}  # (track, half, room) -> bool
    users = {}  # (track, half, room) -> [(x, inside)], None for a fixed talk there
    terms = []
    for talk in built.talks:
        if talk.track is None:
            continue
        by_half = defaultdict(list)
        for b, s in starts_in[talk.id].items():
            half = half_of(b * bucket)
            if half is not None:
                by_half[half].append(s)
        for half, bools in by_half.items():
            inside = built.note(
                model.NewBoolVar(f"half_{talk.id}_{half}"),
                lambda h, bools=bools: sum(h.of(v) for v in bools),
            )
            model.Add(sum(bools) == inside)
            for room_id, x in built.x[talk.id].items():
                key = (talk.track, half, room_id)
                if key not in used:
                    used[key] = model.NewBoolVar(f"use_{talk.track}_{half}_{room_id}")
                    users[key] = []
                users[key].append((x, inside))
                model.AddBoolOr([x.Not(), inside.Not(), used[key]])
    for item in problem.fixed:
        if item.submission is not None and item.track is not None and item.room is not None:
            half = half_of(grid.down(item.start))
            if half is not None:
                key = (item.track, half, item.room)
                if key not in used:
                    used[key] = model.NewBoolVar(f"use_{item.track}_{half}_{item.room}")
                    users[key] = []
                users[key].append(None)
                model.Add(used[key] == 1)
    for key, var in used.items():
        built.note(
            var,
            lambda h, pairs=users[key]: int(
                any(pair is None or (h.of(pair[0]) and h.of(pair[1])) for pair in pairs)
            ),
        )
    groups = defaultdict(list)
    for (track, half, _room), var in used.items():
        groups[(track, half)].append(var)
    for (track, half), bools in groups.items():
        if len(bools) > 1:
            extra = built.note(
                model.NewIntVar(0, len(bools), f"rooms_{track}_{half}"),
                lambda h, bools=bools: max(0, sum(h.of(v) for v in bools) - 1),
            )
            model.Add(extra >= sum(bools) - 1)
            terms.append((weight * POINTS["track_room"], extra))
    return terms


def _travel(problem, built, lengths, weight):
    """Per pair of talks sharing a speaker: back to back costs the rooms' distance."""
    model = built.model
    gap = -(-problem.travel_gap_minutes // built.grid.step)
    rank = {
        room.id: index
        for index, room in enumerate(sorted(problem.rooms, key=lambda r: (r.position, r.id)))
    }
    far = max(rank.values(), default=0)
    by_speaker = defaultdict(list)
    for talk in built.talks:
        for speaker in talk.speakers:
            by_speaker[speaker].append(talk.id)
    pairs = set()
    for ids in by_speaker.values():
        ids = sorted(ids)
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    terms = []
    for a, b in sorted(pairs):
        la, lb = lengths[a], lengths[b]
        close = built.note(
            model.NewBoolVar(f"close_{a}_{b}"),
            lambda h, a=a, b=b, la=la, lb=lb: int(
                not (h.start[a] + la + gap <= h.start[b] or h.start[b] + lb + gap <= h.start[a])
            ),
        )
        before = built.note(
            model.NewBoolVar(f"tbefore_{a}_{b}"),
            lambda h, a=a, b=b: int(h.start[a] < h.start[b]),
        )
        model.Add(built.start[a] + lengths[a] + gap <= built.start[b]).OnlyEnforceIf(
            [close.Not(), before]
        )
        model.Add(built.start[b] + lengths[b] + gap <= built.start[a]).OnlyEnforceIf(
            [close.Not(), before.Not()]
        )
        pos_a = sum(rank[r] * x for r, x in built.x[a].items())
        pos_b = sum(rank[r] * x for r, x in built.x[b].items())
        distance = built.note(
            model.NewIntVar(0, far, f"dist_{a}_{b}"),
            lambda h, a=a, b=b, close=close: (
                abs(rank.get(h.room[a], 0) - rank.get(h.room[b], 0)) if h.of(close) else 0
            ),
        )
        model.Add(distance >= pos_a - pos_b - far * (1 - close))
        model.Add(distance >= pos_b - pos_a - far * (1 - close))
        terms.append((weight * POINTS["travel"], distance))
    return terms


def add_hint(built: Built, assignment: dict[int, tuple[int, int]]) -> Hint:
    """Hint every variable from talk id -> (room, start step); the others unplaced."""
    model = built.model
    hint = Hint(start={}, room={})
    for talk in built.talks:
        room_start = assignment.get(talk.id)
        if room_start:
            hint.room[talk.id], hint.start[talk.id] = room_start
        else:
            hint.room[talk.id] = None
            hint.start[talk.id] = built.earliest[talk.id]
        model.AddHint(built.placed[talk.id], 1 if room_start else 0)
        hint.values[built.placed[talk.id].Index()] = 1 if room_start else 0
        for room_id, x in built.x[talk.id].items():
            value = 1 if room_start and room_start[0] == room_id else 0
            model.AddHint(x, value)
            hint.values[x.Index()] = value
        model.AddHint(built.start[talk.id], hint.start[talk.id])
    for var, value_of in built.aux:
        value = int(value_of(hint))
        hint.values[var.Index()] = value
        model.AddHint(var, value)
    return hint


# --- solving ---------------------------------------------------------------------------------


class _Watcher(cp_model.CpSolverSolutionCallback):
    def __init__(self, built, problem, on_progress, should_stop, started):
        super().__init__()
        self.built, self.problem = built, problem
        self.on_progress, self.should_stop = on_progress, should_stop
        self.started = started
        self.required = [t.id for t in built.talks if t.id not in problem.optional]
        self.history: list[tuple[float, float, int]] = []
        self.seconds_to_feasible: float | None = None
        self.extra_unplaced = 0  # required talks with no candidate at all

    def record(self, placed: set[int], soft: float) -> None:
        seconds = time.monotonic() - self.started
        left = sum(1 for t in self.required if t not in placed) + self.extra_unplaced
        self.history.append((round(seconds, 3), float(soft), left))
        if left == 0 and self.seconds_to_feasible is None:
            self.seconds_to_feasible = round(seconds, 3)
        if self.on_progress:
            self.on_progress(
                Progress(
                    seconds=seconds,
                    objective=float(soft),
                    hard_conflicts_left=left,
                    placed=len(placed),
                    total=len(self.problem.talks),
                )
            )

    def on_solution_callback(self) -> None:
        placed = {t for t, var in self.built.placed.items() if self.Value(var)}
        soft = self.Value(self.built.soft) if not isinstance(self.built.soft, int) else 0
        self.record(placed, soft)
        if self.should_stop and self.should_stop():
            self.StopSearch()


def _nothing(problem: Problem, started: float, reason: str) -> Solution:
    return Solution(
        status="no_solution",
        placements={},
        unplaced={talk.id: reason for talk in problem.talks},
        objective=None,
        soft={},
        explanations={},
        clash=None,
        seconds_to_feasible=None,
        seconds=round(time.monotonic() - started, 3),
    )


def solve(
    problem: Problem,
    *,
    time_limit_s: float,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    workers: int = 2,
    seed: int = 0,
) -> Solution:
    """A draft schedule for the problem within `time_limit_s` (wall clock, all in).

    status: "optimal" (proven best), "feasible" (time ran out: the best found; required talks
    may still be unplaced, each with its reason), "infeasible" (some required talks can never
    be placed together: `clash` names them and the rule), "stopped" (should_stop said so: the
    best found so far), "no_solution" (nothing found, e.g. stopped at once).
    Calls on_progress from the solver's thread at every better schedule.
    """
    from scheduling.solver.clash import find_clashes, reason_for, single_clash

    started = time.monotonic()
    deadline = started + time_limit_s
    grid = Grid(problem)
    hopeless = {}  # talk id -> rule: no room and time fits it on its own
    talks = []
    for talk in problem.talks:
        cand = grid.candidates(talk)
        if cand.by_room:
            talks.append(talk)
        else:
            hopeless[talk.id] = cand.reason
    if should_stop and should_stop():
        return _nothing(problem, started, _("The solver was stopped before it placed this talk."))
    built = build_model(problem, grid, talks)
    # The warm start is a schedule in its own right (it keeps every hard rule): the first
    # progress report, and the answer if CP-SAT finds nothing better in time.
    first = greedy(problem, grid, talks, POINTS)
    hint = add_hint(built, first)
    first_soft = float(sum(c * hint.values[v.Index()] for c, v in built.terms))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, deadline - time.monotonic())
    solver.parameters.num_search_workers = max(1, workers)
    solver.parameters.random_seed = seed
    # Probing in presolve takes many seconds on a 300-talk model and buys little here.
    solver.parameters.cp_model_probing_level = 0
    watcher = _Watcher(built, problem, on_progress, should_stop, started)
    watcher.extra_unplaced = sum(1 for t in hopeless if t not in problem.optional)
    watcher.record(set(first), first_soft)
    stopped = threading.Event()
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.1):
            if should_stop():
                stopped.set()
                solver.StopSearch()
                return

    poller = threading.Thread(target=poll, daemon=True) if should_stop else None
    if should_stop and should_stop():
        stopped.set()
        code = cp_model.UNKNOWN
    else:
        if poller:
            poller.start()
        code = solver.Solve(built.model, watcher)
        done.set()
        if should_stop and not stopped.is_set() and should_stop():
            stopped.set()

    has_solution = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    placements = {}
    if has_solution:
        for talk in talks:
            for room_id, x in built.x[talk.id].items():
                if solver.Value(x):
                    at = grid.instant(solver.Value(built.start[talk.id]))
                    placements[talk.id] = (room_id, at)
        objective = float(solver.Value(built.soft)) if not isinstance(built.soft, int) else 0.0
    else:
        # Nothing from CP-SAT in time (its presolve alone can outlast a short limit on a big
        # conference): the warm start stands.
        has_solution = True
        placements = {
            talk_id: (room, grid.instant(step)) for talk_id, (room, step) in first.items()
        }
        objective = first_soft

    required_left = [
        t.id for t in problem.talks if t.id not in placements and t.id not in problem.optional
    ]
    clash: list[dict] = [
        single_clash(problem, grid, problem.talk(t), hopeless[t])
        for t in sorted(hopeless)
        if t not in problem.optional
    ]
    proven = code == cp_model.OPTIMAL
    if has_solution and not stopped.is_set():
        unresolved = [t for t in required_left if t not in hopeless]
        if unresolved:
            budget = max(1.0, min(10.0, deadline - time.monotonic()))
            clash += find_clashes(problem, grid, talks, budget_s=budget, proven=proven)

    if stopped.is_set():
        status = "stopped" if has_solution else "no_solution"
    elif not has_solution:
        status = "no_solution"
    elif clash:
        status = "infeasible"
    elif required_left:
        status = "feasible"
    else:
        status = "optimal" if proven else "feasible"

    unplaced = {}
    in_clash = {t: entry for entry in clash for t in entry["talks"]}
    for talk in problem.talks:
        if talk.id in placements:
            continue
        if talk.id in in_clash:
            unplaced[talk.id] = in_clash[talk.id]["text"]
        elif talk.id in hopeless:
            unplaced[talk.id] = reason_for(problem, grid, talk, hopeless[talk.id])
        elif stopped.is_set() or not has_solution:
            unplaced[talk.id] = _("The solver was stopped before it placed this talk.")
        elif talk.id in problem.optional:
            unplaced[talk.id] = _(
                "Left unplaced, as allowed: it does not fit beside the other talks "
                "under the hard rules."
            )
        else:
            unplaced[talk.id] = _("Not placed within the time limit; a longer run may place it.")

    soft, explanations = evaluate(problem, placements) if has_solution else ({}, {})
    return Solution(
        status=status,
        placements=placements,
        unplaced=unplaced,
        objective=objective,
        soft=soft,
        explanations=explanations,
        clash=clash or None,
        seconds_to_feasible=watcher.seconds_to_feasible,
        history=watcher.history,
        seconds=round(time.monotonic() - started, 3),
    )
