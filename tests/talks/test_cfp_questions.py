"""CfP questions: the organisers' pages, the scope on the speakers' form, the answers shown."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from conference.setup.services import delete_track
from talks.models import Answer, CfpQuestion, Submission
from talks.question_selectors import asked_questions, is_in_scope
from talks.services.questions import (
    create_cfp_question,
    delete_cfp_question,
    move_cfp_question,
    save_cfp_answers,
)
from tests.factories import SubmissionFactory


@pytest.fixture
def workshop_question(conference, organiser):
    return create_cfp_question(
        conference=conference,
        user=organiser,
        text="Which level of hands-on experience?",
        kind=CfpQuestion.Kind.CHOICE,
        options=["Beginner", "Expert"],
        required=True,
        formats=["workshop"],
    )


def _submit(client, conference, **extra):
    data = {
        "title": "Fine-tuning small LLMs",
        "abstract": "How to fine-tune a small language model on one GPU.",
        "format": "talk",
        "submit": "1",
        **extra,
    }
    return client.post(f"/c/{conference.slug}/submit/", data)


# --- the organisers' pages -------------------------------------------------------------------


def test_question_create_stores_kind_options_scope_and_position(client, conference, organiser):
    client.force_login(organiser)
    url = f"/c/{conference.slug}/cfp/questions/new/"

    first = client.post(
        url,
        {
            "text": "Hands-on level?",
            "kind": "choice",
            "options": "Beginner\n\n  Expert  \n",
            "required": "on",
            "formats": ["workshop"],
            "active": "on",
        },
    )
    second = client.post(url, {"text": "Slides link", "kind": "url", "active": "on"})

    assert first.status_code == second.status_code == 302
    rows = list(
        CfpQuestion.objects.values_list(
            "text", "kind", "options", "required", "formats", "all_tracks", "position", "active"
        )
    )
    assert rows == [
        ("Hands-on level?", "choice", ["Beginner", "Expert"], True, ["workshop"], True, 0, True),
        ("Slides link", "url", [], False, [], True, 1, True),
    ]


def test_question_create_choice_needs_two_choices(client, conference, organiser):
    client.force_login(organiser)

    response = client.post(
        f"/c/{conference.slug}/cfp/questions/new/",
        {"text": "Pick", "kind": "multiple_choice", "options": "Only one"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["options"] == [
        "Give at least two choices, one per line."
    ]
    assert CfpQuestion.objects.count() == 0


def test_question_pages_are_for_organisers_only(client, conference, reviewer, workshop_question):
    base = f"/c/{conference.slug}/cfp/questions/"
    assert client.get(base).status_code == 302  # to the log-in page

    client.force_login(reviewer)
    answers = [
        client.get(base).status_code,
        client.get(f"{base}new/").status_code,
        client.get(f"{base}{workshop_question.pk}/").status_code,
        client.post(f"{base}{workshop_question.pk}/delete/").status_code,
        client.post(f"{base}{workshop_question.pk}/move/", {"direction": "up"}).status_code,
    ]

    assert answers == [403, 403, 403, 403, 403]
    assert CfpQuestion.objects.count() == 1


def test_question_list_shows_scope_and_answer_count(
    client, conference, organiser, workshop_question, tracks
):
    limited = create_cfp_question(
        conference=conference, user=organiser, text="GPU needed?", kind="yes_no", tracks=tracks[:2]
    )
    submission = SubmissionFactory(conference=conference, format="workshop")
    Answer.objects.create(submission=submission, question=workshop_question, value="Expert")
    client.force_login(organiser)

    page = client.get(f"/c/{conference.slug}/cfp/questions/").content.decode()

    assert "Workshop · every track" in page
    assert "every format · NLP, Vision" in page
    assert '<td class="answer-count">1</td>' in page
    assert '<td class="answer-count">0</td>' in page
    assert limited.text in page
    assert f'href="/c/{conference.slug}/submissions/export.csv"' in page


@pytest.mark.parametrize("count", [1, 3])
def test_question_list_query_count(
    client, conference, organiser, tracks, count, django_assert_num_queries
):
    for n in range(count):
        create_cfp_question(
            conference=conference, user=organiser, text=f"Q{n}", kind="text", tracks=tracks[:2]
        )
    client.force_login(organiser)

    # session, user, conference, membership (is_organiser), questions, their tracks
    with django_assert_num_queries(6):
        response = client.get(f"/c/{conference.slug}/cfp/questions/")

    assert response.content.decode().count('<tr class="question">') == count


def test_question_edit_sets_tracks_and_refuses_a_stale_version(
    client, conference, organiser, workshop_question, tracks
):
    client.force_login(organiser)
    url = f"/c/{conference.slug}/cfp/questions/{workshop_question.pk}/"
    data = {
        "text": "Hands-on level?",
        "kind": "choice",
        "options": "Beginner\nExpert",
        "formats": ["workshop", "talk"],
        "tracks": [tracks[0].pk],
        "active": "on",
        "version": workshop_question.version,
    }

    saved = client.post(url, data)
    stale = client.post(url, {**data, "text": "Overwritten?"})

    assert saved.status_code == 302
    assert stale.status_code == 400
    question = CfpQuestion.objects.get()
    assert (question.text, question.formats, question.all_tracks, question.required) == (
        "Hands-on level?",
        ["workshop", "talk"],
        False,
        False,
    )
    assert list(question.tracks.all()) == [tracks[0]]
    assert question.version == 2


def test_question_move_swaps_neighbours(client, conference, organiser):
    a, b, c = (
        create_cfp_question(conference=conference, user=organiser, text=t, kind="text")
        for t in "ABC"
    )
    client.force_login(organiser)

    client.post(f"/c/{conference.slug}/cfp/questions/{c.pk}/move/", {"direction": "up"})
    client.post(f"/c/{conference.slug}/cfp/questions/{a.pk}/move/", {"direction": "up"})  # first

    assert list(CfpQuestion.objects.values_list("text", "position")) == [
        ("A", 0),
        ("C", 1),
        ("B", 2),
    ]


def test_question_delete_with_answers_asks_first(client, conference, organiser, workshop_question):
    submission = SubmissionFactory(conference=conference, format="workshop")
    Answer.objects.create(submission=submission, question=workshop_question, value="Expert")
    client.force_login(organiser)
    url = f"/c/{conference.slug}/cfp/questions/{workshop_question.pk}/delete/"

    asked = client.get(url)
    refused = client.post(url)
    kept = Answer.objects.count()
    deleted = client.post(url, {"confirm": "delete-answers"})

    assert "1 submission answered it" in asked.content.decode()
    assert refused.status_code == 400
    assert kept == 1
    assert deleted.status_code == 302
    assert (CfpQuestion.objects.count(), Answer.objects.count()) == (0, 0)
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_question_with_answers_cannot_be_deleted_behind_the_service(
    conference, organiser, workshop_question
):
    submission = SubmissionFactory(conference=conference, format="workshop")
    Answer.objects.create(submission=submission, question=workshop_question, value="Expert")

    with pytest.raises(ValidationError) as caught:
        delete_cfp_question(question=workshop_question, user=organiser)

    assert caught.value.code == "has_answers"
    assert CfpQuestion.objects.count() == 1


def test_deleting_a_track_never_widens_a_question_to_every_track(conference, organiser, tracks):
    question = create_cfp_question(
        conference=conference, user=organiser, text="Dataset?", kind="text", tracks=[tracks[2]]
    )

    delete_track(track=tracks[2])

    [asked] = asked_questions(conference=conference)
    assert (asked.pk, asked.all_tracks, asked.track_ids) == (question.pk, False, frozenset())
    assert is_in_scope(asked, fmt="talk", track_id=tracks[0].pk) is False
    assert is_in_scope(asked, fmt="talk", track_id=None) is False


def test_move_question_rejects_an_unknown_direction(conference, organiser, workshop_question):
    with pytest.raises(ValidationError):
        move_cfp_question(question=workshop_question, user=organiser, direction="sideways")


# --- the speakers' form ----------------------------------------------------------------------


def test_required_question_is_only_required_for_its_format(
    client, conference, speaker, workshop_question
):
    client.force_login(speaker)
    field = f"question_{workshop_question.pk}"

    as_talk = _submit(client, conference, format="talk")
    missing = _submit(client, conference, format="workshop", title="Workshop without answer")
    answered = _submit(client, conference, format="workshop", title="Workshop", **{field: "Expert"})

    assert as_talk.status_code == 302
    assert missing.status_code == 200
    assert missing.context["answers_form"].errors[field] == ["This question is required."]
    assert answered.status_code == 302
    assert list(Submission.objects.order_by("pk").values_list("title", "format")) == [
        ("Fine-tuning small LLMs", "talk"),
        ("Workshop", "workshop"),
    ]
    assert list(Answer.objects.values_list("submission__title", "value")) == [
        ("Workshop", "Expert")
    ]


def test_talk_form_ignores_an_answer_to_a_workshop_question(
    client, conference, speaker, workshop_question
):
    client.force_login(speaker)

    _submit(client, conference, format="talk", **{f"question_{workshop_question.pk}": "Expert"})

    assert Answer.objects.count() == 0


def test_a_choice_outside_the_options_is_refused(client, conference, speaker, workshop_question):
    client.force_login(speaker)

    response = _submit(
        client, conference, format="workshop", **{f"question_{workshop_question.pk}": "Guru"}
    )

    assert response.status_code == 200
    assert "Guru is not one of the available choices." in str(
        response.context["answers_form"].errors
    )
    assert Submission.objects.count() == 0


def test_answers_of_every_kind_are_stored_in_their_form(client, conference, organiser, speaker):
    make = {
        kind: create_cfp_question(
            conference=conference,
            user=organiser,
            text=f"Q {kind}",
            kind=kind,
            options=["Red", "Green", "Blue"],
        )
        for kind in ("text", "long_text", "choice", "multiple_choice", "yes_no", "url")
    }
    client.force_login(speaker)

    response = _submit(
        client,
        conference,
        **{
            f"question_{make['text'].pk}": "  short  ",
            f"question_{make['long_text'].pk}": "line one\nline two",
            f"question_{make['choice'].pk}": "Green",
            f"question_{make['multiple_choice'].pk}": ["Blue", "Red"],
            f"question_{make['yes_no'].pk}": "no",
            f"question_{make['url'].pk}": "example.org/slides",
        },
    )

    assert response.status_code == 302
    values = dict(Answer.objects.values_list("question__kind", "value"))
    assert values == {
        "text": "short",
        "long_text": "line one\nline two",
        "choice": "Green",
        "multiple_choice": ["Red", "Blue"],
        "yes_no": False,
        "url": "https://example.org/slides",
    }


def test_url_answer_must_be_http(client, conference, organiser, speaker):
    question = create_cfp_question(conference=conference, user=organiser, text="Link", kind="url")
    client.force_login(speaker)

    response = _submit(client, conference, **{f"question_{question.pk}": "javascript:alert(1)"})

    assert response.status_code == 200
    assert Answer.objects.count() == 0


def test_edit_shows_the_stored_answer_and_an_empty_one_removes_it(
    client, conference, speaker, workshop_question, organiser
):
    optional = create_cfp_question(conference=conference, user=organiser, text="Notes", kind="text")
    submission = SubmissionFactory(conference=conference, speaker=speaker, format="workshop")
    Answer.objects.create(submission=submission, question=workshop_question, value="Beginner")
    Answer.objects.create(submission=submission, question=optional, value="Bring a laptop")
    client.force_login(speaker)
    url = f"/me/submissions/{submission.pk}/edit/"

    form = client.get(url).context["answers_form"]
    response = client.post(
        url,
        {
            "title": submission.title,
            "abstract": submission.abstract,
            "format": "workshop",
            "version": submission.version,
            f"question_{workshop_question.pk}": "Expert",
            f"question_{optional.pk}": "",
        },
    )

    assert form[f"question_{workshop_question.pk}"].value() == "Beginner"
    assert response.status_code == 302
    assert list(Answer.objects.values_list("question__text", "value")) == [
        ("Which level of hands-on experience?", "Expert")
    ]
    entry = submission.log.filter(action="edited").order_by("pk").last()
    assert entry.data == {
        "changes": {
            "Which level of hands-on experience?": ["Beginner", "Expert"],
            "Notes": ["Bring a laptop", ""],
        }
    }


def test_first_answers_are_part_of_the_created_entry_not_an_edit(
    client, conference, speaker, workshop_question
):
    client.force_login(speaker)

    _submit(client, conference, format="workshop", **{f"question_{workshop_question.pk}": "Expert"})

    submission = Submission.objects.get()
    assert list(submission.log.values_list("action", flat=True)) == ["created"]


def test_track_limited_question_is_asked_once_the_submission_has_that_track(
    client, conference, organiser, speaker, tracks
):
    question = create_cfp_question(
        conference=conference,
        user=organiser,
        text="Which dataset?",
        kind="text",
        required=True,
        tracks=[tracks[1]],
    )
    client.force_login(speaker)
    new_form = client.get(f"/c/{conference.slug}/submit/")
    submission = SubmissionFactory(
        conference=conference, speaker=speaker, suggested_track=tracks[1]
    )
    edit_url = f"/me/submissions/{submission.pk}/edit/"

    edit_form = client.get(edit_url)
    refused = client.post(
        edit_url,
        {
            "title": submission.title,
            "abstract": submission.abstract,
            "format": "talk",
            "version": submission.version,
        },
    )

    assert "Which dataset?" not in new_form.content.decode()
    assert "Which dataset?" in edit_form.content.decode()
    assert refused.context["answers_form"].errors[f"question_{question.pk}"] == [
        "This question is required."
    ]


def test_form_marks_each_question_with_its_formats_for_the_script(
    client, conference, speaker, workshop_question
):
    client.force_login(speaker)

    page = client.get(f"/c/{conference.slug}/submit/").content.decode()

    assert f'data-formats="workshop" data-tracks="" data-question="{workshop_question.pk}"' in page
    assert "talks/js/cfp_questions.js" in page


def test_save_answers_is_for_the_speakers_only(conference, other_speaker, workshop_question):
    from django.core.exceptions import PermissionDenied

    submission = SubmissionFactory(conference=conference, format="workshop")

    with pytest.raises(PermissionDenied):
        save_cfp_answers(
            submission=submission, user=other_speaker, answers={workshop_question: "Expert"}
        )


# --- where the answers show ------------------------------------------------------------------


def test_answers_show_on_the_review_page_and_the_speakers_page(
    client, conference, organiser, speaker, workshop_question
):
    link = create_cfp_question(conference=conference, user=organiser, text="Slides", kind="url")
    submission = SubmissionFactory(conference=conference, speaker=speaker, format="workshop")
    Answer.objects.create(submission=submission, question=workshop_question, value="Expert")
    Answer.objects.create(submission=submission, question=link, value="https://x.org/<b>")

    client.force_login(organiser)
    review = client.get(f"/c/{conference.slug}/submissions/{submission.pk}/").content.decode()
    client.force_login(speaker)
    own = client.get(f"/me/submissions/{submission.pk}/").content.decode()

    for page in (review, own):
        assert "<dt>Which level of hands-on experience?</dt>" in page
        assert '<dd class="answer">Expert</dd>' in page
        assert 'href="https://x.org/&lt;b&gt;"' in page


def test_answers_block_lists_answers_in_question_order_and_escapes(conference, organiser):
    first = create_cfp_question(conference=conference, user=organiser, text="First", kind="text")
    second = create_cfp_question(
        conference=conference,
        user=organiser,
        text="<i>Second</i>",
        kind="multiple_choice",
        options=["a", "b"],
    )
    submission = SubmissionFactory(conference=conference)
    Answer.objects.create(submission=submission, question=second, value=["a", "b"])
    Answer.objects.create(submission=submission, question=first, value="<script>")

    html = render_to_string("talks/_answers.html", {"submission": submission})

    assert html.index("First") < html.index("Second")
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<dt>&lt;i&gt;Second&lt;/i&gt;</dt>" in html
    assert '<dd class="answer">a; b</dd>' in html


def test_answers_block_is_empty_without_answers(conference):
    submission = SubmissionFactory(conference=conference)

    assert render_to_string("talks/_answers.html", {"submission": submission}).strip() == ""
