"""The editor's JSON endpoints. Each change answers with the whole working copy, conflicts
included, so the page redraws from one source of truth.

Status codes: 200/201 done; 400 refused (room taken, bad times, ...: nothing changed);
409 stale (the item changed in another window since the page loaded it: the page offers to
reload); 401/403 not an organiser.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from scheduling import selectors, services
from scheduling.days import parse_instant
from scheduling.services import ScheduleRefused, StaleItem
from scheduling.views.common import schedule_api

MAX_INT = 2**31 - 1


class BadRequest(Exception):
    pass


def _body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(_("The request is not JSON.")) from None
    if not isinstance(data, dict):
        raise BadRequest(_("The request is not a JSON object."))
    return data


def _int(data: dict, key: str, *, required: bool = True) -> int | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise BadRequest(_("%(key)s must be a number.") % {"key": key})
    if int(value) > MAX_INT:
        raise BadRequest(_("%(key)s is too large.") % {"key": key})
    return int(value)


def _times(data: dict):
    try:
        start = parse_instant(str(data.get("start", "")))
        if data.get("end"):
            end = parse_instant(str(data["end"]))
        else:
            end = start + timedelta(minutes=_int(data, "minutes"))
    except (ValueError, OverflowError):
        raise BadRequest(_("start and end must be ISO 8601 times with an offset.")) from None
    return start, end


def _answer(conference, *, item=None, status=200) -> JsonResponse:
    copy = selectors.working_copy(conference=conference)
    state = selectors.editor_state(conference=conference, copy=copy)
    body = {"ok": True, "state": state, "conflicts": state["conflicts"]}
    if item is not None:
        body["item"] = selectors.item_json(item=item, conference=conference, stars=copy["stars"])
    return JsonResponse(body, status=status)


def _refused(error: ScheduleRefused) -> JsonResponse:
    code = error.code or "refused"
    status = 409 if code == "already_scheduled" else 400
    return JsonResponse({"error": code, "message": " ".join(error.messages)}, status=status)


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
            "error": "stale",
            "message": _("This item was changed or removed in another window."),
            "item": current,
        },
        status=409,
    )


def _handle(conference, action):
    try:
        return action()
    except BadRequest as error:
        return JsonResponse({"error": "bad_request", "message": str(error)}, status=400)
    except ScheduleRefused as error:
        return _refused(error)
    except StaleItem as error:
        return _stale(conference, error)


@schedule_api
@require_http_methods(["GET"])
def api_state(request, conference):
    return JsonResponse(selectors.editor_state(conference=conference))


@schedule_api
@require_http_methods(["POST"])
def api_items(request, conference):
    """Place a talk ({"submission", "room", "start", "end" or "minutes"}) or add a break or
    blocker ({"kind", "title", "room" (null: every room), ...})."""

    def action():
        data = _body(request)
        start, end = _times(data)
        item = services.create_item(
            conference=conference,
            kind=str(data.get("kind") or ""),
            room_id=_int(data, "room", required=False),
            start=start,
            end=end,
            submission_id=_int(data, "submission", required=False),
            title=str(data.get("title") or ""),
        )
        return _answer(conference, item=item, status=201)

    return _handle(conference, action)


@schedule_api
@require_http_methods(["PATCH", "DELETE"])
def api_item(request, conference, pk):
    """PATCH {"version", "room", "start", "end"}: move or resize. DELETE {"version"}:
    unschedule (or remove a break)."""

    def action():
        data = _body(request)
        version = _int(data, "version")
        if request.method == "DELETE":
            services.delete_item(conference=conference, item_id=pk, version=version)
            return _answer(conference)
        start, end = _times(data)
        item = services.move_item(
            conference=conference,
            item_id=pk,
            version=version,
            room_id=_int(data, "room", required=False),
            start=start,
            end=end,
        )
        return _answer(conference, item=item)

    return _handle(conference, action)


@schedule_api
@require_http_methods(["POST"])
def api_silence(request, conference, pk):
    """{"version", "code", "silenced": true|false}: silence a warning for this item."""

    def action():
        data = _body(request)
        item = services.silence_warning(
            conference=conference,
            item_id=pk,
            version=_int(data, "version"),
            code=str(data.get("code") or ""),
            silenced=bool(data.get("silenced", True)),
        )
        return _answer(conference, item=item)

    return _handle(conference, action)
