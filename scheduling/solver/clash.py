"""Infeasible is an answer: which talks can never be placed together, and under which rule.

A talk with no room and time at all is a clash on its own (grid.Candidates.reason). Otherwise
the feasibility-only model is solved with one assumption per required talk ("it is placed");
CP-SAT's SufficientAssumptionsForInfeasibility gives a set of talks that cannot all be placed,
a deletion filter shrinks it to a minimal one (dropping any talk makes the rest fit), and the
rule is the first whose relaxation lets the set fit: speakers' availability, then speakers'
overlap, else the rooms' opening hours.
"""

from __future__ import annotations

import time

from django.utils.translation import gettext as _
from ortools.sat.python import cp_model

from scheduling.solver.grid import Grid
from scheduling.solver.problem import Problem, Talk

MAX_CLASHES = 3
# A core bigger than this is reported as CP-SAT gives it: minimising it would take too long.
MAX_MINIMISE = 24


def rule_text(rule: str, count: int, talk: Talk | None = None) -> str:
    if rule == "room_size":
        return _("No room seats the %(seats)s people this talk needs.") % {
            "seats": talk.min_seats if talk else 0
        }
    if count == 1 and talk is not None:
        if rule == "speaker_availability":
            return _(
                "Its speakers are never available while a room is free for %(minutes)s minutes."
            ) % {"minutes": talk.duration}
        return _("No room is open for %(minutes)s minutes in a row outside the fixed items.") % {
            "minutes": talk.duration
        }
    if rule == "speaker_availability":
        return _(
            "Their speakers' availability leaves too little time for these %(count)s talks."
        ) % {"count": count}
    if rule == "speaker_overlap":
        return _(
            "These %(count)s talks share a speaker, who cannot give them all in the time left."
        ) % {"count": count}
    return _(
        "The rooms' opening hours, less the fixed items, cannot hold these %(count)s talks."
    ) % {"count": count}


def reason_for(problem: Problem, grid: Grid, talk: Talk, rule: str) -> str:
    return rule_text(rule, 1, talk)


def single_clash(problem: Problem, grid: Grid, talk: Talk, rule: str) -> dict:
    return {"talks": [talk.id], "rule": rule, "text": rule_text(rule, 1, talk)}


def _fits(problem, grid, talks, *, seconds, availability=True, speaker_overlap=True):
    """True: all of `talks` can be placed; False: proven not; None: unknown in time."""
    from scheduling.solver.model import build_model

    for talk in talks:
        if not grid.candidates(talk, availability=availability).by_room:
            return False
    built = build_model(
        problem,
        grid,
        talks,
        soft=False,
        availability=availability,
        speaker_overlap=speaker_overlap,
    )
    for var in built.placed.values():
        built.model.Add(var == 1)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_search_workers = 1
    code = solver.Solve(built.model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    if code == cp_model.INFEASIBLE:
        return False
    return None


def find_clashes(
    problem: Problem, grid: Grid, talks: list[Talk], *, budget_s: float, proven: bool = False
) -> list[dict]:
    """Up to MAX_CLASHES disjoint minimal sets of required talks that cannot all be placed."""
    from scheduling.solver.model import build_model

    deadline = time.monotonic() + budget_s
    excluded: set[int] = set()
    clashes = []
    by_id = {talk.id: talk for talk in talks}
    while len(clashes) < MAX_CLASHES and time.monotonic() < deadline:
        required = [t for t in talks if t.id not in problem.optional and t.id not in excluded]
        if not required:
            break
        built = build_model(problem, grid, talks, soft=False)
        literals = [built.placed[t.id] for t in required]
        built.model.AddAssumptions(literals)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, deadline - time.monotonic())
        # Cores need a single worker: the portfolio does not report them.
        solver.parameters.num_search_workers = 1
        if solver.Solve(built.model) != cp_model.INFEASIBLE:
            break
        index_to_talk = {
            literal.Index(): t.id for literal, t in zip(literals, required, strict=True)
        }
        core = [
            index_to_talk[i]
            for i in solver.SufficientAssumptionsForInfeasibility()
            if i in index_to_talk
        ]
        core = sorted(core)
        if not core:
            break
        if len(core) <= MAX_MINIMISE:
            for talk_id in list(core):
                trial = [by_id[t] for t in core if t != talk_id]
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                if trial and _fits(problem, grid, trial, seconds=min(1.0, left)) is False:
                    core = [t.id for t in trial]
        subset = [by_id[t] for t in core]
        rule = "room_hours"
        if _fits(problem, grid, subset, seconds=1.0, availability=False):
            rule = "speaker_availability"
        elif _fits(problem, grid, subset, seconds=1.0, speaker_overlap=False):
            rule = "speaker_overlap"
        clashes.append(
            {
                "talks": core,
                "rule": rule,
                "text": rule_text(rule, len(core), subset[0] if len(core) == 1 else None),
            }
        )
        excluded.update(core)
    return clashes
