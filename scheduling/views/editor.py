"""The organisers' pages: the agenda editor, its forms without JavaScript, preview, publish."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.rules import can_edit_schedule
from scheduling import days, selectors, services
from scheduling.enums import (
    DEFAULT_STEP,
    GRANULARITY_MINUTES,
    SILENCEABLE,
    STEPS,
    TALK_KINDS,
    ConflictCode,
)
from scheduling.forms import BreakForm, PlacementForm, PublishForm
from scheduling.links import editor_endpoints, editor_page
from scheduling.programme import Programme
from scheduling.services import ScheduleRefused, StaleItem
from scheduling.services.releases import (
    changelog_is_empty,
    conflicts_digest,
    describe_changelog,
    open_conflicts,
)
from scheduling.views.public import render_agenda


def _day(conference, value: str) -> date:
    conference_days = days.conference_days(conference)
    try:
        wanted = date.fromisoformat(value)
    except ValueError:
        wanted = None
    return wanted if wanted in conference_days else conference_days[0]


def _step(value: str) -> int:
    return int(value) if value.isdigit() and int(value) in STEPS else DEFAULT_STEP


def _js_strings() -> dict:
    """The editor script's words, translated here: the script has no catalogue of its own."""
    return {
        "stale": _("Somebody changed the schedule in another window. Reload to see it."),
        "reload": _("Reload"),
        "undo": _("Undo"),
        "nothing_to_undo": _("Nothing to undo."),
        "saved": _("Saved."),
        "failed": _("Could not save: %(message)s"),
        "network": _("The server could not be reached; nothing was saved."),
        "unschedule": _("Unschedule"),
        "shorter": _("Shorter"),
        "longer": _("Longer"),
        "silence": _("Silence"),
        "unsilence": _("Show again"),
        "no_conflicts": _("No conflicts."),
        "stars": _("stars"),
        "unconfirmed": _("not confirmed"),
        "all_rooms": _("Every room"),
        "drop_here": _("Drop here to unschedule"),
        "silenced": _("silenced"),
        "nothing_unscheduled": _("Every accepted talk has a slot."),
        "minutes": _("%(minutes)s min"),
        "seats": _("%(seats)s seats"),
        "item_role": _("schedule item"),
        "move_to": _("Move to…"),
        "moved": _("Moved: %(room)s, %(when)s."),
        "cannot_move": _("It cannot move further that way."),
        "bad_minutes": _("The length is a number of minutes in steps of 5."),
        "place": _("Place…"),
        "place_talk": _("Place “%(title)s”…"),
    }


@conference_view(can_edit_schedule)
def editor(request, conference):
    day = _day(conference, request.GET.get("day", ""))
    step = _step(request.GET.get("step", ""))
    copy = selectors.working_copy(conference=conference)
    track_id = request.GET.get("track", "")
    track_id = int(track_id) if track_id.isdigit() else None
    search = request.GET.get("q", "").strip()[:100]
    unscheduled = selectors.unscheduled_talks(
        conference=conference, track_id=track_id, search=search
    )
    # The grid as a table for people without JavaScript, from the same code as the agenda.
    snapshot = services.build_snapshot(conference=conference, items=copy["items"], include_all=True)
    programme = Programme(snapshot)
    latest = selectors.latest_release(conference=conference)
    frame = selectors.editor_day(conference=conference, day=day, items=copy["items"], step=step)
    config = {
        **frame,
        "urls": editor_endpoints(conference),
        "strings": _js_strings(),
    }
    items_by_id = {item.pk: item for item in copy["items"]}
    conflicts = [
        {
            "conflict": conflict,
            "item": items_by_id[conflict.item_ids[0]],
            "silenceable": conflict.code in SILENCEABLE,
        }
        for conflict in copy["conflicts"]
    ]
    return render(
        request,
        "scheduling/editor.html",
        {
            "conference": conference,
            "day": day,
            "days": days.conference_days(conference),
            "step": step,
            "steps": STEPS,
            "config": config,
            "grid": programme.grid(day),
            "rooms": programme.rooms,
            "unscheduled": unscheduled,
            "stars": copy["stars"],
            "tracks": copy["tracks"],
            "track_id": track_id,
            "search": search,
            "conflicts": conflicts,
            "error_count": sum(
                1 for c in copy["conflicts"] if c.severity == "error" and not c.silenced
            ),
            "warning_count": sum(
                1 for c in copy["conflicts"] if c.severity == "warning" and not c.silenced
            ),
            "latest": latest,
            "unpublished": latest is None or latest.revision != copy["revision"],
            "conflict_labels": dict(ConflictCode.choices),
        },
    )


def _placement(conference, data: dict):
    tz = conference.tzinfo
    start = days.local_instant(date.fromisoformat(data["day"]), data["time"], tz)
    return start, start + timedelta(minutes=data["minutes"])


def _create(request, conference, form, done: str, **fields):
    """Add the item of a valid placement form: back to the editor's day, or None with the
    refusal on the form."""
    start, end = _placement(conference, form.cleaned_data)
    try:
        services.create_item(
            conference=conference, room_id=form.cleaned_data["room"], start=start, end=end, **fields
        )
    except ScheduleRefused as error:
        form.add_error(None, error)
        return None
    messages.success(request, done)
    return redirect(editor_page(conference, days.local_day(start, conference.tzinfo)))


@conference_view(can_edit_schedule)
def place_talk(request, conference, submission):
    talk = selectors.schedulable_talk(conference=conference, pk=submission)
    rooms = list(conference.rooms.all())
    day = _day(conference, request.GET.get("day", ""))
    form = PlacementForm(
        request.POST or None,
        conference=conference,
        rooms=rooms,
        initial={
            "day": day.isoformat(),
            "minutes": days.round_up_minutes(talk.duration, GRANULARITY_MINUTES),
        },
    )
    if request.method == "POST" and form.is_valid():
        done = _create(
            request,
            conference,
            form,
            _("“%(title)s” is scheduled.") % {"title": talk.title},
            submission_id=talk.pk,
        )
        if done:
            return done
    return render(
        request,
        "scheduling/placement_form.html",
        {"conference": conference, "form": form, "heading": talk.title, "talk": talk},
    )


@conference_view(can_edit_schedule)
def break_create(request, conference):
    day = _day(conference, request.GET.get("day", ""))
    form = BreakForm(
        request.POST or None,
        conference=conference,
        rooms=list(conference.rooms.all()),
        initial={"day": day.isoformat(), "minutes": 30, "title": _("Coffee break")},
    )
    if request.method == "POST" and form.is_valid():
        done = _create(
            request,
            conference,
            form,
            _("Added to the schedule."),
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
        )
        if done:
            return done
    return render(
        request,
        "scheduling/placement_form.html",
        {"conference": conference, "form": form, "heading": _("Add a break or blocker")},
    )


@conference_view(can_edit_schedule)
def item_edit(request, conference, pk):
    item = selectors.schedule_item(conference=conference, pk=pk)
    tz = conference.tzinfo
    local = item.start.astimezone(tz)
    version = request.POST.get("version", str(item.version))
    form = PlacementForm(
        request.POST or None,
        conference=conference,
        rooms=list(conference.rooms.all()),
        all_rooms=item.kind not in TALK_KINDS,
        initial={
            "room": item.room_id,
            "day": local.date().isoformat(),
            "time": local.time().replace(second=0, microsecond=0),
            "minutes": item.duration_minutes,
        },
    )
    if request.method == "POST" and form.is_valid():
        start, end = _placement(conference, form.cleaned_data)
        try:
            services.move_item(
                conference=conference,
                item_id=item.pk,
                version=int(version) if version.isdigit() else 0,
                room_id=form.cleaned_data["room"],
                start=start,
                end=end,
            )
        except StaleItem:
            messages.error(
                request,
                _("Somebody changed this item meanwhile; nothing was saved. Here it is now."),
            )
            return redirect("scheduling:item_edit", conference.slug, item.pk)
        except ScheduleRefused as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Moved."))
            return redirect(editor_page(conference, days.local_day(start, tz)))
    return render(
        request,
        "scheduling/placement_form.html",
        {
            "conference": conference,
            "form": form,
            "heading": item.display_title,
            "item": item,
            "version": item.version,
        },
    )


def _version(request) -> int:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0


@conference_view(can_edit_schedule)
@require_POST
def item_unschedule(request, conference, pk):
    item = selectors.schedule_item(conference=conference, pk=pk)
    day = days.local_day(item.start, conference.tzinfo)
    try:
        services.delete_item(conference=conference, item_id=item.pk, version=_version(request))
    except StaleItem:
        messages.error(request, _("Somebody changed this item meanwhile; nothing was done."))
    else:
        messages.success(request, _("“%(title)s” is unscheduled.") % {"title": item.display_title})
    return redirect(editor_page(conference, day))


@conference_view(can_edit_schedule)
@require_POST
def item_silence(request, conference, pk):
    item = selectors.schedule_item(conference=conference, pk=pk)
    try:
        services.silence_warning(
            conference=conference,
            item_id=item.pk,
            version=_version(request),
            code=request.POST.get("code", ""),
            silenced=request.POST.get("silenced", "1") == "1",
        )
    except StaleItem:
        messages.error(request, _("Somebody changed this item meanwhile; nothing was done."))
    except ScheduleRefused as error:
        messages.error(request, " ".join(error.messages))
    return redirect(editor_page(conference, days.local_day(item.start, conference.tzinfo)))


@conference_view(can_edit_schedule)
def preview(request, conference):
    """The working copy as the public agenda would show it, for organisers only."""
    snapshot = services.build_snapshot(conference=conference)
    programme = Programme(snapshot, version=_("working copy"))
    return render_agenda(
        request,
        conference=conference,
        programme=lambda: programme,
        release=None,
        version=None,
        base={"conference": conference, "is_organiser": True, "is_speaker": False},
        preview=True,
    )


@conference_view(can_edit_schedule)
def publish(request, conference):
    """Publish the working copy. With open conflicts the page lists them and publishes only
    when the organiser ticks the confirmation for exactly those (the service checks it).
    The speakers' e-mails wait in the outbox until an organiser releases them."""
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            release = services.publish_release(
                conference=conference,
                user=request.user,
                comment=data["comment"],
                confirmed_conflicts=data["conflicts"] if data["confirm"] else "",
                hold_mail=True,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = _("Schedule %(version)s is published.") % {"version": release.version}
            if release.conflicts:
                done += " " + ngettext(
                    "It has %(count)d conflict, as you confirmed.",
                    "It has %(count)d conflicts, as you confirmed.",
                    len(release.conflicts),
                ) % {"count": len(release.conflicts)}
            messages.success(
                request,
                done
                + " "
                + _("The e-mails to speakers wait in the outbox until an organiser sends them."),
            )
            return redirect("scheduling:releases", conference.slug)
    changelog = services.preview_changelog(conference=conference)
    copy = selectors.working_copy(conference=conference)
    conflicts = open_conflicts(conflicts=copy["conflicts"])
    latest = selectors.latest_release(conference=conference)
    return render(
        request,
        "scheduling/publish.html",
        {
            "conference": conference,
            "form": form,
            "changes": describe_changelog(changelog=changelog, tz=conference.tzinfo),
            "empty": changelog_is_empty(changelog),
            "next_version": f"v{latest.number + 1 if latest else 1}",
            "latest": latest,
            "conflicts": _conflict_rows(conference, conflicts, copy["items"]),
            "error_count": sum(1 for c in conflicts if c.severity == "error"),
            "warning_count": sum(1 for c in conflicts if c.severity == "warning"),
            "digest": conflicts_digest(conflicts),
        },
    )


def _conflict_rows(conference, conflicts, items) -> list[dict]:
    """Each conflict with its first item and that item's day in the editor, to go and fix it."""
    by_id = {item.pk: item for item in items}
    rows = []
    for conflict in conflicts:
        first = min((by_id[i] for i in conflict.item_ids), key=lambda item: item.start)
        day = days.local_day(first.start, conference.tzinfo)
        rows.append({"conflict": conflict, "item": first, "editor": editor_page(conference, day)})
    return rows


@conference_view(can_edit_schedule)
def star_counts(request, conference):
    return render(
        request,
        "scheduling/star_counts.html",
        {"conference": conference, "rows": selectors.talk_popularity(conference=conference)},
    )
