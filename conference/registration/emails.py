"""The e-mails of attendee registration, written from text templates into the outbox."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from conference.mail import queue_mail
from conference.models import OutboxMail, Registration

SUBJECTS = {
    "confirm": _("%(conference)s: please confirm your registration"),
    "confirmed": _("%(conference)s: your registration is confirmed"),
    "waitlisted": _("%(conference)s: you are on the waiting list"),
    "promoted": _("%(conference)s: a seat is yours"),
    "cancelled": _("%(conference)s: your registration is cancelled"),
    "resend": _("%(conference)s: the link to your registration"),
}


def queue_registration_mail(*, registration: Registration, kind: str) -> OutboxMail:
    """Queue one of the registration e-mails (`kind` is a key of SUBJECTS) to the attendee.

    Side effects: one OutboxMail row, sent after commit.
    """
    conference = registration.conference
    context = {
        "registration": registration,
        "conference": conference,
        "manage_url": settings.SITE_URL + registration.get_manage_url(),
        "expires_at": registration.link_expires_at(),
    }
    return queue_mail(
        to=registration.email,
        subject=SUBJECTS[kind] % {"conference": conference.name},
        body=render_to_string(f"conference/registration/email/{kind}.txt", context),
        conference=conference,
        kind=f"registration.{kind}",
    )
