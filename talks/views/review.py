"""The team's list of submissions and its bulk decisions (with a confirmation step)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.rules import is_organiser, is_team_member
from conference.selectors import track_list
from talks import selectors, services
from talks.enums import State
from talks.forms import BulkDecisionForm, ReviewFilterForm
from talks.rules import sees_speaker_identities
from talks.views.lists import PREVIEW_ROWS, list_query

# "accepted" → the words of the confirmation step.
CONFIRM_LABELS = {
    State.ACCEPTED: gettext_lazy("Accept %(count)s submissions"),
    State.REJECTED: gettext_lazy("Reject %(count)s submissions"),
}


@conference_view(is_team_member)
def review_list(request, conference):
    tracks = list(track_list(conference=conference))
    filter_form = ReviewFilterForm(request.GET or None, conference=conference, tracks=tracks)
    page = selectors.review_list_page(
        conference=conference,
        user=request.user,
        page=request.GET.get("page"),
        **filter_form.filters(),
    )
    organiser = is_organiser(request.user, conference)
    return render(
        request,
        "talks/review_list.html",
        {
            "conference": conference,
            "page": page,
            "submissions": page.object_list,
            "filter_form": filter_form,
            "filters": list_query(request.GET),
            "is_organiser": organiser,
            "show_speakers": sees_speaker_identities(request.user, conference),
            "bulk_form": BulkDecisionForm(conference=conference) if organiser else None,
        },
    )


@conference_view(is_organiser)
@require_POST
def bulk_decide(request, conference):
    """Step one: count what the ticked (or all matching) submissions are and say what the
    decision will do; step two ("confirm", with the ids counted): decide, e-mails held."""
    form = BulkDecisionForm(request.POST, conference=conference)
    back = _list_url(conference, request.POST.get("filters", ""))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    to_state = data["action"]
    if "confirm" not in request.POST:
        return _confirmation(request, conference, data, back)
    submissions = list(
        conference.submissions.sent_in()
        .filter(pk__in=data["ids"])
        .select_related("conference", "track")
        .order_by("pk")
    )
    if len(submissions) != len(data["ids"]):
        messages.error(request, _("Some of these submissions are gone; nothing was changed."))
        return redirect(back)
    try:
        decision = services.decide_submissions(
            conference=conference, submissions=submissions, to_state=to_state, user=request.user
        )
    except ValidationError as error:
        messages.error(request, _("Nothing was changed:"))
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(count)s submissions are now %(state)s.")
            % {"count": decision.count, "state": State(to_state).label.lower()},
        )
        messages.info(
            request,
            _(
                "Their e-mails wait in the outbox until you release them; the decision log "
                "can undo the decision."
            ),
        )
    return redirect(back)


def _confirmation(request, conference, data, back: str):
    to_state = data["action"]
    if data["select_all"]:
        filter_form = ReviewFilterForm(
            QueryDict(data["filters"]),
            conference=conference,
            tracks=list(track_list(conference=conference)),
        )
        ids = selectors.review_list_ids(
            conference=conference, user=request.user, **filter_form.filters()
        )
    elif data["submissions"]:
        ids = [submission.pk for submission in data["submissions"]]
    else:
        ids = data["ids"]
    chosen = selectors.decision_preview(conference=conference, submission_ids=ids)
    able = [s for s in chosen if services.TRANSITIONS.get((s.state, to_state))]
    left_out = [s for s in chosen if s not in able]
    if not able:
        messages.error(
            request,
            _("None of these submissions can become %(state)s.")
            % {"state": State(to_state).label.lower()},
        )
        return redirect(back)
    count = len(able)
    return render(
        request,
        "talks/bulk_confirm.html",
        {
            "conference": conference,
            "title": CONFIRM_LABELS[to_state] % {"count": count} + "?",
            "count": count,
            "rows": [(s.title, s.get_state_display()) for s in able[:PREVIEW_ROWS]],
            "more": max(count - PREVIEW_ROWS, 0),
            "left_out": [(s.title, s.get_state_display()) for s in left_out[:PREVIEW_ROWS]],
            "left_out_count": len(left_out),
            "mails": selectors.speaker_mail_count(submission_ids=[s.pk for s in able]),
            "hold_mail": True,
            "action_url": reverse("talks:bulk_decide", args=[conference.slug]),
            "hidden": [
                ("action", to_state),
                ("ids", ",".join(str(s.pk) for s in able)),
                ("filters", data["filters"]),
            ],
            "submit_label": CONFIRM_LABELS[to_state] % {"count": count},
            "cancel_url": back,
        },
    )


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
