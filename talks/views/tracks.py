"""The team's track-suggestion review queue: confirm, override, undo, bulk-confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.rules import is_organiser, is_team_member
from conference.selectors import track_list
from talks import selectors, services
from talks.enums import DECIDED_TRACK_SOURCES
from talks.forms import BulkConfirmForm, QueueFilterForm, TrackChoiceForm
from talks.rules import review_track_ids
from talks.views.lists import PREVIEW_ROWS, list_query, url_with_query


@conference_view(is_team_member)
def track_review_queue(request, conference):
    tracks = list(track_list(conference=conference))
    filter_form = QueueFilterForm(request.GET or None, conference=conference, tracks=tracks)
    organiser = is_organiser(request.user, conference)
    cfp = selectors.cfp_settings_for(conference=conference)
    queue = selectors.track_review_queue(
        conference=conference, user=request.user, undecided_first=True, **filter_form.filters()
    )
    page = Paginator(queue, selectors.PER_PAGE).get_page(request.GET.get("page"))
    for submission in page.object_list:
        submission.decided_by_person = submission.track_source in DECIDED_TRACK_SOURCES
        # The override menu starts at the track it would keep: the decided one, else the
        # suggestion; with neither, at "pick a track" (Set then files nothing).
        submission.menu_track_id = submission.track_id or submission.suggested_track_id
    return render(
        request,
        "talks/track_review_queue.html",
        {
            "conference": conference,
            "page": page,
            "submissions": page.object_list,
            "tracks": tracks,
            "filter_form": filter_form,
            "filters": list_query(request.GET, without=()),
            "is_organiser": organiser,
            # A reviewer limited to no tracks sees nothing: say so rather than show an empty list.
            "no_review_tracks": not organiser
            and review_track_ids(request.user, conference) == frozenset(),
            "threshold": cfp.auto_assign_threshold,
            "bulk_form": BulkConfirmForm(
                conference=conference,
                tracks=tracks,
                initial={"min_confidence": round((cfp.auto_assign_threshold or 0.8) * 100)},
            )
            if organiser
            else None,
        },
    )


def _queue_url(conference, request) -> str:
    return url_with_query(
        reverse("talks:track_review_queue", args=[conference.slug]),
        request.POST.get("filters", ""),
    )


@conference_view(is_team_member)
@require_POST
def track_decide(request, conference, pk):
    submission = selectors.submission_for_review(conference=conference, pk=pk, user=request.user)
    form = TrackChoiceForm(request.POST, conference=conference)
    if form.is_valid():
        services.set_submission_track(
            submission=submission, track=form.cleaned_data["track"], user=request.user
        )
        messages.success(
            request,
            _("“%(title)s” is now in %(track)s.")
            % {"title": submission.title, "track": submission.track.name},
        )
    else:
        messages.error(request, _("Pick one of this conference's tracks."))
    return redirect(_queue_url(conference, request))


@conference_view(is_team_member)
@require_POST
def track_undo(request, conference, pk):
    """A decided row's "Undo": the track goes back to what it was before that decision."""
    submission = selectors.submission_for_review(conference=conference, pk=pk, user=request.user)
    if services.undo_track_decision(submission=submission, user=request.user):
        if submission.track_id:
            messages.success(
                request,
                _("“%(title)s” is back in %(track)s (%(source)s).")
                % {
                    "title": submission.title,
                    "track": submission.track.name,
                    "source": submission.get_track_source_display().lower(),
                },
            )
        else:
            messages.success(
                request, _("“%(title)s” is undecided again.") % {"title": submission.title}
            )
    else:
        messages.error(
            request, _("No person decided the track of “%(title)s”.") % {"title": submission.title}
        )
    return redirect(_queue_url(conference, request))


@conference_view(is_organiser)
@require_POST
def track_bulk_confirm(request, conference):
    """Step one: count the suggestions the confidence picks and list them; step two
    ("confirm", with the ids counted): confirm those still undecided."""
    tracks = list(track_list(conference=conference))
    form = BulkConfirmForm(request.POST, conference=conference, tracks=tracks)
    back = _queue_url(conference, request)
    if not form.is_valid():
        messages.error(request, _("Pick a confidence from 0 to 100%."))
        return redirect(back)
    percent = form.cleaned_data["min_confidence"]
    track = form.cleaned_data["track"]
    if "confirm" not in request.POST:
        chosen = list(
            selectors.suggestions_to_confirm(
                conference=conference, min_confidence=percent / 100, track=track
            ).select_related("suggested_track")
        )
        if not chosen:
            messages.info(
                request,
                _("No undecided suggestion is at or above %(percent)s%%.") % {"percent": percent},
            )
            return redirect(back)
        count = len(chosen)
        label = _("Confirm %(count)s suggested tracks") % {"count": count}
        return render(
            request,
            "talks/bulk_confirm.html",
            {
                "conference": conference,
                "title": label + "?",
                "count": count,
                "rows": [
                    (
                        s.title,
                        f"{s.suggested_track.name} · {round(s.suggested_confidence * 100)}%",
                    )
                    for s in chosen[:PREVIEW_ROWS]
                ],
                "more": max(count - PREVIEW_ROWS, 0),
                "action_url": reverse("talks:track_bulk_confirm", args=[conference.slug]),
                "hidden": [
                    ("min_confidence", percent),
                    ("track", track.pk if track else ""),
                    ("ids", ",".join(str(s.pk) for s in chosen)),
                    ("filters", request.POST.get("filters", "")),
                ],
                "submit_label": label,
                "cancel_url": back,
                "note": _(
                    "Tracks confirmed in bulk are marked “confirmed in bulk”: they count as "
                    "decided, but the model neither learns from them nor is measured on them "
                    "(they are its own suggestions, unseen). Confirm one by one to teach it."
                ),
            },
        )
    try:
        decision = services.confirm_suggestions(
            conference=conference,
            min_confidence=percent / 100,
            track=track,
            user=request.user,
            submission_ids=form.cleaned_data["ids"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(count)s suggestions at or above %(percent)s%% are confirmed.")
            % {"count": decision.count, "percent": percent},
        )
        skipped = len(form.cleaned_data["ids"]) - decision.count
        if skipped:
            messages.info(
                request,
                _("%(count)s were decided meanwhile and left as they are.") % {"count": skipped},
            )
    return redirect(back)
