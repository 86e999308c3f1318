"""Conferences: the public list's pagination and order."""

C = "/api/v1/conferences/devconf"


def test_list_pagination_caps_page_size_at_100(client_for):
    body = client_for("anonymous").get("/api/v1/conferences/", {"page_size": 1000}).json()
    assert body["count"] == 2
    assert body["next"] is None


def test_list_ordering(client_for):
    body = client_for("anonymous").get("/api/v1/conferences/", {"ordering": "name"}).json()
    assert [c["slug"] for c in body["results"]] == ["devconf", "otherconf"]
    body = client_for("anonymous").get("/api/v1/conferences/", {"ordering": "-name"}).json()
    assert [c["slug"] for c in body["results"]] == ["otherconf", "devconf"]
