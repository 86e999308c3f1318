import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from conference.api.services import create_api_token
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
def world(conference, tracks, speaker, other_speaker, organiser, reviewer):
    """One conference with something behind every endpoint, and a user for every role."""
    other_conference = ConferenceFactory(slug="otherconf", name="OtherConf")
    foreign_organiser = MembershipFactory(
        conference=other_conference, user__username="foreign"
    ).user
    attendee = UserFactory(username="attendee")
    SpeakerProfileFactory(user=speaker, name="Ada Speaker", affiliation="ACME")
    room = RoomFactory(conference=conference, name="Main hall", capacity=300)
    nlp, vision, _speech = tracks
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
    other = SubmissionFactory(conference=conference, speaker=other_speaker, title="Other's talk")
    prediction = PredictionFactory(submission=own, track=nlp, confidence=0.7, model_version="v9")
    review = ReviewFactory(submission=own, reviewer=reviewer, score=4, comment="Good")
    registration = RegistrationFactory(
        ticket_type=TicketTypeFactory(conference=conference, name="Standard"),
        name="Ann Attendee",
        email="ann@example.org",
    )
    version = ModelVersion.objects.create(
        conference=conference, kind="mlp", labels=["NLP", "Vision"], status="ready"
    )
    job = Job.objects.create(conference=conference, kind="train", model_version=version)
    item = ScheduleItemFactory(submission=public, room=room)
    release = publish_release(conference=conference, user=organiser, comment="First")
    users = {
        "attendee": attendee,
        "speaker": speaker,
        "other_speaker": other_speaker,
        "reviewer": reviewer,
        "foreign_organiser": foreign_organiser,
        "organiser": organiser,
    }
    return {
        "conference": conference,
        "tracks": tracks,
        "room": room,
        "own": own,
        "public": public,
        "other": other,
        "prediction": prediction,
        "review": review,
        "registration": registration,
        "version": version,
        "job": job,
        "item": item,
        "release": release,
        "users": users,
    }


def token_client(user) -> APIClient:
    client = APIClient()
    if user is not None:
        _token, key = create_api_token(user=user, name="tests")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def client_for(world):
    def make(role: str) -> APIClient:
        return token_client(world["users"].get(role))

    return make
