import pytest

from conference.models import Question
from tests.factories import QuestionFactory, TicketTypeFactory


@pytest.fixture
def ticket_type(conference):
    return TicketTypeFactory(conference=conference, name="Standard", quota=2, price="199.00")


@pytest.fixture
def questions(conference):
    return [
        QuestionFactory(
            conference=conference,
            label="Diet",
            kind=Question.Kind.CHOICE,
            position=1,
            choices="None\nVegetarian\nVegan",
            required=True,
        ),
        QuestionFactory(
            conference=conference, label="First time here?", kind=Question.Kind.YES_NO, position=2
        ),
        QuestionFactory(conference=conference, label="Your role", position=3),
    ]
