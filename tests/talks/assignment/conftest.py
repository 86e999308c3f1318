import pytest

from conference.enums import Role
from talks.models import ReviewerProfile, ReviewerProfileTrack
from tests.factories import MembershipFactory, SubmissionFactory, TrackFactory, UserFactory


def make_reviewer(conference, username, expertise="", tracks=(), cap=None, role=Role.REVIEWER):
    user = UserFactory(username=username, email=f"{username}@{username}-lab.cn")
    MembershipFactory(conference=conference, user=user, role=role)
    profile = ReviewerProfile.objects.create(
        conference=conference, user=user, expertise=expertise, cap=cap
    )
    for track in tracks:
        ReviewerProfileTrack.objects.create(profile=profile, track=track)
    return user


@pytest.fixture
def ops(conference):
    return TrackFactory(conference=conference, name="Operations", slug="ops")


@pytest.fixture
def nlp(conference):
    return TrackFactory(conference=conference, name="NLP", slug="nlp-track")


@pytest.fixture
def talk(conference):
    """A factory of submissions with their own speaker (a domain of their own)."""
    made = []

    def make(title, abstract, track=None, speaker=None):
        speaker = speaker or UserFactory(
            username=f"speaker{len(made)}", email=f"speaker{len(made)}@talks{len(made)}.cn"
        )
        submission = SubmissionFactory(
            conference=conference, speaker=speaker, title=title, abstract=abstract, track=track
        )
        made.append(submission)
        return submission

    return make
