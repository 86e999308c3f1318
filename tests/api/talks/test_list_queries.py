"""The talks' lists make as many queries for ten rows as for one: no query per row."""

import pytest

from talks.enums import State
from tests.api.conftest import queries_for

C = "/api/v1/conferences/devconf"


# Ten accepted talks of two speakers each: ten rows, or twenty speakers.
@pytest.mark.parametrize(
    ("role", "path", "rows"),
    [
        ("organiser", "submissions/", 10),
        ("reviewer", "review/submissions/", 10),
        ("anonymous", "talks/", 10),
        ("anonymous", "speakers/", 20),
    ],
)
def test_list_queries_do_not_grow_with_its_length(client_for, add_talks, role, path, rows):
    client, url = client_for(role), f"{C}/{path}"
    add_talks(1, state=State.ACCEPTED)
    one = queries_for(client, url)
    add_talks(9, state=State.ACCEPTED)

    assert queries_for(client, url) == one
    assert client.get(url).json()["count"] == rows
