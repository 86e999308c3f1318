"""The organisers' outbox: held messages to review, send or discard; everything else by status."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.mail import (
    discard_held_mail,
    mail_rate_per_minute,
    release_held_mail,
    resend_mail,
)
from conference.mail_selectors import (
    LISTED_STATUSES,
    held_groups,
    held_mail_list,
    outbox_mail,
    outbox_mail_list,
)
from conference.models import OutboxMail
from conference.outbox_forms import HeldMailForm
from conference.rules import is_organiser

PER_PAGE = 50


@conference_view(is_organiser)
def outbox(request, conference):
    status = request.GET.get("status", "")
    if status not in LISTED_STATUSES:
        status = ""
    held_page = Paginator(held_mail_list(conference=conference), PER_PAGE).get_page(
        request.GET.get("held_page")
    )
    mails = Paginator(outbox_mail_list(conference=conference, status=status), PER_PAGE).get_page(
        request.GET.get("page")
    )
    preview = None
    if request.GET.get("preview", "").isdigit():
        preview = outbox_mail(conference=conference, pk=int(request.GET["preview"]))
    elif held_page.object_list:
        preview = held_page.object_list[0]
    groups = held_groups(conference=conference)
    return render(
        request,
        "conference/outbox.html",
        {
            "conference": conference,
            "groups": groups,
            "held_total": sum(group.count for group in groups),
            "held_page": held_page,
            "held_rows": _with_group_headers(held_page.object_list, groups),
            "mails": mails,
            "preview": preview,
            "status": status,
            "statuses": [(value, OutboxMail.Status(value).label) for value in LISTED_STATUSES],
            "query": request.GET.urlencode(),
            "preview_query": _without_preview(request.GET),
            "rate": mail_rate_per_minute(),
            "is_organiser": True,
        },
    )


@require_POST
@conference_view(is_organiser)
def outbox_held(request, conference):
    form = HeldMailForm(request.POST, conference=conference)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_outbox_url(conference, request.POST.get("query", "")))
    action = form.cleaned_data["action"]
    scope = {}
    if action in HeldMailForm.SELECTED:
        scope["ids"] = [mail.pk for mail in form.cleaned_data["mail"]]
    elif form.cleaned_data["group"]:
        scope["reason"] = form.cleaned_data["group"]
    if action in HeldMailForm.SENDING:
        batch = release_held_mail(conference=conference, **scope)
        if not batch.count:
            messages.warning(request, _("Nothing was sent: no e-mail of these is held any more."))
        elif batch.later:
            messages.success(
                request,
                ngettext(
                    "%(count)d e-mail is queued: %(now)d now, the others over the next %(minutes)d "
                    "minutes (at most %(rate)d a minute).",
                    "%(count)d e-mails are queued: %(now)d now, the others over the next "
                    "%(minutes)d minutes (at most %(rate)d a minute).",
                    batch.count,
                )
                % {
                    "count": batch.count,
                    "now": batch.now,
                    "minutes": batch.minutes,
                    "rate": mail_rate_per_minute(),
                },
            )
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d e-mail is queued and goes out now.",
                    "%(count)d e-mails are queued and go out now.",
                    batch.count,
                )
                % {"count": batch.count},
            )
    else:
        count = discard_held_mail(conference=conference, **scope)
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d held e-mail is discarded: it stays in the outbox, never sent.",
                    "%(count)d held e-mails are discarded: they stay in the outbox, never sent.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.warning(
                request, _("Nothing was discarded: no e-mail of these is held any more.")
            )
    return redirect(_outbox_url(conference, form.cleaned_data["query"]))


@require_POST
@conference_view(is_organiser)
def outbox_resend(request, conference, pk):
    mail = get_object_or_404(conference.outbox, pk=pk)
    if resend_mail(mail=mail):
        messages.success(request, _("The e-mail to %(to)s is queued again.") % {"to": mail.to})
    else:
        messages.warning(request, _("Only a failed e-mail can be sent again."))
    return redirect("conference:outbox", slug=conference.slug)


def _with_group_headers(held, groups):
    """(group or None, mail) for each held message: the group where a new reason starts."""
    by_reason = {group.reason: group for group in groups}
    rows, last = [], None
    for mail in held:
        header = by_reason.get(mail.held_reason) if mail.held_reason != last else None
        rows.append((header, mail))
        last = mail.held_reason
    return rows


def _without_preview(params: QueryDict) -> str:
    params = params.copy()
    params.pop("preview", None)
    return params.urlencode()


def _outbox_url(conference, query: str) -> str:
    """The outbox page with the query it was on (parsed and re-encoded, so only a query), less
    the previewed message, which may have left the held list."""
    query = _without_preview(QueryDict(query))
    url = reverse("conference:outbox", args=[conference.slug])
    return f"{url}?{query}" if query else url
