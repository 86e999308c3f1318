"""Organisers' ML endpoints: model versions, training, re-categorisation, jobs."""

import pytest

from modeldemo.models import Job, ModelVersion

C = "/api/v1/conferences/devconf"


def test_activate_model_version(model_version, client_for):
    version = model_version
    body = client_for("organiser").post(f"{C}/model-versions/{version.pk}/activate/").json()
    assert (body["model_version"]["is_active"], body["unknown_labels"]) == (True, [])
    assert ModelVersion.objects.get(is_active=True) == version


def test_activate_training_version_is_400(conference, client_for):
    version = ModelVersion.objects.create(conference=conference, kind="mlp")
    response = client_for("organiser").post(f"{C}/model-versions/{version.pk}/activate/")
    assert response.status_code == 400
    assert response.json()["detail"] == "Only a ready model can be activated."


def test_start_training_returns_job(client_for):
    response = client_for("organiser").post(f"{C}/training/", {"kind": "zeroshot"}, format="json")
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["id"])
    assert (job.kind, job.status, job.model_version.kind) == ("train", "queued", "zeroshot")
    detail = client_for("organiser").get(f"{C}/jobs/{job.pk}/").json()
    assert (detail["status"], detail["percent"], detail["model_version"]) == (
        "queued",
        0,
        job.model_version_id,
    )


def test_start_training_passes_the_settings_to_the_version(client_for):
    body = {"kind": "zeroshot", "epochs": 2, "max_length": 64, "tfidf_weight": 0.25}
    response = client_for("organiser").post(f"{C}/training/", body, format="json")
    assert response.status_code == 202
    config = Job.objects.get(pk=response.json()["id"]).model_version.training_config
    assert config == {"datasets": [], "epochs": 2, "max_length": 64, "tfidf_weight": 0.25}


def test_mlp_training_without_examples_is_400(client_for):
    response = client_for("organiser").post(f"{C}/training/", {"kind": "mlp"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Training needs examples of at least two tracks")


def test_start_recategorisation_returns_job(client_for):
    response = client_for("organiser").post(f"{C}/recategorisation/")
    assert response.status_code == 202
    assert Job.objects.get(pk=response.json()["id"]).kind == "recategorise"


def test_job_of_other_conference_is_404(client_for):
    from tests.factories import ConferenceFactory

    foreign_job = Job.objects.create(conference=ConferenceFactory(), kind="train")
    assert client_for("organiser").get(f"{C}/jobs/{foreign_job.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"kind": ["This field is required."]}),
        ({"kind": "gpt"}, {"kind": ['"gpt" is not a valid choice.']}),
        (
            {"kind": "zeroshot", "epochs": 0},
            {"epochs": ["Ensure this value is greater than or equal to 1."]},
        ),
        (
            {"kind": "bert", "tfidf_weight": 1.5},
            {"tfidf_weight": ["Ensure this value is less than or equal to 1.0."]},
        ),
        (
            {"kind": "zeroshot", "datasets": "x"},
            {"datasets": ['Expected a list of items but got type "str".']},
        ),
    ],
)
def test_start_training_rejects_bad_input(client_for, body, errors):
    response = client_for("organiser").post(f"{C}/training/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == errors
