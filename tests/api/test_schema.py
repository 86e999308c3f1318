"""The OpenAPI schema validates, and the API keeps to it under fuzzing (schemathesis)."""

import pytest
import schemathesis
import yaml
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from conference.api.services import create_api_token
from conference.api.throttling import TokenWriteThrottle
from conference.wsgi import application


def test_schema_is_valid_openapi_3(db):
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    spec = yaml.safe_load(response.content)
    assert spec["openapi"].startswith("3.")
    validate(spec)
    assert "/api/v1/conferences/{slug}/submissions/{id}/track/" in spec["paths"]
    assert spec["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'A personal token from your profile page: "Token <key>".',
    }


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_use_local_files(db, url):
    response = APIClient().get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower()


@pytest.fixture
def wsgi_keeps_connection():
    """As Django's test client does: the WSGI app must not close the test's connection (and
    its open transaction) at the end of each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def organiser_headers(world):
    _token, key = create_api_token(user=world["users"]["organiser"], name="fuzz")
    # Schemathesis' WSGI transport reads bodies as they come; the app gzips what is asked for.
    return {"Authorization": f"Token {key}", "Accept-Encoding": "identity"}


@pytest.fixture
def no_throttle():
    original = TokenWriteThrottle.THROTTLE_RATES
    TokenWriteThrottle.THROTTLE_RATES = {**original, "token_write": "100000/min"}
    yield
    TokenWriteThrottle.THROTTLE_RATES = original


# Loaded at collection (it needs no database). Not schemathesis.pytest.from_fixture: its lazy
# loader does not work with pytest 9.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_keeps_to_its_schema(case, organiser_headers, no_throttle, wsgi_keeps_connection):
    # Fuzz the conference that has data; unknown slugs are a plain 404 (see test_permissions).
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = "devconf"
    case.call_and_validate(
        headers=organiser_headers, checks=[not_a_server_error, response_schema_conformance]
    )
