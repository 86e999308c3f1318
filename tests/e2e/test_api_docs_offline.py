"""Swagger UI and ReDoc load everything from this server: they work offline."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("path", "ready"),
    [("/api/docs/", ".swagger-ui .info .title"), ("/api/redoc/", "h1:has-text('Conference')")],
)
def test_api_docs_load_nothing_from_elsewhere(live_server, page, transactional_db, path, ready):
    requested, foreign = [], []

    def only_here(route):
        # Whatever would leave this server is refused and noted; a page that needs it breaks.
        url = route.request.url
        requested.append(url)
        if url.startswith(live_server.url):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    page.route("**/*", only_here)
    page.goto(live_server.url + path)
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")

    assert foreign == []
    assert any(url.startswith(live_server.url + "/api/schema/") for url in requested)
