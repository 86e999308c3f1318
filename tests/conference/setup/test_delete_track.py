"""delete_track: refused while a track holds anything, else everything moves (issue 14)."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import RestrictedError

from conference.models import Track
from conference.setup import selectors, services
from scheduling.models import Schedule
from talks.enums import TrackSource
from talks.models import LabelledExample, Prediction, Submission
from talks.rules import review_track_ids
from talks.selectors import track_review_queue
from tests.factories import (
    MembershipFactory,
    PredictionFactory,
    ReviewerScopeFactory,
    ScheduleItemFactory,
    SubmissionFactory,
    TrackFactory,
)


@pytest.fixture
def nlp(tracks):
    return tracks[0]


@pytest.fixture
def vision(tracks):
    return tracks[1]


@pytest.fixture
def decided(conference, nlp):
    return SubmissionFactory(conference=conference, track=nlp, track_source=TrackSource.REVIEW)


def test_delete_track_without_holdings_deletes_it(conference):
    empty = TrackFactory(conference=conference, name="Empty")

    moved = services.delete_track(track=empty)

    assert not Track.objects.filter(pk=empty.pk).exists()
    assert moved == {
        "submissions": 0,
        "suggestions": 0,
        "scheduled": 0,
        "predictions": 0,
        "reviewers": 0,
    }


def test_delete_track_without_reassign_refuses_and_counts(conference, nlp, decided):
    SubmissionFactory(conference=conference, suggested_track=nlp, suggested_confidence=0.4)
    PredictionFactory(submission=decided, track=nlp)
    ScheduleItemFactory(submission=decided)
    ReviewerScopeFactory(membership__conference=conference, tracks=[nlp])

    with pytest.raises(ValidationError) as error:
        services.delete_track(track=nlp)

    assert error.value.messages == [
        "“NLP” holds 1 submission, 1 undecided submission suggested for it, 1 scheduled talk, "
        "1 prediction, 1 reviewer limited to it: choose a track to move them to."
    ]
    assert error.value.code == "track_in_use"
    assert Track.objects.filter(pk=nlp.pk).exists()
    decided.refresh_from_db()
    assert (decided.track, decided.track_source) == (nlp, TrackSource.REVIEW)


def test_delete_track_refuses_itself_or_another_conferences_track(nlp):
    foreign = TrackFactory()

    for target in (nlp, foreign):
        with pytest.raises(ValidationError) as error:
            services.delete_track(track=nlp, reassign_to=target)
        assert error.value.message_dict == {
            "reassign_to": ["Pick another track of this conference."]
        }


def test_delete_track_moves_decisions_keeping_track_source(conference, nlp, vision, decided):
    auto = SubmissionFactory(conference=conference, track=nlp, track_source=TrackSource.AUTO)
    LabelledExample.objects.create(
        conference=conference, submission=decided, text="t", label="NLP", source="review"
    )

    services.delete_track(track=nlp, reassign_to=vision)

    assert list(
        Submission.objects.order_by("pk").values_list("pk", "track__slug", "track_source")
    ) == [(decided.pk, "vision", "review"), (auto.pk, "vision", "auto")]
    assert list(LabelledExample.objects.values_list("label", flat=True)) == ["Vision"]


def test_delete_track_moves_suggestions_and_relabels_predictions(conference, nlp, vision):
    undecided = SubmissionFactory(
        conference=conference, suggested_track=nlp, suggested_confidence=0.5
    )
    prediction = PredictionFactory(
        submission=undecided,
        track=nlp,
        confidence=0.5,
        top=[
            {"track": "nlp", "label": "NLP", "probability": 0.5},
            {"track": "vision", "label": "Vision", "probability": 0.3},
            {"track": "speech", "label": "Speech", "probability": 0.2},
        ],
    )

    services.delete_track(track=nlp, reassign_to=vision)

    undecided.refresh_from_db()
    prediction.refresh_from_db()
    assert undecided.suggested_track == vision
    assert prediction.track == vision
    assert prediction.confidence == pytest.approx(0.8)
    assert [(e["track"], e["label"], round(e["probability"], 2)) for e in prediction.top] == [
        ("vision", "Vision", 0.8),
        ("speech", "Speech", 0.2),
    ]


def test_delete_track_keeps_scheduled_talks_and_marks_the_working_copy(nlp, vision, decided):
    item = ScheduleItemFactory(submission=decided)
    Schedule.objects.create(conference=decided.conference, revision=4)

    services.delete_track(track=nlp, reassign_to=vision)

    item.refresh_from_db()
    assert item.submission.track == vision
    assert Schedule.objects.get().revision == 5


def test_delete_track_reviewer_follows_to_the_new_track(conference, nlp, vision, decided):
    scope = ReviewerScopeFactory(membership__conference=conference, tracks=[nlp])
    both = ReviewerScopeFactory(membership__conference=conference, tracks=[nlp, vision])

    services.delete_track(track=nlp, reassign_to=vision)

    assert list(scope.tracks.all()) == [vision]
    assert list(both.tracks.all()) == [vision]
    assert scope.membership.reviews_all_tracks is False


def test_delete_track_reviewer_whose_only_track_goes_never_sees_more(
    conference, nlp, vision, decided
):
    SubmissionFactory.create_batch(3, conference=conference, track=vision)
    reviewer = ReviewerScopeFactory(membership__conference=conference, tracks=[nlp]).membership
    before = {s.pk for s in track_review_queue(conference=conference, user=reviewer.user)}

    services.delete_track(track=nlp, reassign_to=vision, move_reviewers=False)

    user = type(reviewer.user).objects.get(pk=reviewer.user_id)  # no cached scope
    after = {s.pk for s in track_review_queue(conference=conference, user=user)}
    assert before == {decided.pk}
    assert after == set()
    assert review_track_ids(user, conference) == frozenset()


def test_delete_track_holdings_selector_counts_each_kind(conference, nlp, decided):
    PredictionFactory.create_batch(2, submission=decided, track=nlp)
    MembershipFactory(conference=conference, role="reviewer")

    assert selectors.track_holdings(track=nlp) == {
        "submissions": 1,
        "suggestions": 0,
        "scheduled": 0,
        "predictions": 2,
        "reviewers": 0,
    }


def test_delete_track_bypassing_the_service_is_restricted(nlp, decided):
    with pytest.raises(RestrictedError):
        nlp.delete()

    assert Prediction.objects.count() == 0
    decided.refresh_from_db()
    assert decided.track == nlp


def test_delete_track_deleting_the_whole_conference_still_works(conference, nlp, decided):
    PredictionFactory(submission=decided, track=nlp)
    ReviewerScopeFactory(membership__conference=conference, tracks=[nlp])
    ScheduleItemFactory(submission=decided)

    conference.delete()

    assert (Track.objects.count(), Submission.objects.count()) == (0, 0)
