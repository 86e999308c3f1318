"""Each submission's written language: detected from the title and abstract, or the speaker's."""

import importlib

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from conference.language import cjk_share, detect_language
from talks import services
from talks.forms import SubmissionForm
from talks.models import CfpSettings, Submission
from tests.factories import SubmissionFactory

CHINESE_TITLE = "大模型推理服务的部署与优化"
CHINESE_ABSTRACT = "本报告介绍如何在生产环境中部署大语言模型，并通过量化和批处理降低延迟。"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("大模型推理服务的部署与优化", "zh-hans"),
        ("基于BERT的文本分类", "zh-hans"),  # 7 ideographs, 4 letters
        ("Serving LLMs in production with vLLM", "en"),
        ("A talk by 张敏 about Kubernetes operators and cloud native storage", "en"),
        ("", "en"),
        ("2026-05-20 12:00", "en"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_cjk_share_counts_ideographs_among_letters():
    assert cjk_share("基于BERT的文本分类") == 7 / 11
    assert cjk_share("1234, !?") == 0.0


def _create(conference, speaker, **fields):
    values = {"title": "Serving LLMs", "abstract": "How we serve them.", "format": "talk"}
    values |= fields
    return services.create_submission(conference=conference, speaker=speaker, duration=30, **values)


def test_create_submission_detects_chinese(conference, speaker):
    submission = _create(conference, speaker, title=CHINESE_TITLE, abstract=CHINESE_ABSTRACT)

    submission.refresh_from_db()
    assert (submission.text_language, submission.text_language_by_speaker) == ("zh-hans", False)


def test_create_submission_detects_english(conference, speaker):
    submission = _create(conference, speaker)

    submission.refresh_from_db()
    assert (submission.text_language, submission.text_language_by_speaker) == ("en", False)


def test_create_submission_keeps_the_speakers_choice(conference, speaker):
    submission = _create(conference, speaker, text_language="zh-hans")

    submission.refresh_from_db()
    assert (submission.text_language, submission.text_language_by_speaker) == ("zh-hans", True)


def test_edit_detects_the_language_again_when_the_text_changes(conference, speaker):
    submission = _create(conference, speaker)

    services.update_submission(
        submission=submission, user=speaker, title=CHINESE_TITLE, abstract=CHINESE_ABSTRACT
    )

    submission.refresh_from_db()
    assert (submission.text_language, submission.text_language_by_speaker) == ("zh-hans", False)


def test_edit_keeps_a_chosen_language_when_the_text_changes(conference, speaker):
    submission = _create(conference, speaker, text_language="en")

    services.update_submission(submission=submission, user=speaker, abstract=CHINESE_ABSTRACT)

    submission.refresh_from_db()
    assert (submission.text_language, submission.text_language_by_speaker) == ("en", True)


def test_edit_with_an_empty_choice_hands_the_language_back_to_detection(conference, speaker):
    submission = _create(
        conference, speaker, title=CHINESE_TITLE, abstract=CHINESE_ABSTRACT, text_language="en"
    )

    services.update_submission(submission=submission, user=speaker, text_language="")

    submission.refresh_from_db()
    assert (submission.text_language, submission.text_language_by_speaker) == ("zh-hans", False)


def test_submission_form_offers_detection_first(conference):
    form = SubmissionForm(cfp=CfpSettings.for_conference(conference))

    assert list(form.fields["text_language"].choices) == [
        ("", "Detect it from the text"),
        ("en", "English"),
        ("zh-hans", "Simplified Chinese"),
    ]
    assert form.fields["text_language"].initial is None


def test_submission_form_shows_a_chosen_language(conference, speaker):
    submission = _create(conference, speaker, text_language="zh-hans")

    form = SubmissionForm(instance=submission, cfp=CfpSettings.for_conference(conference))

    assert form.fields["text_language"].initial == "zh-hans"


def test_submission_form_create_detects_chinese(client, conference, speaker):
    client.force_login(speaker)

    response = client.post(
        reverse("talks:submission_create", args=[conference.slug]),
        {"title": CHINESE_TITLE, "abstract": CHINESE_ABSTRACT, "format": "talk"},
    )

    submission = Submission.objects.get()
    assert response.status_code == 302
    assert (submission.text_language, submission.text_language_by_speaker) == ("zh-hans", False)


def test_submission_form_edit_saves_the_speakers_choice(client, speaker, submission):
    client.force_login(speaker)

    client.post(
        reverse("talks:submission_edit", args=[submission.pk]),
        {
            "title": "New title",
            "abstract": "New abstract",
            "format": "talk",
            "text_language": "zh-hans",
            "version": 1,
        },
    )

    submission.refresh_from_db()
    assert (submission.text_language, submission.text_language_by_speaker) == ("zh-hans", True)


def test_submission_detail_shows_the_detected_language(client, speaker, submission):
    client.force_login(speaker)

    body = client.get(submission.get_absolute_url()).content.decode()

    assert '<dd class="text-language">English <span class="muted">(detected)</span></dd>' in body


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_create_detects_and_shows_the_language(conference, speaker):
    payload = {
        "conference": "devconf",
        "title": CHINESE_TITLE,
        "abstract": CHINESE_ABSTRACT,
        "format": "talk",
        "duration": 30,
    }

    response = _api(speaker).post("/api/v1/submissions/", payload, format="json")

    assert response.status_code == 201
    assert response.json()["text_language"] == "zh-hans"


def test_api_refuses_an_unknown_language(conference, speaker):
    payload = {
        "conference": "devconf",
        "title": "Talk",
        "abstract": "About it.",
        "format": "talk",
        "duration": 30,
        "text_language": "fr",
    }

    response = _api(speaker).post("/api/v1/submissions/", payload, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["text_language"]


def test_migration_detects_the_language_of_existing_submissions(conference, speaker):
    chinese = SubmissionFactory(
        conference=conference, speaker=speaker, title=CHINESE_TITLE, abstract=CHINESE_ABSTRACT
    )
    english = SubmissionFactory(conference=conference, speaker=speaker, title="Serving LLMs")
    Submission.objects.update(text_language="en")
    migration = importlib.import_module("talks.migrations.0015_submission_language")
    from django.apps import apps

    migration.detect_existing(apps, None)

    assert dict(Submission.objects.values_list("pk", "text_language")) == {
        chinese.pk: "zh-hans",
        english.pk: "en",
    }
