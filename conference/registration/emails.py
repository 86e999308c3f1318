"""The e-mails of attendee registration, written from text templates into the outbox."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conference.mail import queue_mail
from conference.models import OutboxMail, Registration

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
        "manage_url": settings.SITE_URL + registration.get_manage_url(),
        "expires_at": registration.link_expires_at(),
        "ticket_url": settings.SITE_URL
        + reverse("registrations:ticket", args=[registration.manage_token]),
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
