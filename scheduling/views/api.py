"""The editor's JSON endpoints. Each change answers with the whole working copy, conflicts
included, so the page redraws from one source of truth.

Status codes: 200/201 done; 400 refused (room taken, bad times, ...: nothing changed);
409 stale (the item changed in another window since the page loaded it: the page offers to
reload); 401/403 not an organiser. The input is checked by the REST API's serializers
(scheduling.api.serializers) and errors come in its format,
{"detail": "...", "errors": {field: [...]}}; a stale item's 409 adds the item as it is now.
"""

from __future__ import annotations

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rest_framework import exceptions

from conference.access import conference_view
from conference.api.exceptions import exception_handler
from conference.rules import can_edit_schedule
from scheduling import selectors, services
from scheduling.api.serializers import (
    MoveItemSerializer,
    PlaceItemSerializer,
    SilenceSerializer,
    VersionSerializer,
)
from scheduling.services import ScheduleRefused, StaleItem


def _validated(serializer_class, request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise exceptions.ParseError(_("The request is not JSON.")) from None
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)  # a list or a string is refused here too
    return serializer.validated_data


def _answer(conference, *, item=None, status=200) -> JsonResponse:
    copy = selectors.working_copy(conference=conference)
    state = selectors.editor_state(conference=conference, copy=copy)
    body = {"ok": True, "state": state, "conflicts": state["conflicts"]}
    if item is not None:
        body["item"] = selectors.item_json(item=item, conference=conference, stars=copy["stars"])
    return JsonResponse(body, status=status)


def _stale(conference, error: StaleItem) -> JsonResponse:
    current = None
    if error.item is not None:
        current = selectors.item_json(
            item=error.item,
            conference=conference,
            stars=selectors.star_counts(conference=conference),
        )
    return JsonResponse(
        {
            "detail": _("This item was changed or removed in another window."),
            "errors": {},
            "item": current,
        },
        status=409,
    )


def _handle(conference, action):
    try:
        return action()
    except StaleItem as error:
        return _stale(conference, error)
    except (exceptions.APIException, ScheduleRefused) as error:
        response = exception_handler(error, {})
        # Placed meanwhile in another window: stale too, as far as this page is concerned.
        stale = isinstance(error, ScheduleRefused) and error.code == "already_scheduled"
        return JsonResponse(response.data, status=409 if stale else response.status_code)


@conference_view(can_edit_schedule, json=True)
@require_http_methods(["GET"])
def api_state(request, conference):
    return JsonResponse(selectors.editor_state(conference=conference))


@conference_view(can_edit_schedule, json=True)
@require_http_methods(["POST"])
def api_items(request, conference):
    """Place a talk ({"submission", "room", "start", "end" or "minutes"}) or add a break or
    blocker ({"kind", "title", "room" (null: every room), ...})."""

    def action():
        item = services.create_item(
            conference=conference, **_validated(PlaceItemSerializer, request)
        )
        return _answer(conference, item=item, status=201)

    return _handle(conference, action)


@conference_view(can_edit_schedule, json=True)
@require_http_methods(["PATCH", "DELETE"])
def api_item(request, conference, pk):
    """PATCH {"version", "room", "start", "end"}: move or resize. DELETE {"version"}:
    unschedule (or remove a break)."""

    def action():
        if request.method == "DELETE":
            data = _validated(VersionSerializer, request)
            services.delete_item(conference=conference, item_id=pk, **data)
            return _answer(conference)
        data = _validated(MoveItemSerializer, request)
        item = services.move_item(conference=conference, item_id=pk, **data)
        return _answer(conference, item=item)

    return _handle(conference, action)


@conference_view(can_edit_schedule, json=True)
@require_http_methods(["POST"])
def api_silence(request, conference, pk):
    """{"version", "code", "silenced": true|false}: silence a warning for this item."""

    def action():
        data = _validated(SilenceSerializer, request)
        item = services.silence_warning(conference=conference, item_id=pk, **data)
        return _answer(conference, item=item)

    return _handle(conference, action)
