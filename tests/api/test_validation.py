"""Writes validate their input: 400 in the one error format, never a 500."""

import pytest

C = "/api/v1/conferences/devconf"
GOOD = {
    "conference": "devconf",
    "title": "A talk",
    "abstract": "About it.",
    "format": "talk",
    "duration": 30,
}


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"duration": "long"}, {"duration": ["A valid integer is required."]}),
        ({"duration": 2}, {"duration": ["Ensure this value is greater than or equal to 5."]}),
        ({"duration": 10**12}, {"duration": ["Ensure this value is less than or equal to 480."]}),
        ({"format": "poem"}, {"format": ['"poem" is not a valid choice.']}),
        ({"title": ["a", "list"]}, {"title": ["Not a valid string."]}),
        ({"title": "x" * 201}, {"title": ["Ensure this field has no more than 200 characters."]}),
        (
            {"abstract": "x" * 5001},
            {"abstract": ["Ensure this field has no more than 5000 characters."]},
        ),
        ({"title": "nul\x00byte"}, {"title": ["Null characters are not allowed."]}),
        ({"conference": "nope"}, {"conference": ["Object with slug=nope does not exist."]}),
        ({"conference": 12}, {"conference": ["Object with slug=12 does not exist."]}),
        ({"draft": "maybe"}, {"draft": ["Must be a valid boolean."]}),
    ],
)
def test_create_submission_rejects_bad_input(world, client_for, change, errors):
    response = client_for("speaker").post("/api/v1/submissions/", {**GOOD, **change}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "The input is not valid.", "errors": errors}


def test_create_submission_missing_fields(world, client_for):
    response = client_for("speaker").post("/api/v1/submissions/", {}, format="json")
    assert response.status_code == 400
    required = ["This field is required."]
    assert response.json()["errors"] == {
        "conference": required,
        "title": required,
        "abstract": required,
        "format": required,
        "duration": required,
    }


def test_create_submission_with_a_list_body(world, client_for):
    response = client_for("speaker").post("/api/v1/submissions/", [1, 2], format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Invalid data. Expected a dictionary, but got list."]
    }


def test_create_submission_with_broken_json(world, client_for):
    response = client_for("speaker").post(
        "/api/v1/submissions/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_format_disabled_by_cfp_is_field_error(world, client_for):
    from tests.factories import CfpSettingsFactory

    CfpSettingsFactory(
        conference=world["conference"], formats={"talk": {"enabled": False, "duration": 30}}
    )
    response = client_for("speaker").post("/api/v1/submissions/", GOOD, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"format": ["This conference does not take that format."]}


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"title": ""}, {"title": ["This field may not be blank."]}),
        ({"version": "x"}, {"version": ["A valid integer is required."]}),
        ({"version": 0}, {"version": ["Ensure this value is greater than or equal to 1."]}),
        ({"level": "guru"}, {"level": ['"guru" is not a valid choice.']}),
    ],
)
def test_edit_submission_rejects_bad_input(world, client_for, body, errors):
    url = f"/api/v1/submissions/{world['own'].pk}/"
    response = client_for("speaker").patch(url, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == errors


def test_edit_ignores_unknown_fields(world, client_for):
    url = f"/api/v1/submissions/{world['own'].pk}/"
    response = client_for("speaker").patch(url, {"state": "accepted", "speaker": 1}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == "submitted"


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"track": ["This field is required."]}),
        ({"track": "nlp"}, {"track": ["A valid integer is required."]}),
        ({"track": 10**15}, {"track": ["Ensure this value is less than or equal to 2147483647."]}),
        ({"track": 999999}, {"track": ["No such track in this conference."]}),
    ],
)
def test_set_track_rejects_bad_input(world, client_for, body, errors):
    url = f"{C}/submissions/{world['own'].pk}/track/"
    response = client_for("organiser").post(url, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == errors


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
def test_start_training_rejects_bad_input(world, client_for, body, errors):
    response = client_for("organiser").post(f"{C}/training/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == errors


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/submissions/999999/",
        f"{C}/submissions/999999/",
        f"{C}/registrations/999999/check-in/",
        f"{C}/model-versions/999999/activate/",
        f"{C}/jobs/99999999999999999999/",
    ],
)
def test_unknown_ids_are_404(world, client_for, url):
    client = client_for("speaker" if url.startswith("/api/v1/submissions") else "organiser")
    response = client.post(url) if url.endswith(("check-in/", "activate/")) else client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


@pytest.mark.parametrize(
    ("url", "params", "errors"),
    [
        (
            f"{C}/submissions/",
            {"state": "bogus"},
            {"state": ["Select a valid choice. bogus is not one of the available choices."]},
        ),
        (f"{C}/registrations/", {"ticket_type": "x"}, {"ticket_type": ["Enter a number."]}),
        (f"{C}/reviews/", {"score__gte": "high"}, {"score__gte": ["Enter a number."]}),
    ],
)
def test_bad_filters_are_400(world, client_for, url, params, errors):
    response = client_for("organiser").get(url, params)
    assert response.status_code == 400
    assert response.json() == {"detail": "The input is not valid.", "errors": errors}


def test_bad_page_is_404(world, client_for):
    response = client_for("anonymous").get("/api/v1/conferences/", {"page": 99})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page.", "errors": {}}
