"""Every endpoint and method × every role, with the exact status expected."""

from datetime import timedelta

import pytest

from tests.api.conftest import ROLES

BASE = "/api/v1"
C = f"{BASE}/conferences/devconf"

# Expected statuses in the order of ROLES:
# anonymous, attendee, speaker, other_speaker, reviewer, foreign_organiser, organiser.
ALL_200 = (200,) * 7
OWN_200 = (401, 404, 200, 404, 404, 404, 404)
# Reaches its speaker's service, which refuses the transition (the talk is submitted already).
OWN_400 = (401, 404, 400, 404, 404, 404, 404)
OWN_201 = (401, 404, 201, 404, 404, 404, 404)
SIGNED_IN_200 = (401, 200, 200, 200, 200, 200, 200)
SIGNED_IN_201 = (401, 201, 201, 201, 201, 201, 201)
ORGANISER_200 = (401, 403, 403, 403, 403, 403, 200)
ORGANISER_202 = (401, 403, 403, 403, 403, 403, 202)
TEAM_200 = (401, 403, 403, 403, 200, 403, 200)
ORGANISER_201 = (401, 403, 403, 403, 403, 403, 201)
ORGANISER_204 = (401, 403, 403, 403, 403, 403, 204)
ORGANISER_400 = (401, 403, 403, 403, 403, 403, 400)

NEW_SUBMISSION = {
    "conference": "devconf",
    "title": "A new talk",
    "abstract": "What it is about.",
    "format": "talk",
    "duration": 30,
}

MATRIX = [
    # method, path ({own}, {public}, ... are filled from the world), body, statuses
    ("get", f"{BASE}/conferences/", None, ALL_200),
    ("get", f"{C}/", None, ALL_200),
    ("get", f"{C}/tracks/", None, ALL_200),
    ("get", f"{C}/rooms/", None, ALL_200),
    ("get", f"{C}/talks/", None, ALL_200),
    ("get", f"{C}/talks/{{public}}/", None, ALL_200),
    ("get", f"{C}/talks/{{own}}/", None, (404,) * 7),
    ("get", f"{C}/speakers/", None, ALL_200),
    ("get", f"{C}/schedule/", None, ALL_200),
    ("get", f"{C}/schedule/releases/", None, ALL_200),
    (
        "post",
        f"{C}/schedule/releases/",
        {"comment": "Second", "confirm_conflicts": "all"},
        ORGANISER_201,
    ),
    (
        "post",
        f"{C}/schedule/items/{{item}}/move/",
        {"version": 1, "room": "{room}", "start": "{start}", "end": "{end}"},
        ORGANISER_200,
    ),
    ("get", f"{BASE}/submissions/", None, SIGNED_IN_200),
    ("post", f"{BASE}/submissions/", NEW_SUBMISSION, SIGNED_IN_201),
    ("get", f"{BASE}/submissions/{{own}}/", None, OWN_200),
    ("patch", f"{BASE}/submissions/{{own}}/", {"title": "Renamed"}, OWN_200),
    ("get", f"{BASE}/submissions/{{own}}/invitations/", None, OWN_200),
    ("post", f"{BASE}/submissions/{{own}}/invitations/", {"email": "co@example.org"}, OWN_201),
    ("post", f"{BASE}/submissions/{{own}}/submit/", None, OWN_400),
    ("post", f"{BASE}/submissions/{{own}}/confirm/", None, OWN_400),
    ("post", f"{BASE}/submissions/{{own}}/withdraw/", None, OWN_200),
    ("get", f"{C}/submissions/", None, ORGANISER_200),
    ("get", f"{C}/submissions/{{own}}/", None, ORGANISER_200),
    ("post", f"{C}/submissions/{{own}}/state/", {"state": "accepted"}, ORGANISER_200),
    ("post", f"{C}/submissions/{{own}}/track/", {"track": "{nlp}"}, ORGANISER_200),
    ("get", f"{C}/reviews/", None, ORGANISER_200),
    ("get", f"{C}/review/submissions/", None, TEAM_200),
    ("get", f"{C}/review/submissions/{{own}}/", None, TEAM_200),
    ("put", f"{C}/review/submissions/{{own}}/review/", {"score": 3}, TEAM_200),
    ("post", f"{C}/review/submissions/{{own}}/track/", {"track": "{nlp}"}, TEAM_200),
    ("get", f"{C}/review/profile/", None, TEAM_200),
    ("put", f"{C}/review/profile/", {"expertise": "NLP"}, TEAM_200),
    ("get", f"{C}/review/bids/", None, TEAM_200),
    ("get", f"{C}/assignment/proposals/", None, ORGANISER_200),
    ("post", f"{C}/assignment/proposals/", {}, ORGANISER_202),
    ("get", f"{C}/setup/tracks/", None, ORGANISER_200),
    ("post", f"{C}/setup/tracks/", {"name": "Robotics"}, ORGANISER_201),
    ("get", f"{C}/setup/tracks/{{nlp}}/", None, ORGANISER_200),
    ("patch", f"{C}/setup/tracks/{{nlp}}/", {"description": "Text"}, ORGANISER_200),
    ("delete", f"{C}/setup/tracks/{{nlp}}/", {"reassign_to": "{vision}"}, ORGANISER_204),
    ("get", f"{C}/setup/rooms/", None, ORGANISER_200),
    ("post", f"{C}/setup/rooms/", {"name": "Annex", "capacity": 40}, ORGANISER_201),
    ("patch", f"{C}/setup/rooms/{{room}}/", {"capacity": 250}, ORGANISER_200),
    # An item is scheduled in the room: refused, but only once the permission let it through.
    ("delete", f"{C}/setup/rooms/{{room}}/", None, ORGANISER_400),
    ("get", f"{C}/setup/ticket-types/", None, ORGANISER_200),
    ("post", f"{C}/setup/ticket-types/", {"name": "Student", "quota": 20}, ORGANISER_201),
    ("patch", f"{C}/setup/ticket-types/{{ticket_type}}/", {"quota": 300}, ORGANISER_200),
    # Somebody registered for it: refused.
    ("delete", f"{C}/setup/ticket-types/{{ticket_type}}/", None, ORGANISER_400),
    ("get", f"{C}/registrations/", None, ORGANISER_200),
    ("get", f"{C}/registrations/export/", None, ORGANISER_200),
    ("post", f"{C}/registrations/{{registration}}/check-in/", None, ORGANISER_200),
    ("get", f"{C}/model-versions/", None, ORGANISER_200),
    ("post", f"{C}/model-versions/{{version}}/activate/", None, ORGANISER_200),
    ("post", f"{C}/training/", {"kind": "zeroshot"}, ORGANISER_202),
    ("post", f"{C}/recategorisation/", None, ORGANISER_202),
    ("get", f"{C}/jobs/", None, ORGANISER_200),
    ("get", f"{C}/jobs/{{job}}/", None, ORGANISER_200),
]

CASES = [
    pytest.param(method, path, body, role, statuses[i], id=f"{method} {path} {role}")
    for method, path, body, statuses in MATRIX
    for i, role in enumerate(ROLES)
]


def _ids(world) -> dict:
    return {
        "own": world["own"].pk,
        "public": world["public"].pk,
        "registration": world["registration"].pk,
        "ticket_type": world["registration"].ticket_type_id,
        "version": world["version"].pk,
        "job": world["job"].pk,
        "nlp": world["tracks"][0].pk,
        "vision": world["tracks"][1].pk,
        "item": world["item"].pk,
        "room": world["room"].pk,
        "start": (world["item"].start + timedelta(hours=1)).isoformat(),
        "end": (world["item"].end + timedelta(hours=1)).isoformat(),
    }


@pytest.mark.parametrize(("method", "path", "body", "role", "expected"), CASES)
def test_endpoint_answers_role_with_exact_status(
    world, client_for, method, path, body, role, expected
):
    ids = _ids(world)
    url = path.format(**ids)
    if body is not None:
        body = {
            k: (ids[v[1:-1]] if isinstance(v, str) and v.startswith("{") else v)
            for k, v in body.items()
        }
    response = getattr(client_for(role), method)(url, body, format="json")
    assert response.status_code == expected, response.content[:300]
    if expected >= 400:
        assert set(response.json()) == {"detail", "errors"}


def test_unknown_conference_is_404_for_organiser(world, client_for):
    response = client_for("organiser").get(f"{BASE}/conferences/nope/submissions/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_anonymous_gets_401_with_token_challenge(world, client_for):
    response = client_for("anonymous").get(f"{BASE}/submissions/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "detail": "Authentication credentials were not provided.",
        "errors": {},
    }
