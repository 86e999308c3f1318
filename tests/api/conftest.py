"""The API's test data in blocks: each test module asks for the blocks it reads; the permission
matrix and the schema fuzzing take them all (`world`)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from conference.api.services import create_api_token
from modeldemo.enums import JobStatus
from modeldemo.models import Job, ModelVersion
from scheduling.services import publish_release
from talks.enums import State
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    PredictionFactory,
    RegistrationFactory,
    ReviewFactory,
    RoomFactory,
    ScheduleItemFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    TicketTypeFactory,
    UserFactory,
)

ROLES = [
    "anonymous",
    "attendee",
    "speaker",
    "other_speaker",
    "reviewer",
    "foreign_organiser",
    "organiser",
]


@pytest.fixture(autouse=True)
def fresh_throttle_cache():
    # Throttle counters live in the cache: every test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def users(conference, speaker, other_speaker, organiser, reviewer):
    """A user for every role but anonymous; the foreign organiser runs OtherConf."""
    other_conference = ConferenceFactory(slug="otherconf", name="OtherConf")
    foreign_organiser = MembershipFactory(
        conference=other_conference, user__username="foreign"
    ).user
    SpeakerProfileFactory(user=speaker, name="Ada Speaker", affiliation="ACME")
    return {
        "attendee": UserFactory(username="attendee"),
        "speaker": speaker,
        "other_speaker": other_speaker,
        "reviewer": reviewer,
        "foreign_organiser": foreign_organiser,
        "organiser": organiser,
    }


@pytest.fixture
def submissions(conference, tracks, users):
    """The speaker's submitted talk (suggested NLP, predicted, reviewed), their accepted talk
    (Vision) and the other speaker's submitted talk."""
    nlp, vision, _speech = tracks
    speaker, reviewer = users["speaker"], users["reviewer"]
    own = SubmissionFactory(
        conference=conference, speaker=speaker, title="Own submitted talk", suggested_track=nlp
    )
    public = SubmissionFactory(
        conference=conference,
        speaker=speaker,
        title="Accepted talk",
        state=State.ACCEPTED,
        track=vision,
    )
    other = SubmissionFactory(
        conference=conference, speaker=users["other_speaker"], title="Other's talk"
    )
    return {
        "own": own,
        "public": public,
        "other": other,
        "prediction": PredictionFactory(
            submission=own, track=nlp, confidence=0.7, model_version="v9"
        ),
        "review": ReviewFactory(submission=own, reviewer=reviewer, score=4, comment="Good"),
    }


@pytest.fixture
def registration(conference):
    return RegistrationFactory(
        ticket_type=TicketTypeFactory(conference=conference, name="Standard"),
        name="Ann Attendee",
        email="ann@example.org",
    )


@pytest.fixture
def model_version(conference, tracks):
    """A ready MLP whose labels are two of the conference's tracks."""
    return ModelVersion.objects.create(
        conference=conference, kind="mlp", labels=["NLP", "Vision"], status="ready"
    )


@pytest.fixture
def job(conference, model_version):
    """The finished training of the model version (a queued one would refuse a new training)."""
    return Job.objects.create(
        conference=conference, kind="train", model_version=model_version, status=JobStatus.DONE
    )


@pytest.fixture
def schedule(conference, submissions, organiser):
    """The accepted talk in the main hall, published as release 1."""
    room = RoomFactory(conference=conference, name="Main hall", capacity=300)
    item = ScheduleItemFactory(submission=submissions["public"], room=room)
    release = publish_release(conference=conference, user=organiser, comment="First")
    return {"room": room, "item": item, "release": release}


@pytest.fixture
def world(conference, tracks, users, submissions, registration, model_version, job, schedule):
    """One conference with something behind every endpoint, and a user for every role."""
    return {
        "conference": conference,
        "tracks": tracks,
        **submissions,
        **schedule,
        "registration": registration,
        "version": model_version,
        "job": job,
        "users": users,
    }


def token_client(user) -> APIClient:
    client = APIClient()
    if user is not None:
        _token, key = create_api_token(user=user, name="tests")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def client_for(users):
    def make(role: str) -> APIClient:
        return token_client(users.get(role))

    return make


def queries_for(client: APIClient, url: str) -> int:
    """How many queries one GET of `url` makes; the answer must be a 200."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(context)
