"""/api/v1/ itself: the endpoint groups with their addresses, and where the docs are."""

import yaml
from rest_framework.test import APIClient

from conference.api.services import create_api_token
from tests.factories import UserFactory

BASE = "http://testserver/api/v1/"


def test_api_root_lists_the_groups_and_the_docs(db):
    response = APIClient().get("/api/v1/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert (body["version"], body["docs"], body["redoc"], body["schema"]) == (
        "v1",
        "http://testserver/api/docs/",
        "http://testserver/api/redoc/",
        "http://testserver/api/schema/",
    )
    groups = {group["group"]: group for group in body["groups"]}
    assert groups["conferences"] == {
        "group": "conferences",
        "url": f"{BASE}conferences/",
        "endpoints": [
            {"name": "conference-list", "url": f"{BASE}conferences/"},
            {"name": "conference-detail", "url": f"{BASE}conferences/{{slug}}/"},
        ],
    }
    assert groups["conferences/{slug}/schedule"]["endpoints"] == [
        {"name": "schedule", "url": f"{BASE}conferences/{{slug}}/schedule/"},
        {"name": "release-list", "url": f"{BASE}conferences/{{slug}}/schedule/releases/"},
        {
            "name": "schedule-item-move",
            "url": f"{BASE}conferences/{{slug}}/schedule/items/{{pk}}/move/",
        },
        {"name": "schedule-solve", "url": f"{BASE}conferences/{{slug}}/schedule/solve/"},
        {"name": "schedule-solve-run", "url": f"{BASE}conferences/{{slug}}/schedule/solve/{{pk}}/"},
        *(
            {
                "name": f"schedule-solve-{action}",
                "url": f"{BASE}conferences/{{slug}}/schedule/solve/{{pk}}/{action}/",
            }
            for action in ("stop", "apply", "undo")
        ),
    ]
    assert groups["submissions"]["url"] == f"{BASE}submissions/"
    # Every app's groups: the event's, the talks', the schedule's and the models'.
    assert {
        "conferences/{slug}/setup",
        "conferences/{slug}/talks",
        "conferences/{slug}/review",
        "conferences/{slug}/model-versions",
    } <= set(groups)
    # The root lists the endpoints, not itself.
    names = [endpoint["name"] for group in body["groups"] for endpoint in group["endpoints"]]
    assert "root" not in names
    assert len(names) == len(set(names))


def test_api_root_answers_the_same_with_a_token(db):
    _token, key = create_api_token(user=UserFactory(), name="root")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    response = client.get("/api/v1/")

    assert response.status_code == 200
    assert response.json() == APIClient().get("/api/v1/").json()


def test_api_root_refuses_writes_with_the_api_error(db):
    response = APIClient().post("/api/v1/", {})

    assert response.status_code == 405
    assert response.json()["detail"] == 'Method "POST" not allowed.'


def test_api_root_is_in_the_schema(db):
    spec = yaml.safe_load(APIClient().get("/api/schema/").content)

    operation = spec["paths"]["/api/v1/"]["get"]
    assert operation["tags"] == ["public"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/ApiRoot"}
    assert spec["components"]["schemas"]["ApiRoot"]["required"] == [
        "docs",
        "groups",
        "redoc",
        "schema",
        "version",
    ]
