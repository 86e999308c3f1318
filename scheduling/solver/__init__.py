"""The automatic draft schedule: a CP-SAT model of the hard rules and the weighted soft terms.

problem.py is the interface (plain data); build.py reads a conference into a Problem;
model.py solves it; clash.py explains an infeasible one; explain.py measures the result.
"""

from scheduling.solver.problem import (
    TERMS,
    WEIGHT_HELP,
    Fixed,
    Problem,
    Progress,
    Room,
    Solution,
    Talk,
    Weights,
)


def solve(problem, **kwargs):
    """See scheduling.solver.model.solve (imported lazily: web processes need not load ortools)."""
    from scheduling.solver.model import solve as _solve

    return _solve(problem, **kwargs)


def build_problem(**kwargs):
    """See scheduling.solver.build.build_problem."""
    from scheduling.solver.build import build_problem as _build

    return _build(**kwargs)


__all__ = [
    "TERMS",
    "WEIGHT_HELP",
    "Fixed",
    "Problem",
    "Progress",
    "Room",
    "Solution",
    "Talk",
    "Weights",
    "build_problem",
    "solve",
]
