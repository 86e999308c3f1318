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


def test_mail_templates_refuses_a_save_from_a_page_older_than_anothers_save(
    client, organiser, conference, url
):
    from talks import services

    client.force_login(organiser)
    page = client.get(url)
    fingerprint = page.context["fingerprint"]
    assert f'name="fingerprint" value="{fingerprint}"' in page.content.decode()
    # Another organiser saves meanwhile.
    services.update_mail_templates(
        conference=conference,
        user=organiser,
        templates={"cfp.received": ("Theirs {title}", "Their body")},
    )

    response = client.post(
        url,
        _data(
            fingerprint=fingerprint,
            **{"cfp-received-subject": "Mine {title}", "cfp-received-body": "My body"},
        ),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Somebody else changed this since you opened the form. Nothing was saved" in html
    # What this organiser typed is still in the form; theirs is what is saved.
    assert response.context["forms"][0]["subject"].value() == "Mine {title}"
    assert "My body</textarea>" in html
    template = MailTemplate.objects.get()
    assert (template.subject, template.body) == ("Theirs {title}", "Their body")
    # The refused page keeps the old fingerprint: saving again is refused until a reload.
    assert response.context["fingerprint"] == fingerprint


def test_mail_templates_saves_with_a_current_fingerprint_and_the_fingerprint_changes(
    client, organiser, conference, url
):
    client.force_login(organiser)
    before = client.get(url).context["fingerprint"]

    response = client.post(
        url,
        _data(
            fingerprint=before,
            **{"cfp-received-subject": "Mine {title}", "cfp-received-body": "My body"},
        ),
    )

    assert response.status_code == 302
    assert MailTemplate.objects.get().subject == "Mine {title}"
    assert client.get(url).context["fingerprint"] != before
