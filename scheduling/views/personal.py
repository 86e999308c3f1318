"""Attendees' own agenda: stars, "My agenda", the secret calendar feed; speakers' own talks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from conference.access import conference_view
from scheduling import selectors, services
from scheduling.exports import ical
from scheduling.links import absolute_links, page_templates, release_page
from scheduling.views.common import programme_of
from scheduling.views.public import live_programme
from talks.selectors import submission_list_for_speaker


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@conference_view()
def star(request, conference, pk):
    """Star or unstar a talk: a form POST (the page comes back) or fetch (JSON comes back).

    Without an account the stars live in the browser (static/scheduling/js/stars.js); without
    JavaScript either, the button leads to the log-in page."""
    talk_page = release_page("talk", conference, None, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(talk_page)
    if request.method != "POST":
        return redirect(talk_page)
    starred = request.POST.get("starred", "1") == "1"
    try:
        starred = services.set_favourite(
            user=request.user, conference=conference, submission_id=pk, starred=starred
        )
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"detail": " ".join(error.messages)}, status=404)
        raise Http404(" ".join(error.messages)) from None
    if _wants_json(request):
        return JsonResponse({"talk": pk, "starred": starred})
    if starred:
        messages.success(request, _("Starred: it is in your agenda."))
    else:
        messages.success(request, _("Removed from your agenda."))
    return redirect(_safe_next(request, talk_page))


@conference_view()
def my_agenda(request, conference):
    release = selectors.latest_release(conference=conference)
    programme = live_programme(release) if release else None
    starred = selectors.favourite_ids(user=request.user, conference=conference)
    feed_url = None
    if request.user.is_authenticated and programme is not None:
        feed = services.calendar_feed_for(user=request.user)
        feed_url = request.build_absolute_uri(
            reverse("scheduling:feed", args=[conference.slug, feed.token])
        )
    entries = programme.entries if programme else []
    return render(
        request,
        "scheduling/my_agenda.html",
        {
            "conference": conference,
            "programme": programme,
            "release": release,
            # Logged in: the starred talks. Anonymous: every talk, shown by stars.js from
            # localStorage (hidden without JavaScript).
            "entries": [
                e
                for e in entries
                if e.talk and (not request.user.is_authenticated or e.talk.id in starred)
            ],
            "starred": starred,
            "feed_url": feed_url,
            **page_templates(conference, None),
        },
    )


@login_required
@require_POST
@conference_view()
def stars_import(request, conference):
    """Keep the talks starred in this browser before logging in."""
    ids = [int(v) for v in request.POST.get("talks", "").split(",") if v.strip().isdigit()]
    added = services.import_favourites(user=request.user, conference=conference, submission_ids=ids)
    messages.success(
        request,
        ngettext(
            "%(count)s talk added to your agenda.", "%(count)s talks added to your agenda.", added
        )
        % {"count": added},
    )
    return redirect("scheduling:my_agenda", conference.slug)


@login_required
@require_POST
@conference_view()
def calendar_feed_reset(request, conference):
    services.reset_calendar_feed(user=request.user)
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("scheduling:my_agenda", conference.slug)


@conference_view()
def calendar_feed(request, conference, token):
    """The starred talks of the latest release as iCal, for whoever holds the secret address."""
    user = selectors.calendar_feed_user(token=token)
    if user is None:
        raise Http404
    release = selectors.latest_release(conference=conference)
    if release is None:
        raise Http404(_("No schedule is published yet."))
    programme = programme_of(release)
    starred = selectors.favourite_ids(user=user, conference=conference)
    body = ical.calendar_bytes(
        programme=programme,
        entries=[e for e in programme.entries if e.talk and e.talk.id in starred],
        links=absolute_links(request, conference=conference, version=None),
        name=_("My agenda: %(conference)s") % {"conference": programme.name},
        stamp=release.published_at,
        venue=programme.venue,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # A secret address: keep it out of shared caches and referrers.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@conference_view()
def my_talks_ics(request, conference):
    """The speaker's own talks on the latest release, as an iCal file (their session is the key:
    it is a download from My submissions, not a feed to subscribe to)."""
    release = selectors.latest_release(conference=conference)
    if release is None:
        raise Http404(_("No schedule is published yet."))
    programme = programme_of(release)
    # Their talks as they are now (a co-speaker who joined after the release counts too).
    mine = set(
        submission_list_for_speaker(conference=conference, user=request.user).values_list(
            "pk", flat=True
        )
    )
    body = ical.calendar_bytes(
        programme=programme,
        entries=[e for e in programme.entries if e.talk and e.talk.id in mine],
        links=absolute_links(request, conference=conference, version=None),
        name=_("My talks: %(conference)s") % {"conference": programme.name},
        stamp=release.published_at,
        venue=programme.venue,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{conference.slug}-my-talks.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
