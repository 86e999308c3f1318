"""The organisers' CSV and JSON export of submissions with scores, reviews and answers."""

import csv
import io
import json

import pytest

from talks.enums import State
from talks.exports import safe_cell
from talks.models import Answer
from talks.services.questions import create_cfp_question
from tests.factories import (
    ReviewFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    UserFactory,
)


@pytest.fixture
def exported(conference, organiser, reviewer, second_reviewer, speaker, tracks):
    SpeakerProfileFactory(user=speaker, name="Li Wei")
    level = create_cfp_question(
        conference=conference,
        user=organiser,
        text="Hands-on level?",
        kind="choice",
        options=["Beginner", "Expert"],
        formats=["workshop"],
    )
    topics = create_cfp_question(
        conference=conference,
        user=organiser,
        text="Topics",
        kind="multiple_choice",
        options=["LLM", "RAG", "Agents"],
    )
    gpu = create_cfp_question(conference=conference, user=organiser, text="GPU?", kind="yes_no")
    workshop = SubmissionFactory(
        conference=conference,
        speaker=speaker,
        speakers=[UserFactory(username="co", email="co@example.org")],
        title='=HYPERLINK("http://evil")',
        format="workshop",
        duration=90,
        track=tracks[0],
    )
    talk = SubmissionFactory(conference=conference, title="Plain talk", state=State.ACCEPTED)
    SubmissionFactory(conference=conference, title="A draft", state=State.DRAFT)
    ReviewFactory(submission=workshop, reviewer=reviewer, score=4, comment="-1 for slides")
    ReviewFactory(submission=workshop, reviewer=second_reviewer, score=1, comment="weak")
    ReviewFactory(submission=talk, reviewer=reviewer, score=3, comment="ok")
    Answer.objects.create(submission=workshop, question=level, value="Expert")
    Answer.objects.create(submission=workshop, question=topics, value=["LLM", "Agents"])
    Answer.objects.create(submission=workshop, question=gpu, value=True)
    Answer.objects.create(submission=talk, question=gpu, value=False)
    return {"workshop": workshop, "talk": talk, "questions": (level, topics, gpu)}


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_export_csv_has_one_row_per_submission_with_reviews_and_answers(
    client, conference, organiser, exported, speaker
):
    client.force_login(organiser)

    response = client.get(f"/c/{conference.slug}/submissions/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="devconf-submissions-')
    header, *rows = _csv_rows(response)
    assert header == [
        "id",
        "title",
        "state",
        "track",
        "format",
        "duration",
        "level",
        "language",
        "speakers",
        "speaker_emails",
        "review_count",
        "score_total",
        "score_mean",
        "score_median",
        "review_1_reviewer",
        "review_1_score",
        "review_1_comment",
        "review_2_reviewer",
        "review_2_score",
        "review_2_comment",
        "Hands-on level?",
        "Topics",
        "GPU?",
        "abstract",
    ]
    workshop, talk = exported["workshop"], exported["talk"]
    assert [row[:-1] for row in rows] == [
        [
            str(workshop.pk),
            '\'=HYPERLINK("http://evil")',
            "submitted",
            "NLP",
            "workshop",
            "90",
            "",
            "",
            "Li Wei; co",
            f"{speaker.email}; co@example.org",
            "2",
            "5",
            "2.5",
            "2.5",
            "reviewer",
            "4",
            "'-1 for slides",
            "reviewer2",
            "1",
            "weak",
            "Expert",
            "LLM; Agents",
            "Yes",
        ],
        [
            str(talk.pk),
            "Plain talk",
            "accepted",
            "",
            "talk",
            "30",
            "",
            "",
            talk.speakers.get().username,
            talk.speakers.get().email,
            "1",
            "3",
            "3.0",
            "3",
            "reviewer",
            "3",
            "ok",
            "",
            "",
            "",
            "",
            "",
            "No",
        ],
    ]


def test_export_json_carries_reviews_and_typed_answers(client, conference, organiser, exported):
    client.force_login(organiser)

    response = client.get(f"/c/{conference.slug}/submissions/export.json")

    assert response.status_code == 200
    data = json.loads(response.content)
    level, topics, gpu = exported["questions"]
    assert [q["text"] for q in data["questions"]] == ["Hands-on level?", "Topics", "GPU?"]
    assert data["questions"][0]["formats"] == ["workshop"]
    first = data["submissions"][0]
    assert first["title"] == '=HYPERLINK("http://evil")'  # JSON is data, not a sheet
    assert (first["score_total"], first["score_mean"], first["score_median"]) == (5, 2.5, 2.5)
    assert first["reviews"] == [
        {"reviewer": "reviewer", "score": 4, "comment": "-1 for slides"},
        {"reviewer": "reviewer2", "score": 1, "comment": "weak"},
    ]
    assert first["answers"] == [
        {"question": level.pk, "value": "Expert"},
        {"question": topics.pk, "value": ["LLM", "Agents"]},
        {"question": gpu.pk, "value": True},
    ]
    assert [s["title"] for s in data["submissions"]] == [first["title"], "Plain talk"]


def test_export_is_for_organisers_only(client, conference, reviewer, speaker, exported):
    url = f"/c/{conference.slug}/submissions/export"

    anonymous = client.get(f"{url}.csv").status_code
    client.force_login(reviewer)
    as_reviewer = [client.get(f"{url}.csv").status_code, client.get(f"{url}.json").status_code]
    client.force_login(speaker)
    as_speaker = client.get(f"{url}.json").status_code

    assert (anonymous, as_reviewer, as_speaker) == (302, [403, 403], 403)


def test_export_of_no_submissions_is_just_the_header(client, conference, organiser):
    client.force_login(organiser)

    rows = _csv_rows(client.get(f"/c/{conference.slug}/submissions/export.csv"))

    assert len(rows) == 1
    assert rows[0][-1] == "abstract"


@pytest.mark.parametrize("count", [1, 3])
def test_export_query_count_does_not_grow(
    client, conference, organiser, reviewer, count, django_assert_num_queries
):
    question = create_cfp_question(conference=conference, user=organiser, text="Q", kind="text")
    for n in range(count):
        submission = SubmissionFactory(conference=conference)
        ReviewFactory(submission=submission, reviewer=reviewer, score=n)
        Answer.objects.create(submission=submission, question=question, value=f"a{n}")
    client.force_login(organiser)

    # session, user, conference, membership (is_organiser), questions, submissions,
    # speakers, reviews, answers
    with django_assert_num_queries(9):
        response = client.get(f"/c/{conference.slug}/submissions/export.csv")

    assert len(_csv_rows(response)) == count + 1


def test_export_csv_questions_of_the_same_text_get_their_ids(client, conference, organiser):
    one = create_cfp_question(conference=conference, user=organiser, text="Notes", kind="text")
    two = create_cfp_question(conference=conference, user=organiser, text="Notes", kind="url")
    client.force_login(organiser)

    [header] = _csv_rows(client.get(f"/c/{conference.slug}/submissions/export.csv"))

    assert header[-3:] == [f"Notes ({one.pk})", f"Notes ({two.pk})", "abstract"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (3, 3),
        (None, ""),
    ],
)
def test_safe_cell_defuses_formulas(value, expected):
    assert safe_cell(value) == expected
