"""The team's list of submissions and its bulk decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.rules import is_organiser, is_team_member
from conference.selectors import track_list
from talks import selectors, services
from talks.enums import State
from talks.forms import BulkDecisionForm, ReviewFilterForm
from talks.rules import (
    sees_speaker_identities,
)


@conference_view(is_team_member)
def review_list(request, conference):
    tracks = list(track_list(conference=conference))
    filter_form = ReviewFilterForm(request.GET or None, conference=conference, tracks=tracks)
    submissions = selectors.review_list(
        conference=conference, user=request.user, **filter_form.filters()
    )
    organiser = is_organiser(request.user, conference)
    return render(
        request,
        "talks/review_list.html",
        {
            "conference": conference,
            "submissions": submissions,
            "filter_form": filter_form,
            "is_organiser": organiser,
            "show_speakers": sees_speaker_identities(request.user, conference),
            "bulk_form": BulkDecisionForm(conference=conference) if organiser else None,
        },
    )


@conference_view(is_organiser)
@require_POST
def bulk_decide(request, conference):
    form = BulkDecisionForm(request.POST, conference=conference)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("talks:review_list", slug=conference.slug)
    to_state = form.cleaned_data["action"]
    try:
        changed = services.bulk_change_state(
            submissions=form.cleaned_data["submissions"], to_state=to_state, user=request.user
        )
    except ValidationError as error:
        messages.error(request, _("Nothing was changed:"))
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(count)s submissions are now %(state)s.")
            % {"count": len(changed), "state": State(to_state).label.lower()},
        )
    return redirect(_list_url(conference, request.POST.get("filters", "")))


def _list_url(conference, filters: str) -> str:
    """The list page with the filters it was on; parsed and re-encoded, so only a query."""
    query = QueryDict(filters).urlencode()
    url = reverse("talks:review_list", args=[conference.slug])
    return f"{url}?{query}" if query else url


@conference_view(is_organiser)
@require_POST
def send_reminders(request, conference):
    count = services.send_confirmation_reminders(conference=conference, user=request.user)
    messages.success(
        request, _("Reminders sent for %(count)s unconfirmed talks.") % {"count": count}
    )
    return redirect("talks:review_list", slug=conference.slug)
