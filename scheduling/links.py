"""Addresses of the scheduling pages, in one place.

A page that lists a hundred talks reverses each kind of address once, as a template with
ID_PLACEHOLDER where the talk's (speaker's, item's) id goes, and fills it per talk with
with_id(): one reverse() per kind of page, not one per talk. The placeholder is ":id", which
no id can be (ids are digits, see IdConverter) and no slug can contain, so replacing it never
touches another part of the address. The editor's script gets the same templates from the page.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from conference.models import Conference
from scheduling.exports.common import Links

ID_PLACEHOLDER = ":id"


class IdConverter:
    """An id in a URL: digits. Reversing also takes ID_PLACEHOLDER, which a request's address
    never matches (to_python refuses it, so it is a 404)."""

    regex = f"[0-9]+|{ID_PLACEHOLDER}"

    def to_python(self, value: str) -> int:
        return int(value)  # ValueError for the placeholder: no match

    def to_url(self, value) -> str:
        return str(value)


def with_id(template: str, pk: int) -> str:
    return template.replace(ID_PLACEHOLDER, str(pk))


def release_page(name: str, conference: Conference, version: str | None, *extra) -> str:
    """A page of the latest release at its stable address, or of release `version`."""
    if version:
        return reverse(f"scheduling:release_{name}", args=[conference.slug, version, *extra])
    return reverse(f"scheduling:{name}", args=[conference.slug, *extra])


def page_templates(conference: Conference, version: str | None) -> dict:
    """The address templates the agenda's entries fill with a talk's or speaker's id. Stars
    belong to the talk, not to a release: after logging in to star one, people come back to
    its page of the latest release (latest_talk_url)."""
    return {
        "talk_url": release_page("talk", conference, version, ID_PLACEHOLDER),
        "latest_talk_url": release_page("talk", conference, None, ID_PLACEHOLDER),
        "speaker_url": release_page("speaker", conference, version, ID_PLACEHOLDER),
        "star_url": reverse("scheduling:star", args=[conference.slug, ID_PLACEHOLDER]),
    }


def absolute_links(request, *, conference: Conference, version: str | None) -> Links:
    """Absolute addresses of the release's pages, for the exports; the latest release's use
    the stable ones."""
    talk = request.build_absolute_uri(release_page("talk", conference, version, ID_PLACEHOLDER))
    speaker = request.build_absolute_uri(
        release_page("speaker", conference, version, ID_PLACEHOLDER)
    )
    return Links(
        base_url=request.build_absolute_uri("/"),
        agenda_url=request.build_absolute_uri(release_page("agenda", conference, version)),
        talk_url=lambda pk: with_id(talk, pk),
        speaker_url=lambda pk: with_id(speaker, pk),
    )


def editor_page(conference: Conference, day: date | None = None) -> str:
    url = reverse("scheduling:editor", args=[conference.slug])
    return f"{url}?day={day.isoformat()}" if day else url


def editor_endpoints(conference: Conference) -> dict:
    """The editor script's addresses; "item", "silence" and "edit" are templates with
    ID_PLACEHOLDER for the item's id, which static/scheduling/js/editor.js replaces."""
    slug = conference.slug
    return {
        "placeholder": ID_PLACEHOLDER,
        "state": reverse("scheduling:api_state", args=[slug]),
        "items": reverse("scheduling:api_items", args=[slug]),
        "item": reverse("scheduling:api_item", args=[slug, ID_PLACEHOLDER]),
        "silence": reverse("scheduling:api_silence", args=[slug, ID_PLACEHOLDER]),
        "edit": reverse("scheduling:item_edit", args=[slug, ID_PLACEHOLDER]),
    }
