"""The one error format for unknown ids, bad filters and pages (conference/api/exceptions.py)."""

import pytest

C = "/api/v1/conferences/devconf"


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
def test_unknown_ids_are_404(client_for, url):
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
def test_bad_filters_are_400(client_for, url, params, errors):
    response = client_for("organiser").get(url, params)
    assert response.status_code == 400
    assert response.json() == {"detail": "The input is not valid.", "errors": errors}


def test_bad_page_is_404(client_for):
    response = client_for("anonymous").get("/api/v1/conferences/", {"page": 99})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page.", "errors": {}}
