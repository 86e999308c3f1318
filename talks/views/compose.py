"""Organisers write one e-mail to a group: preview first, then hold it or send it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from conference.access import conference_view
from conference.mail import mail_rate_per_minute
from conference.rules import is_organiser
from conference.setup.forms import add_service_errors
from talks.forms_mail import HOLD, ComposeForm
from talks.services import compose


@conference_view(is_organiser)
def mail_compose(request, conference):
    """GET: the empty form. POST "preview": the count and the first message. POST "queue":
    the messages stored, if the page showed the preview of exactly this group and text."""
    form = ComposeForm(request.POST or None, conference=conference)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        preview = compose.preview_group_mail(
            conference=conference, group=data["group"], subject=data["subject"], body=data["body"]
        )
        if request.POST.get("action") == "queue":
            if request.POST.get("previewed") != preview.fingerprint:
                form.add_error(
                    None,
                    _(
                        "The group or the text changed since the preview: check the preview "
                        "below, then queue again."
                    ),
                )
            else:
                try:
                    batch = compose.queue_group_mail(
                        conference=conference,
                        user=request.user,
                        group=data["group"],
                        subject=data["subject"],
                        body=data["body"],
                        hold=data["delivery"] == HOLD,
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _queued_message(batch, hold=data["delivery"] == HOLD))
                    return redirect("conference:outbox", slug=conference.slug)
    return render(
        request,
        "talks/mail_compose.html",
        {
            "conference": conference,
            "form": form,
            "preview": preview,
            "placeholders": [
                (
                    label,
                    [
                        ("{" + name + "}", help)
                        for name, help in compose.placeholders_for(family=family).items()
                    ],
                )
                for family, label in (
                    (compose.SPEAKERS, _("To speakers")),
                    (compose.TEAM, _("To the team")),
                    (compose.ATTENDEES, _("To attendees")),
                )
            ],
            "rate": mail_rate_per_minute(),
            "is_organiser": True,
        },
        status=400 if form.errors else 200,
    )


def _queued_message(batch, *, hold: bool) -> str:
    if hold:
        return ngettext(
            "%(count)d e-mail is held in the outbox: review it and send it from here.",
            "%(count)d e-mails are held in the outbox: review them and send them from here.",
            batch.count,
        ) % {"count": batch.count}
    if not batch.later:
        return ngettext(
            "%(count)d e-mail is queued and goes out now.",
            "%(count)d e-mails are queued and go out now.",
            batch.count,
        ) % {"count": batch.count}
    return _(
        "%(count)d e-mails are queued: %(now)d now, the others over the next %(minutes)d minutes."
    ) % {"count": batch.count, "now": batch.now, "minutes": batch.minutes}
