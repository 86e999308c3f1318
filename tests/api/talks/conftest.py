import pytest

from tests.factories import (
    PredictionFactory,
    ReviewFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    UserFactory,
)


@pytest.fixture
def add_talks(conference, tracks, reviewer):
    """add_talks(count, **fields): submissions with all that a list shows of each (two speakers
    with profiles, a track, a suggestion, a prediction, a review), to count a list's queries."""
    nlp, vision, _speech = tracks

    def add(count: int, **fields) -> None:
        for _ in range(count):
            co_speaker = SpeakerProfileFactory().user
            submission = SubmissionFactory(
                conference=conference,
                speaker=SpeakerProfileFactory(user=UserFactory()).user,
                speakers=[co_speaker],
                track=vision,
                suggested_track=nlp,
                suggested_confidence=0.5,
                **fields,
            )
            PredictionFactory(submission=submission, track=nlp, confidence=0.5)
            ReviewFactory(submission=submission, reviewer=reviewer)

    return add
