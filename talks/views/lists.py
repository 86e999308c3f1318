"""What the team's long lists share: their query in links and forms, confirmation previews."""

from django.http import QueryDict

# A confirmation step names this many of the submissions it is about to touch.
PREVIEW_ROWS = 20


def list_query(query: QueryDict, *, without: tuple[str, ...] = ("page",)) -> str:
    """The list's filters as a query string (without the page), for forms that come back."""
    kept = query.copy()
    for name in without:
        kept.pop(name, None)
    return kept.urlencode()


def url_with_query(url: str, query: str) -> str:
    """`url` with a query sent back by a form; parsed and re-encoded, so it is only a query."""
    query = QueryDict(query).urlencode()
    return f"{url}?{query}" if query else url
