from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from talks.models import Submission
from tests.factories import CfpSettingsFactory, SubmissionFactory


@pytest.fixture
def url(conference):
    return reverse("talks:submission_create", args=[conference.slug])


def _data(**overrides):
    data = {"title": "Serving LLMs", "abstract": "How we serve models.", "format": "talk"}
    data.update(overrides)
    return data


def test_submission_create_requires_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_submission_create_saves_and_redirects(client, speaker, conference, url):
    client.force_login(speaker)

    response = client.post(url, _data(format="workshop"))

    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("talks:submission_detail", args=[submission.pk])
    assert (submission.title, submission.abstract, submission.format) == (
        "Serving LLMs",
        "How we serve models.",
        "workshop",
    )
    assert submission.duration == 90  # the workshop's default length
    assert list(submission.speakers.all()) == [speaker]
    assert submission.conference == conference
    assert submission.state == "submitted"


def test_submission_create_empty_title_shows_error(client, speaker, url):
    client.force_login(speaker)

    response = client.post(url, _data(title=""))

    assert response.status_code == 200
    assert response.context["form"].errors == {"title": ["This field is required."]}
    assert "This field is required." in response.content.decode()
    assert Submission.objects.count() == 0


def test_submission_create_long_abstract_shows_error(client, speaker, url):
    client.force_login(speaker)

    response = client.post(url, _data(abstract="x" * 5001))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "abstract": ["Ensure this value has at most 5000 characters (it has 5001)."]
    }
    assert Submission.objects.count() == 0


def test_submission_create_keeps_input_on_error(client, speaker, url):
    client.force_login(speaker)

    response = client.post(url, _data(title="", abstract="My careful abstract"))

    assert "My careful abstract" in response.content.decode()


def test_submission_create_after_cfp_closed_is_refused(client, speaker, conference, url):
    conference.cfp_closes_at = timezone.now() - timedelta(minutes=1)
    conference.save()
    client.force_login(speaker)

    response = client.post(url, _data())

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["The call for papers is closed."]
    assert Submission.objects.count() == 0


def test_submission_create_queues_categorisation_on_commit(
    client, speaker, url, django_capture_on_commit_callbacks, monkeypatch
):
    from conference.models import OutboxTask

    categorised = []
    monkeypatch.setattr(
        "modeldemo.services.categorise_submission",
        lambda *, submission_id: categorised.append(submission_id),
    )
    client.force_login(speaker)

    with django_capture_on_commit_callbacks() as callbacks:
        client.post(url, _data())
    pk = Submission.objects.get().pk
    row = OutboxTask.objects.get(task="modeldemo.categorise_submission")
    assert (row.args, row.published_at, categorised) == ([pk], None, [])  # nothing left yet

    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert (categorised, row.published_at is not None) == ([pk], True)


def test_submission_create_escapes_user_text(client, speaker, url):
    client.force_login(speaker)

    response = client.post(url, _data(title="", abstract="<script>alert(1)</script>"))

    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_submission_create_saves_a_draft(client, speaker, url):
    client.force_login(speaker)

    response = client.post(url, {**_data(), "save_draft": "1"}, follow=True)

    submission = Submission.objects.get()
    assert submission.state == "draft"
    assert [str(m) for m in response.context["messages"]] == [
        "Your draft is saved; submit it when it is ready."
    ]


def test_submission_create_offers_only_enabled_formats_levels_and_languages(
    client, speaker, conference, url
):
    CfpSettingsFactory(
        conference=conference,
        formats={
            "talk": {"enabled": True, "duration": 25},
            "keynote": {"enabled": False, "duration": 45},
        },
        levels=["advanced"],
        languages=[],
    )
    client.force_login(speaker)

    form = client.get(url).context["form"]

    assert [value for value, _label in form.fields["format"].choices] == ["", "talk"]
    assert [value for value, _label in form.fields["level"].choices] == ["", "advanced"]
    assert "language" not in form.fields


def test_submission_create_uses_the_conferences_duration(client, speaker, conference, url):
    CfpSettingsFactory(conference=conference, formats={"talk": {"enabled": True, "duration": 25}})
    client.force_login(speaker)

    client.post(url, _data(format="talk", level="intermediate", language="zh"))

    submission = Submission.objects.get()
    assert (submission.duration, submission.level, submission.language) == (
        25,
        "intermediate",
        "zh",
    )


def test_submission_create_refuses_a_disabled_format(client, speaker, conference, url):
    CfpSettingsFactory(conference=conference, formats={"talk": {"enabled": True, "duration": 25}})
    client.force_login(speaker)

    response = client.post(url, _data(format="workshop"))

    assert response.context["form"].errors == {
        "format": ["Select a valid choice. workshop is not one of the available choices."]
    }
    assert Submission.objects.count() == 0


def test_submission_create_over_the_limit_is_refused(client, speaker, conference, url):
    CfpSettingsFactory(conference=conference, max_submissions_per_speaker=1)
    SubmissionFactory(conference=conference, speaker=speaker)
    client.force_login(speaker)

    response = client.post(url, _data())

    assert response.context["form"].non_field_errors() == [
        "speaker already has 1 submissions here, the most this conference takes."
    ]
    assert Submission.objects.count() == 1
