"""Writes about submissions validate their input: 400 in the one error format, never a 500."""

import pytest

GOOD = {
    "conference": "devconf",
    "title": "A talk",
    "abstract": "About it.",
    "format": "talk",
    "duration": 30,
}

C = "/api/v1/conferences/devconf"


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
def test_create_submission_rejects_bad_input(client_for, change, errors):
    response = client_for("speaker").post("/api/v1/submissions/", {**GOOD, **change}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "The input is not valid.", "errors": errors}


def test_create_submission_missing_fields(client_for):
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


def test_create_submission_with_a_list_body(client_for):
    response = client_for("speaker").post("/api/v1/submissions/", [1, 2], format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Invalid data. Expected a dictionary, but got list."]
    }


def test_create_submission_with_broken_json(client_for):
    response = client_for("speaker").post(
        "/api/v1/submissions/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_format_disabled_by_cfp_is_field_error(conference, client_for):
    from tests.factories import CfpSettingsFactory

    CfpSettingsFactory(conference=conference, formats={"talk": {"enabled": False, "duration": 30}})
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
def test_edit_submission_rejects_bad_input(submissions, client_for, body, errors):
    url = f"/api/v1/submissions/{submissions['own'].pk}/"
    response = client_for("speaker").patch(url, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == errors


def test_edit_ignores_unknown_fields(submissions, client_for):
    url = f"/api/v1/submissions/{submissions['own'].pk}/"
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
def test_set_track_rejects_bad_input(submissions, client_for, body, errors):
    url = f"{C}/submissions/{submissions['own'].pk}/track/"
    response = client_for("organiser").post(url, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == errors
