"""Error pages in the site's style; below /api/ every error in the API's error format."""

import pytest
from django.test import RequestFactory

from conference.errors import MAX_URL_LENGTH, server_error
from tests.factories import ConferenceFactory, UserFactory


def test_unknown_page_is_the_sites_404(client, db):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert response.templates[0].name == "error.html"
    page = response.content.decode()
    assert "<h1>There is nothing here.</h1>" in page
    assert 'class="site-header"' in page


@pytest.mark.parametrize("path", ["/api/v1/no/such/thing/", "/api/nothing/"])
def test_unknown_api_path_is_json_404(client, db, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "There is nothing here.", "errors": {}}


def test_api_answers_trace_with_json_405(client, db):
    response = client.generic("TRACE", "/api/v1/conferences/")

    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "TRACE" not allowed.', "errors": {}}


def test_too_long_api_address_is_json_414(client, db):
    response = client.get("/api/v1/conferences/?q=" + "x" * MAX_URL_LENGTH)

    assert response.status_code == 414
    assert response.json() == {"detail": "The address is too long.", "errors": {}}


def test_too_long_page_address_is_the_sites_414(client, db):
    response = client.get("/" + "x" * MAX_URL_LENGTH)

    assert response.status_code == 414
    assert "<h1>The address is too long.</h1>" in response.content.decode()


def test_refused_organiser_page_is_the_sites_403(client, db):
    conference = ConferenceFactory(slug="aidev")
    client.force_login(UserFactory())

    response = client.get(f"/c/{conference.slug}/setup/")

    assert response.status_code == 403
    assert "<h1>You may not see this page.</h1>" in response.content.decode()


def test_server_error_page_needs_no_context():
    response = server_error(RequestFactory().get("/c/aidev/"))

    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side." in page
    assert "/static/conference/css/site.css" in page


def test_server_error_below_api_is_json():
    response = server_error(RequestFactory().get("/api/v1/conferences/"))

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
