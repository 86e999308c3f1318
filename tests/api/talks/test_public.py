"""Public talks and speakers: accepted and confirmed only, no reviews."""

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
