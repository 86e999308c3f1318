"""Personal API tokens: created and revoked on the profile page, shown once, stored hashed."""

import hashlib
import re

import pytest
from rest_framework.test import APIClient

from conference.models import ApiToken
from tests.factories import UserFactory

PAGE = "/accounts/api-tokens/"


@pytest.fixture
def user(db):
    return UserFactory(username="scripter")


def _key_from(response) -> str:
    match = re.search(r'<code id="new-token">([^<]+)</code>', response.content.decode())
    assert match, "the new key is shown"
    return match.group(1)


def test_token_page_needs_login(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={PAGE}"


def test_created_token_is_shown_once_and_stored_hashed(client, user):
    client.force_login(user)
    response = client.post(PAGE, {"action": "create", "name": "export script"})
    assert response.status_code == 200
    key = _key_from(response)
    token = ApiToken.objects.get(user=user)
    assert token.name == "export script"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8]
    assert len(key) == 43  # secrets.token_urlsafe(32)
    assert key not in {getattr(token, f.attname) for f in ApiToken._meta.fields}
    again = client.get(PAGE)
    assert key not in again.content.decode()
    assert f"{key[:8]}…" in again.content.decode()


def test_token_authenticates_and_revoked_token_is_401(client, user):
    client.force_login(user)
    key = _key_from(client.post(PAGE, {"action": "create", "name": "cli"}))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/submissions/").status_code == 200
    assert ApiToken.objects.get(user=user).last_used_at is not None

    token = ApiToken.objects.get(user=user)
    response = client.post(PAGE, {"action": "revoke", "token": token.pk})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None

    revoked = api.get("/api/v1/submissions/")
    assert revoked.status_code == 401
    assert revoked.json() == {"detail": "Invalid or revoked token.", "errors": {}}


def test_nobody_revokes_another_persons_token(client, user):
    client.force_login(user)
    _key_from(client.post(PAGE, {"action": "create", "name": "mine"}))
    token = ApiToken.objects.get(user=user)
    client.force_login(UserFactory(username="intruder"))
    client.post(PAGE, {"action": "revoke", "token": token.pk})
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_name_is_required(client, user):
    client.force_login(user)
    response = client.post(PAGE, {"action": "create", "name": ""})
    assert response.status_code == 200
    assert ApiToken.objects.count() == 0
    assert 'id="new-token"' not in response.content.decode()


@pytest.mark.parametrize("header", ["Token wrong", "Token", "Token a b", "token " + "x" * 43])
def test_bad_token_headers_are_401(user, header):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=header)
    response = api.get("/api/v1/submissions/")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_token_writes_are_throttled_but_session_writes_are_not(users, submissions, settings):
    from conference.api.throttling import TokenWriteThrottle

    # The rates are read when the class is defined: patch the class attribute.
    original = TokenWriteThrottle.THROTTLE_RATES
    TokenWriteThrottle.THROTTLE_RATES = {**original, "token_write": "2/min"}
    try:
        from tests.api.conftest import token_client

        speaker = users["speaker"]
        api = token_client(speaker)
        url = f"/api/v1/submissions/{submissions['own'].pk}/"
        statuses = [api.patch(url, {"abstract": f"Take {i}"}).status_code for i in range(3)]
        assert statuses == [200, 200, 429]
        assert api.get(url).status_code == 200  # reads are not throttled

        session = APIClient()
        session.force_login(speaker)
        assert session.patch(url, {"abstract": "By hand"}).status_code == 200
    finally:
        TokenWriteThrottle.THROTTLE_RATES = original


def test_session_writes_need_csrf(users, submissions):
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(users["speaker"])
    response = session.patch(f"/api/v1/submissions/{submissions['own'].pk}/", {"title": "x"})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF Failed")
