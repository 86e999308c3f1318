"""Examples from the API: upload (all or nothing, bad lines named), then the label mapping
(202 while an ml worker proposes it, then the proposal; accept it or give one)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from modeldemo.models import Job, LabelMapping
from modeldemo.tasks import task_propose_label_mapping
from talks.models import LabelledExample
from tests.factories import TrackFactory
from tests.modeldemo.test_mapping import WordEncoder

C = "/api/v1/conferences/devconf"
ROWS = [
    {"title": "Typing in python", "abstract": "Abstract", "label": "python-devroom"},
    {"title": "A python compiler", "abstract": "Abstract", "label": "python-devroom"},
    {"title": "Linux scheduling", "abstract": "Abstract", "label": "kernel"},
    {"title": "Cat pictures", "abstract": "Abstract", "label": "cats"},
]


@pytest.fixture(autouse=True)
def word_encoder(monkeypatch):
    monkeypatch.setattr("modeldemo.bert.encoder.get_encoder", lambda: WordEncoder())


@pytest.fixture
def word_tracks(conference):
    return [
        TrackFactory(conference=conference, name="Languages", slug="lang", description="Python"),
        TrackFactory(conference=conference, name="Systems", slug="sys", description="Linux kernel"),
    ]


def _upload(client, rows, name="past.jsonl"):
    content = "".join(json.dumps(row) + "\n" for row in rows).encode()
    return client.post(
        f"{C}/examples/",
        {"file": SimpleUploadedFile(name, content), "dataset": "past"},
        format="multipart",
    )


@pytest.fixture
def uploaded(client_for, word_tracks):
    response = _upload(client_for("organiser"), ROWS)
    assert response.status_code == 201, response.content
    return response.json()


def test_an_upload_imports_and_names_the_labels_to_map(uploaded):
    assert uploaded == {
        "dataset": "past",
        "examples": 4,
        "labels_needing_mapping": ["python-devroom", "cats", "kernel"],
    }
    assert LabelledExample.objects.filter(dataset="past").count() == 4


def test_a_bad_line_imports_nothing_and_is_named(client_for, word_tracks):
    rows = [ROWS[0], {"title": "No label here"}, ROWS[2]]

    response = _upload(client_for("organiser"), rows)

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The input is not valid."
    assert [message.split(":")[0] for message in body["errors"]["file"]] == ["line 2"]
    assert not LabelledExample.objects.exists()


def test_the_mapping_is_proposed_by_a_worker_then_accepted(client_for, uploaded, conference):
    client = client_for("organiser")

    pending = client.get(f"{C}/label-mappings/past/")

    assert pending.status_code == 202
    body = pending.json()
    assert (body["ready"], body["proposals"], body["mapping"]) == (False, [], {})
    job = Job.objects.get(pk=body["job"]["id"])
    assert (job.kind, job.status) == ("propose_mapping", "queued")
    early = client.put(f"{C}/label-mappings/past/", {"accept": True}, format="json")
    assert early.status_code == 409
    assert early.json()["detail"] == "The proposal is not ready yet: nothing was saved."

    task_propose_label_mapping.apply(args=[job.pk])
    ready = client.get(f"{C}/label-mappings/past/").json()

    assert ready["ready"] is True
    assert [(p["label"], p["track"], p["size"]) for p in ready["proposals"]] == [
        ("python-devroom", "Languages", 2),
        ("cats", None, 1),
        ("kernel", "Systems", 1),
    ]
    accepted = client.put(f"{C}/label-mappings/past/", {"accept": True}, format="json")
    assert accepted.status_code == 200
    assert (accepted.json()["mapping"], accepted.json()["revision"]) == (
        {"python-devroom": "Languages", "cats": None, "kernel": "Systems"},
        1,
    )


def test_a_given_mapping_is_stored_and_checked(client_for, uploaded, conference, word_tracks):
    client = client_for("organiser")
    url = f"{C}/label-mappings/past/"

    wrong = client.put(url, {"mapping": {"kernel": "Gardening"}}, format="json")
    stranger = client.put(url, {"mapping": {"unheard-of": "Systems"}}, format="json")
    given = client.put(url, {"mapping": {"kernel": "Systems", "cats": None}}, format="json")

    assert wrong.status_code == 400
    assert wrong.json()["errors"] == {"mapping": ["Not a track of this conference: Gardening"]}
    assert stranger.status_code == 400
    assert stranger.json()["errors"] == {
        "mapping": ["Not a label of past needing a mapping: unheard-of"]
    }
    assert given.status_code == 202  # stored; the proposal itself is still being made
    row = LabelMapping.objects.get(conference=conference, dataset="past")
    assert row.mapping == {"python-devroom": None, "kernel": word_tracks[1].pk, "cats": None}


def test_an_unknown_data_set_is_404(client_for, word_tracks):
    response = client_for("organiser").get(f"{C}/label-mappings/nothing-here/")

    assert response.status_code == 404
    assert response.json()["detail"] == "No such data set (or it is empty)."


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", 401), ("speaker", 403), ("reviewer", 403)]
)
def test_only_organisers_upload_or_map(client_for, uploaded, role, expected):
    client = client_for(role)

    assert _upload(client, ROWS).status_code == expected
    assert client.get(f"{C}/label-mappings/past/").status_code == expected
    assert (
        client.put(f"{C}/label-mappings/past/", {"accept": True}, format="json").status_code
        == expected
    )
    assert LabelledExample.objects.count() == 4
