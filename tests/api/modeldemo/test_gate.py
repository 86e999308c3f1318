"""The gate through the API: a worse version needs a reason, which is recorded."""

from modeldemo.models import ModelVersion

C = "/api/v1/conferences/devconf"


def test_activating_a_version_the_gate_refused_needs_a_reason(model_version, client_for):
    ModelVersion.objects.filter(pk=model_version.pk).update(gate={"verdict": "fail"})
    url = f"{C}/model-versions/{model_version.pk}/activate/"

    refused = client_for("organiser").post(url, {}, format="json")
    activated = client_for("organiser").post(url, {"reason": "Odd sample"}, format="json")

    assert refused.status_code == 400
    assert "give a reason to activate it anyway" in refused.json()["detail"]
    body = activated.json()
    assert (body["model_version"]["is_active"], body["model_version"]["override_reason"]) == (
        True,
        "Odd sample",
    )
