from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from talks.models import Submission, SubmissionLog


def _url(submission):
    return reverse("talks:submission_edit", args=[submission.pk])


def _data(**overrides):
    data = {"title": "New title", "abstract": "New abstract", "format": "lightning", "version": 1}
    data.update(overrides)
    return data


def test_submission_edit_of_another_speaker_is_404(client, other_speaker, submission):
    client.force_login(other_speaker)

    response = client.post(_url(submission), _data(title="Hijacked"))

    submission.refresh_from_db()
    assert response.status_code == 404
    assert submission.title == "Speaker's talk"


def test_submission_edit_shows_the_version(client, speaker, submission):
    client.force_login(speaker)

    body = client.get(_url(submission)).content.decode()

    assert '<input type="hidden" name="version" value="1" id="id_version">' in body


def test_submission_edit_saves_changes(client, speaker, submission):
    client.force_login(speaker)

    response = client.post(_url(submission), _data())

    submission.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("talks:submission_detail", args=[submission.pk])
    assert (submission.title, submission.format, submission.duration, submission.version) == (
        "New title",
        "lightning",
        10,
        2,
    )
    assert SubmissionLog.objects.get().data == {
        "changes": {
            "title": ["Speaker's talk", "New title"],
            "abstract": [
                "An abstract long enough to say something about the talk.",
                "New abstract",
            ],
            "format": ["talk", "lightning"],
            "duration": [30, 10],
        }
    }


def test_submission_edit_stale_form_saves_nothing(client, speaker, submission):
    Submission.objects.filter(pk=submission.pk).update(title="Changed elsewhere", version=2)
    client.force_login(speaker)

    response = client.post(_url(submission), _data(version=1))

    submission.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Somebody else changed this since you opened the form. Nothing was saved: reload the "
        "page to see their changes, then make yours again."
    ]
    assert (submission.title, submission.version) == ("Changed elsewhere", 2)


def test_submission_edit_without_a_version_saves_nothing(client, speaker, submission):
    data = _data()
    del data["version"]
    client.force_login(speaker)

    response = client.post(_url(submission), data)

    assert response.context["form"].errors == {"version": ["This field is required."]}
    assert Submission.objects.get(pk=submission.pk).title == "Speaker's talk"


def test_submission_edit_over_long_title_saves_nothing(client, speaker, submission):
    client.force_login(speaker)

    response = client.post(_url(submission), _data(title="x" * 201))

    assert response.context["form"].errors == {
        "title": ["Ensure this value has at most 200 characters (it has 201)."]
    }
    assert Submission.objects.get(pk=submission.pk).title == "Speaker's talk"


def test_submission_edit_after_the_decision_redirects_with_a_message(client, speaker, submission):
    Submission.objects.filter(pk=submission.pk).update(state="accepted")
    client.force_login(speaker)

    response = client.post(_url(submission), _data(), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "This submission can no longer be changed: a decision was made or the CfP closed."
    ]
    assert Submission.objects.get(pk=submission.pk).title == "Speaker's talk"


def test_submission_edit_after_close_is_refused(client, speaker, submission, conference):
    conference.cfp_closes_at = timezone.now() - timedelta(minutes=1)
    conference.save()
    client.force_login(speaker)

    response = client.post(_url(submission), _data())

    assert response.status_code == 302
    assert Submission.objects.get(pk=submission.pk).title == "Speaker's talk"
