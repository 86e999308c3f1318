"""The e-mails of attendee registration, written from text templates into the outbox."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conference.links import absolute_url
from conference.mail import queue_mail
from conference.models import OutboxMail, Registration
from conference.registration.ticket import ticket_filename, ticket_pdf

# The registration form sends a known address its link at most this often
# (services.RESEND_INTERVAL; services imports this module, so the figure lives here).
RESEND_MINUTES = 2

SUBJECTS = {
    "confirm": _("%(conference)s: please confirm your registration"),
    "confirmed": _("%(conference)s: your registration is confirmed"),
    "waitlisted": _("%(conference)s: you are on the waiting list"),
    "promoted": _("%(conference)s: a seat is yours"),
    "cancelled": _("%(conference)s: your registration is cancelled"),
    "resend": _("%(conference)s: the link to your registration"),
}


def queue_registration_mail(
    *, registration: Registration, kind: str, again: bool = False
) -> OutboxMail:
    """Queue one of the registration e-mails (`kind` is a key of SUBJECTS) to the attendee;
    `again`: the address was registered already and somebody used the form once more.

    Side effects: one OutboxMail row, sent after commit.
    """
    conference = registration.conference
    context = {
        "registration": registration,
        "conference": conference,
        "manage_url": absolute_url(registration.get_manage_url()),
        "expires_at": registration.link_expires_at(),
        "ticket_url": absolute_url(
            reverse("registrations:ticket", args=[registration.manage_token])
        ),
        "again": again,
        "resend_minutes": RESEND_MINUTES,
    }
    return queue_mail(
        to=registration.email,
        subject=SUBJECTS[kind] % {"conference": conference.name},
        body=render_to_string(f"conference/registration/email/{kind}.txt", context),
        conference=conference,
        kind=f"registration.{kind}",
    )


# The e-mails that carry the PDF ticket, made when the e-mail is sent (conference.mail).
TICKET_KINDS = {"registration.confirmed", "registration.promoted", "registration.resend"}


def registration_attachments(*, mail: OutboxMail) -> list[tuple[str, bytes, str]]:
    """[(filename, content, mimetype)] to attach to a registration e-mail: the ticket of the
    address's registration while it holds a seat (an address has one active registration per
    conference), made as the registration is now (a changed name shows)."""
    if mail.kind not in TICKET_KINDS or mail.conference_id is None:
        return []
    registration = (
        Registration.objects.select_related("conference", "ticket_type")
        .filter(conference_id=mail.conference_id, email=mail.to, state__in=Registration.SEAT_STATES)
        .first()
    )
    if registration is None:
        return []
    return [
        (ticket_filename(registration), ticket_pdf(registration=registration), "application/pdf")
    ]
