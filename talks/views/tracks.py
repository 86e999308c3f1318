"""The team's track-suggestion review queue: confirm, override, bulk-confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.rules import is_organiser, is_team_member
from conference.selectors import track_list
from talks import selectors, services
from talks.forms import BulkConfirmForm, QueueFilterForm, TrackChoiceForm
from talks.rules import review_track_ids


@conference_view(is_team_member)
def track_review_queue(request, conference):
    tracks = list(track_list(conference=conference))
    filter_form = QueueFilterForm(request.GET or None, conference=conference, tracks=tracks)
    organiser = is_organiser(request.user, conference)
    cfp = selectors.cfp_settings_for(conference=conference)
    return render(
        request,
        "talks/track_review_queue.html",
        {
            "conference": conference,
            "submissions": selectors.track_review_queue(
                conference=conference, user=request.user, **filter_form.filters()
            ),
            "tracks": tracks,
            "filter_form": filter_form,
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
    return redirect("talks:track_review_queue", slug=conference.slug)


@conference_view(is_organiser)
@require_POST
def track_bulk_confirm(request, conference):
    form = BulkConfirmForm(request.POST, conference=conference, tracks=[])
    if form.is_valid():
        try:
            count = services.bulk_confirm_suggestions(
                conference=conference,
                min_confidence=form.cleaned_data["min_confidence"] / 100,
                track=form.cleaned_data["track"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(count)s suggestions at or above %(percent)s%% are confirmed.")
                % {"count": count, "percent": form.cleaned_data["min_confidence"]},
            )
    else:
        messages.error(request, _("Pick a confidence from 0 to 100%."))
    return redirect("talks:track_review_queue", slug=conference.slug)
