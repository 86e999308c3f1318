"""E-mail templates: placeholders checked on save, user text never interpreted."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from talks import services
from talks.enums import MailKind
from talks.mail import fill_placeholders, validate_placeholders
from talks.models import MailTemplate


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Hi {name}",
            "Unknown placeholder {name}. You can use: {speaker}, {title}, {conference}, {track}, "
            "{submission_link}.",
        ),
        (
            "{title.__class__} {title!r} {title:>99999}",
            "Unknown placeholder {title.__class__}, {title!r}, {title:>99999}. You can use: "
            "{speaker}, {title}, {conference}, {track}, {submission_link}.",
        ),
        (  # only the accepted and reminder e-mails have a confirm link
            "Hi {confirm_link}",
            "Unknown placeholder {confirm_link}. You can use: {speaker}, {title}, {conference}, "
            "{track}, {submission_link}.",
        ),
        ("Broken {title", "Unbalanced braces: write {{ and }} for a literal brace."),
    ],
)
def test_validate_placeholders_of_the_received_mail(text, message):
    with pytest.raises(ValidationError) as error:
        validate_placeholders(kind=MailKind.RECEIVED, text=text)

    assert error.value.messages == [message]


def test_validate_placeholders_accepts_known_ones_and_literal_braces():
    validate_placeholders(kind=MailKind.ACCEPTED, text="{speaker}: {{literal}} {confirm_link}")


def test_fill_placeholders_never_interprets_user_text():
    text = fill_placeholders(
        "{title} at {conference} {{kept}}",
        {"title": "{conference} {{ settings.SECRET_KEY }} {0.__class__}", "conference": "DevConf"},
    )

    assert text == "{conference} {{ settings.SECRET_KEY }} {0.__class__} at DevConf {kept}"


def test_update_mail_templates_saves_and_is_used(
    conference, organiser, submission, django_capture_on_commit_callbacks
):
    services.update_mail_templates(
        conference=conference,
        user=organiser,
        templates={
            MailKind.ACCEPTED: ("Yes: {title}", "Dear {speaker}, confirm at {confirm_link}"),
        },
    )
    submission.title = "{speaker} & <b>{{ x }}</b>"
    submission.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_submission_state(submission=submission, to_state="accepted", user=organiser)

    (message,) = mail.outbox
    assert message.subject == "Yes: {speaker} & <b>{{ x }}</b>"
    assert message.body == (
        f"Dear speaker, confirm at https://conf.example.org/me/submissions/{submission.pk}/confirm/"
    )


def test_update_mail_templates_refuses_unknown_placeholders_and_saves_nothing(
    conference, organiser
):
    with pytest.raises(ValidationError) as error:
        services.update_mail_templates(
            conference=conference,
            user=organiser,
            templates={
                MailKind.RECEIVED: ("Got {title}", "Thanks"),
                MailKind.REJECTED: ("Sorry {title}", "See {confirm_link}"),
            },
        )

    assert error.value.message_dict == {
        "cfp.rejected": [
            "Unknown placeholder {confirm_link}. You can use: {speaker}, {title}, {conference}, "
            "{track}, {submission_link}."
        ]
    }
    assert MailTemplate.objects.count() == 0


def test_update_mail_templates_empty_brings_back_the_default(conference, organiser):
    services.update_mail_templates(
        conference=conference, user=organiser, templates={MailKind.RECEIVED: ("S {title}", "B")}
    )

    services.update_mail_templates(
        conference=conference, user=organiser, templates={MailKind.RECEIVED: ("", "")}
    )

    assert MailTemplate.objects.count() == 0


def test_update_mail_templates_is_for_organisers(conference, reviewer):
    with pytest.raises(PermissionDenied):
        services.update_mail_templates(conference=conference, user=reviewer, templates={})


def test_subjects_stay_on_one_line(
    conference, organiser, submission, django_capture_on_commit_callbacks
):
    submission.title = "Line one\r\nBcc: victim@example.org"
    submission.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_submission_state(submission=submission, to_state="rejected", user=organiser)

    assert mail.outbox[0].subject == (
        "Your submission “Line one Bcc: victim@example.org” to DevConf"
    )


def test_update_mail_templates_refuses_a_stale_fingerprint(conference, organiser):
    from talks.selectors import mail_templates_fingerprint

    loaded = mail_templates_fingerprint(conference=conference)
    services.update_mail_templates(
        conference=conference, user=organiser, templates={MailKind.RECEIVED: ("A {title}", "B")}
    )

    with pytest.raises(ValidationError) as error:
        services.update_mail_templates(
            conference=conference,
            user=organiser,
            templates={MailKind.RECEIVED: ("C {title}", "D")},
            fingerprint=loaded,
        )

    assert error.value.code == "stale"
    assert MailTemplate.objects.get().subject == "A {title}"
    services.update_mail_templates(
        conference=conference,
        user=organiser,
        templates={MailKind.RECEIVED: ("C {title}", "D")},
        fingerprint=mail_templates_fingerprint(conference=conference),
    )
    assert MailTemplate.objects.get().subject == "C {title}"
