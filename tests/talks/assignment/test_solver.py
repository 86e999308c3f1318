"""Exact small instances of the min-cost flow (talks.assignment.solver)."""

import numpy as np
import pytest

from talks.assignment.solver import CAPS_FULL, TOO_FEW_ELIGIBLE, solve_assignment


def loads(pairs, n):
    out = [0] * n
    for _s, r in pairs:
        out[r] += 1
    return out


def test_best_total_affinity_within_caps():
    affinity = np.array([[0.9, 0.8, 0.1], [0.85, 0.2, 0.3]])
    result = solve_assignment(affinity=affinity, k=1, caps=[1, 1, 1], forbidden=set(), floor=0)

    # Reviewer 0 suits both, but her cap is 1: 0.8 + 0.85 beats 0.9 + 0.3.
    assert result.pairs == [(0, 1), (1, 0)]
    assert result.unfilled == {}


def test_k_reached_and_caps_honoured():
    rng = np.random.default_rng(7)
    affinity = rng.random((12, 5))
    result = solve_assignment(
        affinity=affinity, k=2, caps=[5, 5, 5, 5, 4], forbidden=set(), floor=0
    )

    per_submission = [sum(1 for s, _r in result.pairs if s == i) for i in range(12)]
    assert per_submission == [2] * 12
    assert loads(result.pairs, 5) == [5, 5, 5, 5, 4]
    assert len(set(result.pairs)) == 24


def test_conflicts_never_assigned_even_when_slots_stay_empty():
    affinity = np.array([[1.0, 1.0, 0.0], [0.5, 0.5, 0.5]])
    forbidden = {(0, 0), (0, 1), (1, 2)}
    result = solve_assignment(affinity=affinity, k=2, caps=[2, 2, 2], forbidden=forbidden, floor=0)

    assert result.pairs == [(0, 2), (1, 0), (1, 1)]
    assert result.unfilled == {0: TOO_FEW_ELIGIBLE}


def test_full_caps_are_named_as_the_reason():
    affinity = np.ones((3, 2))
    result = solve_assignment(affinity=affinity, k=1, caps=[1, 1], forbidden=set(), floor=0)

    assert len(result.pairs) == 2
    assert list(result.unfilled.values()) == [CAPS_FULL]


def test_an_eager_bid_wins_a_tie():
    affinity = np.array([[0.6, 0.6, 0.6]])
    plain = solve_assignment(affinity=affinity, k=1, caps=[1, 1, 1], forbidden=set(), floor=0)
    eager = solve_assignment(
        affinity=affinity, k=1, caps=[1, 1, 1], forbidden=set(), floor=0, bids={(0, 2): 1}
    )
    rather_not = solve_assignment(
        affinity=np.array([[0.6, 0.6]]),
        k=1,
        caps=[1, 1],
        forbidden=set(),
        floor=0,
        bids={(0, 0): -1},
    )

    assert eager.pairs == [(0, 2)]
    assert rather_not.pairs == [(0, 1)]
    assert plain.pairs != [] and len(plain.pairs) == 1


def test_a_bid_never_beats_a_better_match():
    affinity = np.array([[0.61, 0.6]])
    result = solve_assignment(
        affinity=affinity, k=1, caps=[1, 1], forbidden=set(), floor=0, bids={(0, 1): 1}
    )

    assert result.pairs == [(0, 0)]


def test_floor_gives_every_submission_one_strong_match_first():
    # Most total affinity: s0-r0 and s1-r1 (0.9 + 0.1 = 1.0), leaving s1 only a weak match.
    # With the floor at 0.3 both get a strong one (0.35 + 0.5 = 0.85).
    affinity = np.array([[0.9, 0.35], [0.5, 0.1]])
    without = solve_assignment(affinity=affinity, k=1, caps=[1, 1], forbidden=set(), floor=0)
    with_floor = solve_assignment(affinity=affinity, k=1, caps=[1, 1], forbidden=set(), floor=0.3)

    assert without.pairs == [(0, 0), (1, 1)]
    assert with_floor.pairs == [(0, 1), (1, 0)]


def test_floor_is_not_a_per_pair_penalty():
    # r0 (cap 1) is submission 1's only strong match. Most total affinity gives r0 to s0 and
    # s1 two weak ones; the alternative has as many weak pairs (s0-r2, s1-r1), so a penalty per
    # weak pair could not tell them apart, while the floor picks it.
    affinity = np.array([[0.95, 0.9, 0.1], [0.4, 0.1, 0.05]])
    without = solve_assignment(affinity=affinity, k=2, caps=[1, 2, 2], forbidden=set(), floor=0)
    result = solve_assignment(affinity=affinity, k=2, caps=[1, 2, 2], forbidden=set(), floor=0.3)

    assert without.pairs == [(0, 0), (0, 1), (1, 1), (1, 2)]
    assert result.pairs == [(0, 1), (0, 2), (1, 0), (1, 1)]


def test_kept_pairs_stay_and_count():
    affinity = np.array([[0.1, 0.9, 0.8], [0.7, 0.9, 0.2]])
    result = solve_assignment(
        affinity=affinity, k=2, caps=[2, 2, 1], forbidden=set(), floor=0, keep={(0, 0), (1, 1)}
    )

    assert result.kept == {(0, 0), (1, 1)}
    assert result.pairs == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_a_kept_pair_that_became_forbidden_is_dropped():
    affinity = np.array([[0.9, 0.5]])
    result = solve_assignment(
        affinity=affinity, k=1, caps=[1, 1], forbidden={(0, 0)}, floor=0, keep={(0, 0)}
    )

    assert result.dropped == {(0, 0)}
    assert result.pairs == [(0, 1)]


def test_need_per_submission_and_empty_inputs():
    affinity = np.array([[0.9, 0.5], [0.9, 0.5]])
    result = solve_assignment(
        affinity=affinity, k=2, caps=[2, 2], forbidden=set(), floor=0, need=[1, 0]
    )
    assert result.pairs == [(0, 0)]

    empty = solve_assignment(
        affinity=np.zeros((0, 3)), k=2, caps=[1, 1, 1], forbidden=set(), floor=0
    )
    assert empty.pairs == [] and empty.unfilled == {}
    with pytest.raises(ValueError):
        solve_assignment(affinity=affinity, k=1, caps=[1], forbidden=set(), floor=0)


def test_balance_spreads_near_equal_matches_only():
    near = np.array([[0.51, 0.5]] * 4)
    clear = np.array([[0.9, 0.5]] * 4)

    unbalanced = solve_assignment(
        affinity=near, k=1, caps=[4, 4], forbidden=set(), floor=0, balance=0
    )
    balanced = solve_assignment(affinity=near, k=1, caps=[4, 4], forbidden=set(), floor=0)
    better = solve_assignment(affinity=clear, k=1, caps=[4, 4], forbidden=set(), floor=0)

    assert loads(unbalanced.pairs, 2) == [4, 0]
    assert loads(balanced.pairs, 2) == [2, 2]
    assert loads(better.pairs, 2) == [4, 0]
