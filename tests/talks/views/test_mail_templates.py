import pytest
from django.urls import reverse

from talks.models import MailTemplate


@pytest.fixture
def url(conference):
    return reverse("talks:mail_templates", args=[conference.slug])


def _data(**overrides):
    data = {}
    for prefix in (
        "cfp-received",
        "cfp-accepted",
        "cfp-rejected",
        "cfp-reminder",
        "cfp-invitation",
    ):
        data[f"{prefix}-subject"] = ""
        data[f"{prefix}-body"] = ""
    data.update(overrides)
    return data


def test_mail_templates_shows_the_built_in_texts(client, organiser, url):
    client.force_login(organiser)

    response = client.get(url)

    forms = response.context["forms"]
    assert [form.kind for form in forms] == [
        "cfp.received",
        "cfp.accepted",
        "cfp.rejected",
        "cfp.reminder",
        "cfp.invitation",
    ]
    assert forms[1].initial["subject"] == "“{title}” is accepted at {conference}"
    assert "<code>{confirm_link}</code>" in response.content.decode()


def test_mail_templates_saves(client, organiser, conference, url):
    client.force_login(organiser)

    response = client.post(
        url,
        _data(**{"cfp-accepted-subject": "Yes! {title}", "cfp-accepted-body": "{confirm_link}"}),
    )

    assert response.status_code == 302
    template = MailTemplate.objects.get()
    assert (template.kind, template.subject, template.body) == (
        "cfp.accepted",
        "Yes! {title}",
        "{confirm_link}",
    )


def test_mail_templates_unknown_placeholder_saves_nothing(client, organiser, url):
    client.force_login(organiser)

    response = client.post(
        url,
        _data(
            **{
                "cfp-received-subject": "Fine {title}",
                "cfp-received-body": "Fine",
                "cfp-rejected-subject": "Sorry {titel}",
                "cfp-rejected-body": "x",
            }
        ),
    )

    assert response.status_code == 400
    errors = {form.kind: form.errors for form in response.context["forms"] if form.errors}
    assert errors == {
        "cfp.rejected": {
            "subject": [
                "Unknown placeholder {titel}. You can use: {speaker}, {title}, {conference}, "
                "{track}, {submission_link}."
            ]
        }
    }
    assert "Unknown placeholder {titel}." in response.content.decode()
    assert MailTemplate.objects.count() == 0


def test_mail_templates_half_filled_saves_nothing(client, organiser, url):
    client.force_login(organiser)

    response = client.post(url, _data(**{"cfp-received-subject": "Only a subject"}))

    assert response.status_code == 400
    (form,) = [f for f in response.context["forms"] if f.errors]
    assert form.non_field_errors() == ["Write both a subject and a body, or leave both empty."]
    assert MailTemplate.objects.count() == 0


def test_mail_templates_is_for_organisers(client, reviewer, url):
    client.force_login(reviewer)

    assert client.get(url).status_code == 403
