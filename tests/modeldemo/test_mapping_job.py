"""The mapping page never encodes in the request: an ml job makes the proposal, the page shows
its progress, then the proposal; a changed track or a failed job makes a new one."""

import pytest
from django.urls import reverse

from conference.models import OutboxTask
from modeldemo import proposals, services
from modeldemo.models import Job, LabelMapping
from modeldemo.tasks import task_propose_label_mapping
from tests.modeldemo import test_label_maps
from tests.modeldemo.test_mapping import WordEncoder

# The same two tracks and past data set as the label-mapping tests.
word_tracks = test_label_maps.word_tracks
past = test_label_maps.past


@pytest.fixture(autouse=True)
def word_encoder(monkeypatch):
    """The worker's encoder: shared words, so the proposals are exact (and no MiniLM)."""
    monkeypatch.setattr("modeldemo.bert.encoder.get_encoder", lambda: WordEncoder())


@pytest.fixture
def page(client, organiser, conference):
    client.force_login(organiser)
    return reverse("modeldemo:label_mapping", args=[conference.slug, "past"])


def test_the_first_visit_starts_one_job_and_shows_its_progress(
    client, page, conference, word_tracks, past
):
    first = client.get(page)
    second = client.get(page)

    assert first.status_code == second.status_code == 200
    job = Job.objects.get()
    assert (job.kind, job.status, job.total) == ("propose_mapping", "queued", 3)
    assert job.result["dataset"] == "past"
    assert list(OutboxTask.objects.values_list("task", "args")) == [
        ("modeldemo.propose_label_mapping", [job.pk])
    ]
    body = second.content.decode()
    assert "The app is proposing a track for each of 3 labels" in body
    assert reverse("modeldemo:job_status", args=[job.pk]) in body
    assert 'table class="table mapping"' not in body


def test_the_worker_stores_the_proposal_and_the_page_shows_it(
    client, page, conference, word_tracks, past
):
    client.get(page)
    job = Job.objects.get()

    task_propose_label_mapping.apply(args=[job.pk])

    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 3, 3)
    assert [(row["label"], row["track"]) for row in job.result["proposals"]] == [
        ("python-devroom", "Languages"),
        ("cats", None),
        ("kernel", "Systems"),
    ]
    response = client.get(page)
    body = response.content.decode()
    assert '<tr data-label="python-devroom">' in body
    assert "is proposing" not in body
    assert Job.objects.count() == 1

    saved = client.post(page, {"accept": "all", "label_0": "Languages"})

    assert saved.status_code == 302
    row = LabelMapping.objects.get(conference=conference, dataset="past")
    assert row.mapping == {
        "python-devroom": word_tracks[0].pk,
        "cats": None,
        "kernel": word_tracks[1].pk,
    }


def test_saving_before_the_proposal_is_ready_saves_nothing(
    client, page, conference, word_tracks, past
):
    response = client.post(page, {"accept": "all"})

    assert response.status_code == 409
    assert "The proposal is not ready yet: nothing was saved." in response.content.decode()
    assert not LabelMapping.objects.exists()


def test_a_changed_track_description_asks_for_a_new_proposal(
    client, page, conference, word_tracks, past
):
    client.get(page)
    task_propose_label_mapping.apply(args=[Job.objects.get().pk])
    word_tracks[1].description = "Database and SQL"
    word_tracks[1].save()

    response = client.get(page)

    assert "is proposing" in response.content.decode()
    assert list(Job.objects.order_by("pk").values_list("status", flat=True)) == ["done", "queued"]


def test_a_failed_proposal_shows_its_error_and_is_tried_again(
    client, page, conference, word_tracks, past
):
    client.get(page)
    services.fail_job(job_id=Job.objects.get().pk, error=RuntimeError("encoder is missing"))

    body = client.get(page).content.decode()

    assert "The last proposal failed: RuntimeError: encoder is missing." in body
    assert list(Job.objects.order_by("pk").values_list("status", flat=True)) == [
        "failed",
        "queued",
    ]


def test_a_job_already_finished_is_left_alone(conference, word_tracks, past):
    state = proposals.proposal_for(
        conference=conference, dataset="past", examples={"kernel": ["Linux scheduling"]}
    )
    Job.objects.filter(pk=state.job.pk).update(status="failed")

    assert proposals.make_proposal(job_id=state.job.pk) is None
    assert Job.objects.get().result == {
        "dataset": "past",
        "fingerprint": state.job.result["fingerprint"],
    }


def test_only_organisers_open_the_page(client, reviewer, conference, word_tracks, past):
    client.force_login(reviewer)

    response = client.get(reverse("modeldemo:label_mapping", args=[conference.slug, "past"]))

    assert response.status_code == 403
    assert not Job.objects.exists()
