"""What organisers write, in English and Chinese: shown in the active language, else the other."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from conference.language import pick
from conference.models import Track
from conference.setup.forms import ConferenceForm, TicketTypeForm, TrackForm
from talks import services
from talks.enums import MailKind
from talks.models import CfpSettings, MailTemplate
from tests.factories import TicketTypeFactory, TrackFactory


@pytest.mark.parametrize(
    ("english", "chinese", "language", "shown"),
    [
        ("DevConf", "开发者大会", "en", "DevConf"),
        ("DevConf", "开发者大会", "zh-hans", "开发者大会"),
        ("DevConf", "开发者大会", "zh-cn", "开发者大会"),
        ("DevConf", "", "zh-hans", "DevConf"),  # no Chinese: the English
        ("", "开发者大会", "en", "开发者大会"),  # no English: the Chinese
        ("", "", "en", ""),
        ("DevConf", "开发者大会", None, "DevConf"),
    ],
)
def test_pick_shows_the_language_or_falls_back(english, chinese, language, shown):
    assert pick(english, chinese, language) == shown


def test_conference_names_and_descriptions_follow_the_active_language(conference):
    conference.name_zh, conference.description = "开发者大会", ""
    conference.description_zh = "两天的技术报告。"

    with translation.override("zh-hans"):
        chinese = (conference.local_name, conference.local_description)
    with translation.override("en"):
        english = (conference.local_name, conference.local_description)

    assert chinese == ("开发者大会", "两天的技术报告。")
    assert english == ("DevConf", "两天的技术报告。")


def test_track_and_ticket_names_follow_the_active_language(conference):
    track = TrackFactory(conference=conference, name="Speech", name_zh="语音", description="ASR")
    ticket = TicketTypeFactory(conference=conference, name="Student", name_zh="学生票")

    with translation.override("zh-hans"):
        chinese = (track.local_name, track.local_description, ticket.local_name)
    with translation.override("en"):
        english = (track.local_name, track.local_description, ticket.local_name)

    assert chinese == ("语音", "ASR", "学生票")
    assert english == ("Speech", "ASR", "Student")
    assert track.categoriser_text_zh == "语音. ASR"


def test_setup_forms_have_the_chinese_fields():
    assert [name for name in ConferenceForm().fields if name.endswith("_zh")] == [
        "name_zh",
        "description_zh",
    ]
    assert [name for name in TrackForm().fields if name.endswith("_zh")] == [
        "name_zh",
        "description_zh",
    ]
    assert [name for name in TicketTypeForm().fields if name.endswith("_zh")] == ["name_zh"]


def test_track_create_saves_the_chinese_name(client, organiser, conference):
    client.force_login(organiser)

    client.post(
        reverse("setup:track_create", args=[conference.slug]),
        {
            "name": "Speech",
            "name_zh": "语音",
            "description": "ASR and TTS.",
            "description_zh": "语音识别与语音合成。",
            "colour": "#2ca02c",
            "position": 3,
        },
    )

    track = Track.objects.get()
    assert (track.name, track.name_zh, track.slug, track.description_zh) == (
        "Speech",
        "语音",
        "speech",
        "语音识别与语音合成。",
    )


def test_conference_edit_saves_the_chinese_name(client, organiser, conference):
    client.force_login(organiser)
    data = {
        "name": "DevConf 2026",
        "name_zh": "开发者大会 2026",
        "description": "Two days.",
        "description_zh": "两天。",
        "start_date": "2026-09-10",
        "end_date": "2026-09-11",
        "timezone": "Asia/Shanghai",
    }

    response = client.post(reverse("setup:conference", args=[conference.slug]), data)

    conference.refresh_from_db()
    assert response.status_code == 302
    assert (conference.name_zh, conference.description_zh) == ("开发者大会 2026", "两天。")


def test_conference_page_in_chinese_shows_the_chinese_words(client, conference):
    conference.name_zh, conference.description = "开发者大会", "Two days of talks."
    conference.save()
    TrackFactory(conference=conference, name="Speech", name_zh="语音", description="ASR")
    CfpSettings.objects.create(conference=conference, text="Send us talks.", text_zh="欢迎投稿。")
    url = reverse("conference:detail", args=[conference.slug])

    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<h1>开发者大会</h1>" in chinese
    assert "<p>Two days of talks.</p>" in chinese  # no Chinese description: the English one
    assert "<strong>语音</strong> — ASR" in chinese
    assert '<div class="cfp-text"><p>欢迎投稿。</p></div>' in chinese
    assert "<h1>DevConf</h1>" in english
    assert "<strong>Speech</strong> — ASR" in english
    assert '<div class="cfp-text"><p>Send us talks.</p></div>' in english


def test_cfp_text_is_saved_in_both_languages(conference, organiser):
    cfp = CfpSettings.for_conference(conference)

    services.update_cfp_settings(
        conference=conference,
        user=organiser,
        expected_version=cfp.version,
        cfp_opens_at=None,
        cfp_closes_at=None,
        formats={"talk": {"enabled": True, "duration": 30}},
        levels=["beginner"],
        languages=["en", "zh"],
        max_submissions_per_speaker=None,
        anonymised_review=False,
        auto_assign_threshold=None,
        text="Send us talks.",
        text_zh="欢迎投稿。",
    )

    saved = CfpSettings.objects.get(conference=conference)
    assert (saved.text, saved.text_zh) == ("Send us talks.", "欢迎投稿。")


@pytest.fixture
def chinese_submission(conference, speaker):
    return services.create_submission(
        conference=conference,
        speaker=speaker,
        title="大模型推理服务的部署",
        abstract="介绍如何在生产环境中部署大语言模型。",
        format="talk",
        duration=30,
        draft=True,
    )


def test_speaker_mail_goes_out_in_the_submissions_language(
    conference, organiser, chinese_submission, django_capture_on_commit_callbacks
):
    conference.name_zh = "开发者大会"
    conference.save()
    services.update_mail_templates(
        conference=conference,
        user=organiser,
        templates={
            MailKind.RECEIVED: (
                "Got {title}",
                "Thanks, {speaker}",
                "已收到 {title}",
                "{conference}见",
            ),
        },
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.change_submission_state(
            submission=chinese_submission,
            to_state="submitted",
            user=chinese_submission.speakers.get(),
        )

    (message,) = mail.outbox
    assert (message.subject, message.body) == ("已收到 大模型推理服务的部署", "开发者大会见")


def test_speaker_mail_without_chinese_wording_is_the_english_one(
    conference, organiser, chinese_submission, django_capture_on_commit_callbacks
):
    services.update_mail_templates(
        conference=conference,
        user=organiser,
        templates={MailKind.RECEIVED: ("Got {title}", "Thanks from {conference}")},
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.change_submission_state(
            submission=chinese_submission,
            to_state="submitted",
            user=chinese_submission.speakers.get(),
        )

    (message,) = mail.outbox
    assert (message.subject, message.body) == ("Got 大模型推理服务的部署", "Thanks from DevConf")


def test_chinese_wording_needs_subject_and_body_and_the_english_pair(conference, organiser):
    with pytest.raises(ValidationError) as error:
        services.update_mail_templates(
            conference=conference,
            user=organiser,
            templates={
                MailKind.RECEIVED: ("Got {title}", "Thanks", "已收到 {title}", ""),
                MailKind.REJECTED: ("", "", "抱歉", "很遗憾"),
            },
        )

    assert error.value.message_dict == {
        MailKind.RECEIVED: [
            "Write both a Chinese subject and a Chinese body, or leave both empty."
        ],
        MailKind.REJECTED: ["Write both a subject and a body, or leave both empty."],
    }
    assert not MailTemplate.objects.exists()


def test_mail_templates_page_saves_the_chinese_wording(client, organiser, conference):
    client.force_login(organiser)
    prefix = MailKind.RECEIVED.replace(".", "-")

    client.post(
        reverse("talks:mail_templates", args=[conference.slug]),
        {
            f"{prefix}-subject": "Got {title}",
            f"{prefix}-body": "Thanks",
            f"{prefix}-subject_zh": "已收到 {title}",
            f"{prefix}-body_zh": "谢谢",
        },
    )

    template = MailTemplate.objects.get(conference=conference, kind=MailKind.RECEIVED)
    assert (template.subject_zh, template.body_zh) == ("已收到 {title}", "谢谢")


def test_registration_page_in_chinese_shows_the_chinese_ticket_name(client, conference):
    TicketTypeFactory(conference=conference, name="Student", name_zh="学生票")
    url = reverse("registrations:register", args=[conference.slug])

    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<strong>学生票</strong>" in chinese
    assert "<strong>Student</strong>" in english
