"""The decision log: the bulk decisions made from the team's lists, each with its undo."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from conference.access import conference_view
from conference.rules import is_organiser
from talks import selectors, services
from talks.views.lists import PREVIEW_ROWS


@conference_view(is_organiser)
def decision_log(request, conference):
    page = Paginator(selectors.decision_log(conference=conference), selectors.PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "talks/decision_log.html",
        {
            "conference": conference,
            "page": page,
            "decisions": page.object_list,
            "is_organiser": True,
        },
    )


@conference_view(is_organiser)
def decision_undo(request, conference, pk):
    """GET: what the undo will put back and discard (its confirmation step); POST: undo."""
    decision = selectors.decision_for_undo(conference=conference, pk=pk)
    log_url = reverse("talks:decision_log", args=[conference.slug])
    if decision.undone_at:
        messages.error(request, _("That decision was undone already."))
        return redirect(log_url)
    if request.method == "POST":
        try:
            undone = services.undo_decision(decision=decision, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(log_url)
        messages.success(
            request,
            _("Undone: %(count)s submissions are back as they were.") % {"count": undone.restored},
        )
        if undone.mails_discarded:
            messages.info(
                request,
                _("%(count)s held e-mails were discarded.") % {"count": undone.mails_discarded},
            )
        if undone.mails_gone:
            messages.warning(
                request,
                _("%(count)s e-mails had already left the outbox: those speakers were told.")
                % {"count": undone.mails_gone},
            )
        if undone.skipped:
            messages.warning(
                request,
                _("Changed since, so left as they are: %(titles)s")
                % {"titles": ", ".join(f"“{title}”" for title in undone.skipped)},
            )
        return redirect(log_url)
    preview = selectors.decision_undo_preview(decision=decision)
    count = preview["restorable"]
    return render(
        request,
        "talks/bulk_confirm.html",
        {
            "conference": conference,
            "title": _("Undo “%(what)s” of %(date)s?")
            % {
                "what": decision.description,
                "date": date_format(localtime(decision.created_at), "DATETIME_FORMAT"),
            },
            "count": count,
            "rows": preview["rows"][:PREVIEW_ROWS],
            "more": max(len(preview["rows"]) - PREVIEW_ROWS, 0),
            "undo_mails": preview["held"],
            "undo_mails_gone": preview["gone"],
            "action_url": reverse("talks:decision_undo", args=[conference.slug, decision.pk]),
            "hidden": [],
            "submit_label": _("Undo it for %(count)s submissions") % {"count": count},
            "cancel_url": log_url,
        },
    )


def _when(decision) -> str:
    return date_format(localtime(decision.created_at), "DATETIME_FORMAT")
