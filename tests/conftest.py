import os

import pytest

from conference.celery import app as celery_app
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
)

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told that this is deliberate. The live server's own thread is unaffected.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_spot_checks(settings):
    """The track queue's plain order (least confident first) unless a test asks for its spot
    checks (tests/talks/test_spot_checks.py): which submissions are spot checks depends on
    their numbers, which differ between databases."""
    settings.TRACK_QUEUE_SPOT_CHECKS = 0


@pytest.fixture(autouse=True)
def celery_eager(request):
    """Tasks run in-process, except in tests that start real workers (marked integration)."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def conference(db):
    return ConferenceFactory(slug="devconf", name="DevConf")


@pytest.fixture
def tracks(conference):
    return [
        TrackFactory(conference=conference, name="NLP", slug="nlp"),
        TrackFactory(conference=conference, name="Vision", slug="vision"),
        TrackFactory(conference=conference, name="Speech", slug="speech"),
    ]


@pytest.fixture
def speaker(db):
    return UserFactory(username="speaker")


@pytest.fixture
def other_speaker(db):
    return UserFactory(username="other")


@pytest.fixture
def organiser(conference):
    return MembershipFactory(conference=conference, user__username="organiser").user


@pytest.fixture
def reviewer(conference):
    return MembershipFactory(conference=conference, user__username="reviewer", role="reviewer").user


@pytest.fixture
def submission(conference, speaker):
    return SubmissionFactory(conference=conference, speaker=speaker, title="Speaker's talk")
