"""The published agenda: pages for everybody, and the exports."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import replace
from datetime import date
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import Context, engines
from django.template.loader import get_template, render_to_string
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from conference.access import conference_view
from conference.rules import can_edit_schedule, is_team_member
from conference.templatetags.once import rendering_key
from scheduling import fragments, selectors
from scheduling.exports import frab, ical
from scheduling.forms import AgendaFilterForm
from scheduling.fragments import (
    FILTER_FIELDS,
    Page,
    agenda_list,
    filter_widgets,
    grid_table,
    kept_page,
)
from scheduling.links import absolute_links, page_templates, release_page
from scheduling.middleware import cacheable_page, not_cacheable
from scheduling.programme import Filters, Programme, Speaker
from scheduling.rules import is_schedule_speaker, remember_schedule_speaker
from scheduling.services.releases import describe_changelog
from scheduling.views.common import programme_of, release_for, required_programme
from talks.selectors import profiles_changed_at, public_profiles, public_talks_of

EXPORT_CACHE_SECONDS = 24 * 3600
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
EXPORTS = {
    "json": "application/json; charset=utf-8",
    "xml": "application/xml; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}


# Programmes with their speakers' profiles as they are now, per release and profile change: a
# few per process, like scheduling.views.common's programmes.
_LIVE: OrderedDict[tuple, Programme] = OrderedDict()
_LIVE_KEPT = 8
_LIVE_LOCK = threading.Lock()


def live_programme(release) -> Programme:
    """The release's programme with each speaker's name, biography and affiliation as their
    profile says now, so that a profile change shows on the public pages at once, not from the
    next release on. Usually nobody changed their profile after the release was published and
    the shared programme comes back (one query to know that). The exports keep the release's
    own names: they are versioned files that clients cache by ETag."""
    programme = programme_of(release)
    # Any profile's change counts (a cheap max): one of another conference costs a rebuilt
    # programme, kept per change, never a stale name. The agenda reads it with the release.
    if "profiles_changed_at" in release.__dict__:
        changed = release.profiles_changed_at
    else:
        changed = profiles_changed_at()
    if changed is None or changed <= release.published_at:
        return programme
    key = (release.pk, release.published_at, changed)
    with _LIVE_LOCK:
        live = _LIVE.get(key)
        if live is not None:
            _LIVE.move_to_end(key)
            return live
    profiles = public_profiles(user_ids=list(programme.speakers))
    snapshot = dict(release.snapshot)
    snapshot["speakers"] = [_live_row(row, profiles.get(row["id"])) for row in snapshot["speakers"]]
    live = Programme(snapshot, version=release.version, number=release.number)
    live.profiles_changed_at = changed
    with _LIVE_LOCK:
        _LIVE[key] = live
        while len(_LIVE) > _LIVE_KEPT:
            _LIVE.popitem(last=False)
    return live


def _live_row(row: dict, profile) -> dict:
    if profile is None:  # the account is gone: what the release knew
        return row
    return {
        **row,
        "name": profile.name,
        "biography": profile.biography,
        "affiliation": profile.affiliation,
    }


def index(request):
    return render(
        request,
        "scheduling/index.html",
        {"conferences": selectors.conferences_with_releases()},
    )


def _pick_day(value: str, programme, entries) -> date | None:
    try:
        wanted = date.fromisoformat(value)
    except ValueError:
        wanted = None
    if wanted in programme.days:
        return wanted
    for day in programme.days:
        if programme.entries_on(day, entries):
            return day
    return programme.days[0] if programme.days else None


@conference_view()
def agenda(request, conference, version=None):
    if not request.user.is_authenticated and not request.GET.get("q"):
        # Before the release is read; render_agenda takes it back for junk. A search is
        # never kept (anybody could fill the cache).
        not_modified = cacheable_page(request, conference_id=conference.pk, kind="agenda")
        if not_modified is not None:
            return not_modified
    user = request.user
    release = release_for(
        conference=conference,
        version=version,
        profiles_changed=True,
        speaker=user if user.is_authenticated else None,
    )
    if release is not None and "is_speaker" in release.__dict__:
        remember_schedule_speaker(user, conference, release.is_speaker)
    base = {
        "conference": conference,
        "is_organiser": can_edit_schedule(request.user, conference),
        "is_speaker": is_schedule_speaker(request.user, conference),
    }
    if release is None:
        not_cacheable(request)
        return render(request, "scheduling/not_published.html", base)
    return render_agenda(
        request,
        conference=conference,
        programme=lambda: live_programme(release),
        release=release,
        version=version,
        base=base,
    )


def render_agenda(request, *, conference, programme, release, version, base, preview=False):
    """The agenda page. For people who are not logged in it is the same for everybody (their
    stars live in the browser), so its body is cached per release, language, day, view and
    valid filters; not with a search term, which would let anybody fill the cache."""
    if preview:
        latest = None
    elif version is None:
        latest = release
    else:
        latest = selectors.latest_release(conference=conference)
    programme = programme()
    form = AgendaFilterForm(request.GET or None, programme=programme)
    filters = Filters(**form.filter_values())
    entries = programme.filter(filters)
    day = _pick_day(request.GET.get("day", ""), programme, entries)
    view = "list" if request.GET.get("view") == "list" else "grid"
    key = None
    body = None
    if not preview and not request.user.is_authenticated and not filters.search:
        stamp = f"{release.published_at.timestamp():.6f}"
        # A profile changed after publishing: the page shows the new names (live_programme).
        people = getattr(programme, "profiles_changed_at", None)
        if people is not None:
            stamp += f"-{people.timestamp():.6f}"
        key = ":".join(
            str(part)
            for part in (
                "scheduling:agenda",
                release.pk,
                stamp,
                latest.pk if latest else 0,
                get_language(),
                day,
                view,
                filters.track,
                filters.room or "",
                filters.format,
                filters.level,
            )
        )
        body = cache.get(key)
    if key is None or not _canonical(request, day=day, view=view, filters=filters):
        not_cacheable(request)
    if body is None:
        context = _agenda_context(
            request,
            conference=conference,
            programme=programme,
            release=release,
            latest=latest,
            version=version,
            preview=preview,
            form=form,
            filters=filters,
            entries=entries,
            day=day,
            view=view,
        )
        body = _agenda_body(
            request, context, keep=not preview and (not form.is_bound or form.is_valid())
        )
        if key:
            cache.set(key, body, EXPORT_CACHE_SECONDS)
    return _agenda_page(request, base=base, body=body, preview=preview)


def _agenda_body(request, context: dict, *, keep: bool) -> str:
    """_agenda_body.html, from a shell kept per programme and page (scheduling.fragments.
    kept_page) with holes for what a search changes: its words, the day counts, the query of
    the day and view links, and the joined grid or list. `keep` only for valid filters (an
    invalid form's widgets show what was sent)."""
    filters, days, query = context["filters"], context["days"], context["query"]
    release, latest, conference = context["release"], context["latest"], context["conference"]
    table = context["grid_table"] or context["agenda_list"]
    key = (
        "body",
        rendering_key(Context()),
        conference.pk,
        conference.slug,
        conference.timezone,
        release.pk if release else 0,
        latest.pk if latest else 0,
        context["version"],
        context["day"],
        context["view"],
        bool(context["grid"]),
        bool(table),
        filters.track,
        filters.room,
        filters.format,
        filters.level,
        bool(filters.search),
    )
    values = {"q": filters.search, "query": query, "table": table}
    values.update((f"n{index}", count) for index, (_day, count) in enumerate(days))

    def shell(value) -> str:
        holes = {
            "filters": replace(filters, search=value("q")) if filters.search else filters,
            "query": value("query") if query else "",
            "days": [(day, value(f"n{index}")) for index, (day, _count) in enumerate(days)],
            "grid_table": value("table") if context["grid_table"] else "",
            "agenda_list": value("table") if context["agenda_list"] else "",
        }
        return render_to_string(
            "scheduling/_agenda_body.html", {**context, **holes}, request=request
        )

    return kept_page(context["programme"], key, shell, values, keep=keep)


def _agenda_page(request, *, base: dict, body: str, preview: bool) -> HttpResponse:
    """agenda.html around the body. Without messages and for anybody but the conference's
    team (whose pages have the organiser menu) it comes from a frame kept per conference,
    language, logged in or not and speaker or not (scheduling.fragments.kept_page), rendered
    for a stand-in visitor with holes for the body, the CSRF token, the page's address (the
    language switcher's `next`) and the user name; the frame holds nobody's own text."""
    context = {**base, "body": mark_safe(body), "preview": preview}  # our own template's output
    user = request.user
    conference = base["conference"]
    if (
        preview
        or not fragments.KEEP_SHELLS
        or len(get_messages(request))
        or is_team_member(user, conference)
    ):
        return render(request, "scheduling/agenda.html", context)
    key = (
        "page",
        rendering_key(Context()),
        request.path,  # the stand-in's, though only the organiser menu reads it
        conference.pk,
        conference.slug,
        str(conference.local_name),
        user.is_authenticated,
        base["is_organiser"],
        base["is_speaker"],
    )

    def frame(value) -> str:
        visitor = HttpRequest()
        # The organiser menu asks the user's role (none: it is empty); the page shows only
        # whether they are logged in and their name (a hole).
        visitor.user = user if user.is_authenticated else AnonymousUser()
        visitor.path = visitor.path_info = request.path
        visitor.get_full_path = lambda: value("next")
        values = {}
        for processor in engines["django"].engine.template_context_processors:
            values.update(processor(visitor))
        values.update(context, body=value("body"), csrf_token=value("token"))
        if user.is_authenticated:
            values["user"] = SimpleNamespace(
                is_authenticated=True, is_anonymous=False, get_username=lambda: value("user")
            )
        return get_template("scheduling/agenda.html").template.render(Context(values))

    values = {
        "body": context["body"],
        "token": get_token(request),
        "next": request.get_full_path(),
        "user": user.get_username() if user.is_authenticated else "",
    }
    return HttpResponse(kept_page(None, key, frame, values))


def _agenda_context(
    request,
    *,
    conference,
    programme,
    release,
    latest,
    version,
    preview,
    form,
    filters,
    entries,
    day,
    view,
) -> dict:
    """The agenda body's context. The day's grid or list comes joined from the entries'
    fragments (scheduling.fragments), rendered once per programme: a searched or logged-in
    page, which is never stored whole, then costs its filter and the join."""
    links = {} if preview else page_templates(conference, version)
    starred = selectors.favourite_ids(user=request.user, conference=conference)
    page = Page(
        programme=programme, request=request, links=links, starred=starred, keep=not preview
    )
    day_entries = programme.entries_on(day, entries) if day else []
    grid = programme.grid(day, day_entries) if day and view == "grid" else []
    return {
        "conference": conference,
        "programme": programme,
        "release": release,
        "latest": latest,
        "version": version,
        "preview": preview,
        "form": form,
        "widgets": filter_widgets(programme, form, keep=not preview)
        or {name: form[name] for name in FILTER_FIELDS},
        "filters": filters,
        "day": day,
        "days": programme.day_counts(entries),
        "view": view,
        "entries": day_entries,
        "grid": grid,
        "grid_table": grid_table(grid, programme.rooms, page=page) if grid else "",
        "agenda_list": agenda_list(day_entries, page=page) if view == "list" else "",
        "rooms": programme.rooms,
        "starred": starred,
        "query": _filter_query(filters),
        **links,
    }


@conference_view()
def track_css(request, conference):
    """Each track's colour as a class (.track-<id>), so pages need no inline styles."""
    rules = [
        f".track-{track.pk} {{ --track: {track.colour}; }}"
        for track in conference.tracks.all()
        if HEX_COLOUR.match(track.colour)
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


def _canonical(request, *, day, view: str, filters: Filters) -> bool:
    """Whether each parameter of the query with a value is one the page took as it is (a
    day of the programme, a view, valid filters), so the whole page may be kept for it:
    `?utm=1` or `?day=1999-01-01` are answered, not stored."""
    taken = {
        "day": day.isoformat() if day else "",
        "view": view,
        "track": filters.track,
        "room": str(filters.room or ""),
        "format": filters.format,
        "level": filters.level,
    }
    for name, values in request.GET.lists():
        given = [value for value in values if value]
        if given and (len(given) > 1 or taken.get(name) != given[0]):
            return False
    return True


def _filter_query(filters: Filters) -> str:
    """The valid filters as a query string, for the day and view links."""
    values = {
        "q": filters.search,
        "track": filters.track,
        "room": filters.room or "",
        "format": filters.format,
        "level": filters.level,
    }
    return urlencode({key: value for key, value in values.items() if value})


def _published_talk(*, conference, pk: int, version: str | None):
    release, _programme = required_programme(conference=conference, version=version)
    programme = live_programme(release)
    entry = programme.talks.get(pk)
    if entry is None:
        raise Http404(_("This talk is not on the agenda."))
    return release, programme, entry


@conference_view()
def talk(request, conference, pk, version=None):
    release, programme, entry = _published_talk(conference=conference, pk=pk, version=version)
    return render(
        request,
        "scheduling/talk.html",
        {
            "conference": conference,
            "programme": programme,
            "release": release,
            "version": version,
            "entry": entry,
            "talk": entry.talk,
            "speakers": entry.talk.speakers,
            "starred": selectors.favourite_ids(user=request.user, conference=conference),
            "ics_url": release_page("talk_ics", conference, version, pk),
            "agenda_href": release_page("agenda", conference, version),
            **page_templates(conference, version),
        },
    )


@conference_view()
def speaker(request, conference, pk, version=None):
    """The one public page of a speaker (/speakers/<id>/ leads here): their profile as it is
    now, their talks on this release with day, time and room, and, on the latest release's
    page, their accepted talks that are not on the agenda yet. It exists before anything is
    published, as soon as a talk is accepted."""
    release = release_for(conference=conference, version=version)
    programme = live_programme(release) if release else None
    person = programme.speakers.get(pk) if programme else None
    entries = person.entries if person else []
    scheduled = {entry.talk.id for entry in entries}
    later = [] if version else public_talks_of(user_id=pk, conference=conference)
    later = [talk for talk in later if talk.pk not in scheduled]
    if not entries and not later:
        raise Http404(_("This speaker has no talk on the agenda."))
    profile = public_profiles(user_ids=[pk]).get(pk)
    if person is None:  # accepted, not on the agenda yet
        person = Speaker(
            id=pk,
            name=profile.name if profile else "",
            biography=profile.biography if profile else "",
            affiliation=profile.affiliation if profile else "",
        )
    return render(
        request,
        "scheduling/speaker.html",
        {
            "conference": conference,
            "programme": programme,
            "release": release,
            "version": version,
            "speaker": person,
            "profile": profile,
            "not_scheduled": later,
            "starred": selectors.favourite_ids(user=request.user, conference=conference),
            "agenda_href": release_page("agenda", conference, version),
            **page_templates(conference, version),
        },
    )


@conference_view()
def releases(request, conference):
    return render(
        request,
        "scheduling/releases.html",
        {
            "conference": conference,
            "releases": [
                (release, describe_changelog(changelog=release.changelog, tz=conference.tzinfo))
                for release in selectors.release_list(conference=conference)
            ],
            "is_organiser": can_edit_schedule(request.user, conference),
        },
    )


@conference_view()
def export(request, conference, kind, version=None):
    """schedule.json, schedule.xml or schedule.ics of a release (the latest without a version).

    The same for everybody (scheduling.middleware keeps it whole); a client that has this
    one gets a 304."""
    if kind not in EXPORTS:
        raise Http404
    not_modified = cacheable_page(request, conference_id=conference.pk, kind=kind)
    if not_modified is not None:
        not_modified["Access-Control-Allow-Origin"] = "*"
        return not_modified
    release = release_for(conference=conference, version=version)
    if release is None:
        raise Http404(_("No schedule is published yet."))
    response = HttpResponse(
        _export_body(request, conference=conference, release=release, kind=kind, version=version),
        content_type=EXPORTS[kind],
    )
    if kind != "json":
        response["Content-Disposition"] = (
            f'inline; filename="{conference.slug}-{release.version}.{kind}"'
        )
    # Media players, apps and other sites' widgets read these from their own origins.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _export_body(request, *, conference, release, kind: str, version) -> bytes:
    """The file, from the cache when this release was exported for this address before: a
    release never changes, and apps poll these files."""
    links = absolute_links(request, conference=conference, version=version)
    stamp = f"{release.published_at.timestamp():.6f}"
    key = f"scheduling:export:{release.pk}:{stamp}:{kind}:{get_language()}:{links.agenda_url}"
    body = cache.get(key)
    if body is not None:
        return body
    programme = programme_of(release)
    if kind == "json":
        body = frab.schedule_json(programme=programme, links=links)
    elif kind == "xml":
        body = frab.schedule_xml(programme=programme, links=links)
    else:
        body = ical.calendar_bytes(
            programme=programme,
            entries=programme.entries,
            links=links,
            name=f"{programme.name} ({release.version})",
            stamp=release.published_at,
            venue=programme.venue,
        )
    cache.set(key, body, EXPORT_CACHE_SECONDS)
    return body


@conference_view()
def talk_ics(request, conference, pk, version=None):
    release, programme, entry = _published_talk(conference=conference, pk=pk, version=version)
    body = ical.calendar_bytes(
        programme=programme,
        entries=[entry],
        links=absolute_links(request, conference=conference, version=version),
        name=entry.title,
        stamp=release.published_at,
        venue=programme.venue,
    )
    response = HttpResponse(body, content_type=EXPORTS["ics"])
    response["Content-Disposition"] = f'attachment; filename="talk-{pk}.ics"'
    return response
