"""Each e-mail template sends at once or holds its messages in the outbox for review."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from conference.mail import held_mail
from conference.models import OutboxMail, OutboxTask
from talks import services
from talks.enums import MailKind
from talks.models import MailTemplate
from talks.services.mail import queue_submission_mail, save_mail_templates, template_hold_reason

PREFIXES = ("cfp-received", "cfp-accepted", "cfp-rejected", "cfp-reminder", "cfp-invitation")


def _hold(conference, kind):
    MailTemplate.objects.update_or_create(
        conference=conference,
        kind=kind,
        defaults={"subject": "S {title}", "body": "B", "delivery": MailTemplate.Delivery.HOLD},
    )


def test_a_held_template_keeps_its_messages_in_the_outbox(
    conference, organiser, submission, django_capture_on_commit_callbacks
):
    _hold(conference, MailKind.ACCEPTED)

    with django_capture_on_commit_callbacks(execute=True):
        services.change_submission_state(submission=submission, to_state="accepted", user=organiser)

    assert list(OutboxMail.objects.values_list("to", "status", "held_reason", "kind")) == [
        (
            "speaker@example.org",
            "held",
            "“Accepted (with a confirm link)” e-mails wait for review",
            "cfp.accepted",
        )
    ]
    assert mail.outbox == []


def test_other_kinds_still_go_at_once(
    conference, organiser, submission, django_capture_on_commit_callbacks
):
    _hold(conference, MailKind.ACCEPTED)

    with django_capture_on_commit_callbacks(execute=True):
        services.change_submission_state(submission=submission, to_state="rejected", user=organiser)

    assert list(OutboxMail.objects.values_list("status", "kind")) == [("sent", "cfp.rejected")]
    assert len(mail.outbox) == 1


def test_inside_held_mail_the_blocks_reason_wins(conference, submission):
    _hold(conference, MailKind.ACCEPTED)

    with held_mail("bulk decision"):
        assert template_hold_reason(conference=conference, kind=MailKind.ACCEPTED) == ""
        queue_submission_mail(submission=submission, kind=MailKind.ACCEPTED)

    assert list(OutboxMail.objects.values_list("status", "held_reason")) == [
        ("held", "bulk decision")
    ]
    assert OutboxTask.objects.count() == 0


def test_save_mail_templates_keeps_a_held_kind_with_the_built_in_text(conference, organiser):
    save_mail_templates(
        conference=conference,
        user=organiser,
        templates={MailKind.RECEIVED: ("", ""), MailKind.REJECTED: ("No {title}", "Sorry")},
        deliveries={MailKind.RECEIVED: "hold", MailKind.REJECTED: "send"},
    )

    rows = {t.kind: t for t in MailTemplate.objects.all()}
    assert sorted(rows) == ["cfp.received", "cfp.rejected"]
    received = rows["cfp.received"]
    assert (received.subject, received.delivery) == ("We received “{title}”", "hold")
    assert rows["cfp.rejected"].delivery == "send"

    # Back to "send at once": the row stays (its text is saved), only the policy changes.
    save_mail_templates(
        conference=conference,
        user=organiser,
        templates={MailKind.RECEIVED: ("We received “{title}”", received.body)},
        deliveries={MailKind.RECEIVED: "send"},
    )
    assert MailTemplate.objects.get(kind="cfp.received").delivery == "send"


def test_save_mail_templates_is_for_organisers(conference, reviewer):
    with pytest.raises(PermissionDenied):
        save_mail_templates(conference=conference, user=reviewer, templates={}, deliveries={})


def test_mail_templates_page_shows_and_saves_the_delivery(client, organiser, conference):
    _hold(conference, MailKind.REMINDER)
    url = reverse("talks:mail_templates", args=[conference.slug])
    client.force_login(organiser)

    page = client.get(url)

    deliveries = {form.kind: form["delivery"].value() for form in page.context["forms"]}
    assert deliveries == {
        "cfp.received": "send",
        "cfp.accepted": "send",
        "cfp.rejected": "send",
        "cfp.reminder": "hold",
        "cfp.invitation": "send",
    }
    assert "Hold in the outbox for review" in page.content.decode()

    data = {"fingerprint": page.context["fingerprint"]}
    for prefix in PREFIXES:
        data |= {f"{prefix}-subject": "", f"{prefix}-body": "", f"{prefix}-delivery": "send"}
    data |= {"cfp-accepted-delivery": "hold", "cfp-reminder-subject": "S {title}"}
    data |= {"cfp-reminder-body": "B"}
    response = client.post(url, data)

    assert response.status_code == 302
    assert dict(MailTemplate.objects.values_list("kind", "delivery")) == {
        "cfp.accepted": "hold",
        "cfp.reminder": "send",
    }


def test_mail_templates_page_refuses_an_unknown_delivery(client, organiser, conference):
    url = reverse("talks:mail_templates", args=[conference.slug])
    client.force_login(organiser)
    data = {f"{p}-{f}": "" for p in PREFIXES for f in ("subject", "body")}

    response = client.post(url, data | {"cfp-accepted-delivery": "later"})

    assert response.status_code == 400
    (form,) = [form for form in response.context["forms"] if form.errors]
    assert form.errors == {
        "delivery": ["Select a valid choice. later is not one of the available choices."]
    }
    assert MailTemplate.objects.count() == 0
