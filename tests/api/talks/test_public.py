"""Public talks and speakers: accepted and confirmed only, no reviews."""

import pytest

from talks.enums import State
from tests.api.conftest import queries_for

C = "/api/v1/conferences/devconf"


def test_public_talks_list_only_accepted_and_confirmed_without_reviews(
    tracks, users, submissions, client_for
):
    response = client_for("anonymous").get(f"{C}/talks/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    talk = body["results"][0]
    assert talk == {
        "id": submissions["public"].pk,
        "title": "Accepted talk",
        "abstract": submissions["public"].abstract,
        "format": "talk",
        "duration": 30,
        "level": "",
        "language": "",
        "state": "accepted",
        "track": {"id": tracks[1].pk, "name": "Vision", "slug": "vision"},
        "speakers": [{"id": users["speaker"].pk, "name": "Ada Speaker"}],
    }


def test_public_talks_filter_by_track(submissions, client_for):
    client = client_for("anonymous")
    assert client.get(f"{C}/talks/", {"track": "nlp"}).json()["count"] == 0
    assert client.get(f"{C}/talks/", {"track": "vision"}).json()["count"] == 1


def test_speakers_are_those_of_public_talks(users, submissions, client_for):
    body = client_for("anonymous").get(f"{C}/speakers/").json()
    assert body["results"] == [
        {
            "id": users["speaker"].pk,
            "name": "Ada Speaker",
            "bio": "Builds things.",
            "affiliation": "ACME",
            "links": [],
            "photo_url": None,
            "talks": [submissions["public"].pk],
        }
    ]


# Ten talks of two speakers each: ten talks, twenty speakers.
@pytest.mark.parametrize(("path", "count"), [("talks/", 10), ("speakers/", 20)])
def test_public_list_queries_do_not_grow_with_its_length(client_for, add_talks, path, count):
    client, url = client_for("anonymous"), f"{C}/{path}"
    add_talks(1, state=State.ACCEPTED)
    one = queries_for(client, url)
    add_talks(9, state=State.CONFIRMED)

    assert queries_for(client, url) == one
    assert client.get(url).json()["count"] == count
