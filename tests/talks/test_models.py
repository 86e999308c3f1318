import pytest

from talks.enums import State
from talks.models import Submission
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def test_public_is_accepted_or_confirmed_and_sent_in_all_but_drafts(conference):
    talks = {state: SubmissionFactory(conference=conference, state=state) for state in State}

    public = set(Submission.objects.public())
    sent_in = set(conference.submissions.sent_in())

    assert public == {talks[State.ACCEPTED], talks[State.CONFIRMED]}
    assert sent_in == set(talks.values()) - {talks[State.DRAFT]}
