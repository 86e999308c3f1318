"""ML services: build categorisers and apply them to submissions.

torch is only imported through modeldemo.bert / modeldemo.categorisers, inside functions, so
importing this module from a web process costs nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from conference.models import Conference
from talks import selectors as talk_selectors
from talks import services as talk_services


@functools.lru_cache(maxsize=16)
def _zero_shot(label_texts: tuple[tuple[str, str], ...]):
    from modeldemo.categorisers.zeroshot import ZeroShotCategoriser

    return ZeroShotCategoriser(dict(label_texts))


def categoriser_for_conference(*, conference: Conference):
    """The conference's categoriser: zero-shot over its tracks (cached while they don't change)."""
    tracks = list(conference.tracks.all())
    if not tracks:
        return None, {}
    categoriser = _zero_shot(tuple((track.slug, track.categoriser_text) for track in tracks))
    return categoriser, {track.slug: track for track in tracks}


def categorise_submission(*, submission_id: int) -> bool:
    """Predict the track of one submission and record it. Returns False if there was nothing to do.

    Side effects: one Prediction row (per model version) and the submission's suggested track.
    """
    return categorise_submissions(submission_ids=[submission_id]) > 0


def categorise_submissions(*, submission_ids: Sequence[int]) -> int:
    """Predict tracks for many submissions, batched per conference; returns how many got one."""
    submissions = [
        s for pk in submission_ids if (s := talk_selectors.submission_for_categorising(pk=pk))
    ]
    done = 0
    by_conference: dict[int, list] = {}
    for submission in submissions:
        by_conference.setdefault(submission.conference_id, []).append(submission)
    for group in by_conference.values():
        categoriser, tracks = categoriser_for_conference(conference=group[0].conference)
        if categoriser is None:
            continue
        rankings = categoriser.predict([s.categoriser_text for s in group], k=3)
        for submission, ranking in zip(group, rankings, strict=True):
            talk_services.record_prediction(
                submission=submission,
                ranking=[(tracks[label], probability) for label, probability in ranking],
                categoriser=categoriser.kind,
                model_version=categoriser.version,
            )
            done += 1
    return done
