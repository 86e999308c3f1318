import pytest
from django.urls import reverse

from conference.models import Answer, Question
from tests.factories import QuestionFactory, RegistrationFactory


def test_question_create(client, organiser, conference):
    client.force_login(organiser)

    client.post(
        reverse("setup:question_create", args=[conference.slug]),
        {
            "label": "T-shirt size",
            "kind": "choice",
            "choices": "S\nM\n\nL\n",
            "required": "on",
            "position": 2,
        },
    )

    question = Question.objects.get()
    assert (
        question.conference,
        question.label,
        question.kind,
        question.choice_list,
        question.required,
    ) == (
        conference,
        "T-shirt size",
        "choice",
        ["S", "M", "L"],
        True,
    )


def test_question_create_choice_without_choices_is_refused(client, organiser, conference):
    client.force_login(organiser)

    response = client.post(
        reverse("setup:question_create", args=[conference.slug]),
        {"label": "T-shirt size", "kind": "choice", "choices": "", "position": 0},
    )

    assert response.context["form"].errors == {
        "choices": ["Give at least two choices, one per line."]
    }
    assert Question.objects.count() == 0


def test_question_edit(client, organiser, conference):
    question = QuestionFactory(conference=conference, label="Old")
    client.force_login(organiser)

    client.post(
        reverse("setup:question_edit", args=[conference.slug, question.pk]),
        {"label": "New", "kind": "yes_no", "position": 0},
    )

    question.refresh_from_db()
    assert (question.label, question.kind, question.required) == ("New", "yes_no", False)


def test_question_delete_deletes_its_answers(client, organiser, conference):
    question = QuestionFactory(conference=conference)
    Answer.objects.create(
        registration=RegistrationFactory(ticket_type__conference=conference),
        question=question,
        value="x",
    )
    client.force_login(organiser)

    client.post(reverse("setup:question_delete", args=[conference.slug, question.pk]))

    assert (Question.objects.count(), Answer.objects.count()) == (0, 0)


@pytest.mark.parametrize("count", [1, 3])
def test_question_list_query_count(client, organiser, conference, count, django_assert_num_queries):
    QuestionFactory.create_batch(count, conference=conference)
    client.force_login(organiser)

    # session, user, conference, membership, questions
    with django_assert_num_queries(5):
        response = client.get(reverse("setup:questions", args=[conference.slug]))

    assert len(response.context["questions"]) == count
