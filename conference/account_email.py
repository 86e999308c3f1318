"""Confirming an account's e-mail address, at sign-up and when the person changes it.

A link carries the account and the address, signed with a timestamp (django.core.signing), so
nothing secret is stored and it expires after CONFIRM_MAX_AGE. It confirms its address only
while that address is still the account's own (at sign-up) or the one it asked for (a change):
a later change makes older links stale.

An unconfirmed account works as before (it logs in, submits, registers, accepts invitations);
it is reminded at each log-in and on the account page, where it can have the link sent again.
A new address takes effect only once its link is followed; until then mail goes to the old one.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.links import absolute_url
from conference.mail import queue_mail
from conference.models import AccountEmail

CONFIRM_MAX_AGE = timedelta(days=3)
# "Send the link again" waits this long after the last link, so nobody floods a mailbox.
RESEND_AFTER = timedelta(minutes=1)
SALT = "conference.account_email"
CONFIRM = "registration/email/confirm.txt"
CHANGE = "registration/email/change.txt"


class LinkError(Exception):
    """A confirmation link that confirms nothing; the message says why, for the person."""


@dataclass(frozen=True)
class Confirmed:
    user: object
    email: str
    # "confirmed": the account's address; "changed": the new address replaced the old one;
    # "already": the link was followed before.
    outcome: str


def confirmation_link(*, user, email: str) -> str:
    token = signing.TimestampSigner(salt=SALT).sign_object({"u": user.pk, "e": email})
    return absolute_url(reverse("email_confirm", args=[token]))


def email_is_confirmed(*, user) -> bool:
    """True unless the account signed up here (or asked for a new address) and its current
    address has not been confirmed. Accounts without an AccountEmail count as confirmed."""
    state = AccountEmail.objects.filter(user=user).first()
    return state is None or state.confirms(user.email)


def address_is_taken(*, email: str, user=None) -> bool:
    """True if another account uses `email` already, in any case."""
    others = get_user_model()._default_manager.filter(email__iexact=email.strip())
    if user is not None:
        others = others.exclude(pk=user.pk)
    return others.exists()


def start_confirmation(*, user) -> None:
    """At sign-up: the address is unconfirmed until its link is followed.

    Side effects: an AccountEmail row; one OutboxMail with the link.
    """
    AccountEmail.objects.update_or_create(
        user=user, defaults={"confirmed_email": "", "confirmed_at": None, "pending_email": ""}
    )
    _queue_link(user=user, email=user.email, template=CONFIRM)


def send_link_again(*, user, new_address: bool) -> str:
    """Send the link for the account's unconfirmed address, or for the new address it asked
    for (`new_address`). Returns "sent", "wait" (one went out less than RESEND_AFTER ago) or
    "nothing" (no such address waits for confirmation).

    Side effects: AccountEmail.link_sent_at; one OutboxMail.
    """
    with transaction.atomic():
        state = AccountEmail.objects.select_for_update().filter(user=user).first()
        if state is None:
            return "nothing"
        email = state.pending_email if new_address else user.email
        if not email or (not new_address and state.confirms(email)):
            return "nothing"
        if state.link_sent_at and timezone.now() - state.link_sent_at < RESEND_AFTER:
            return "wait"
        _queue_link(user=user, email=email, template=CHANGE if new_address else CONFIRM)
    return "sent"


@transaction.atomic
def request_email_change(*, user, email: str) -> None:
    """Ask for a new address: it replaces the account's only once its link is followed.

    Raises ValidationError if another account uses it. Side effects: AccountEmail (created
    for an account without one, its current address counted as confirmed) with the pending
    address; one OutboxMail with the link to the new address.
    """
    email = email.strip()
    if address_is_taken(email=email, user=user):
        raise ValidationError(_("Another account uses this address."), code="taken")
    state, created = AccountEmail.objects.select_for_update().get_or_create(
        user=user,
        defaults={"confirmed_email": user.email, "confirmed_at": timezone.now()},
    )
    state.pending_email = email
    state.save(update_fields=["pending_email"])
    _queue_link(user=user, email=email, template=CHANGE)


def cancel_email_change(*, user) -> None:
    """Forget the new address; its link stops working. Side effects: AccountEmail.pending_email."""
    AccountEmail.objects.filter(user=user).update(pending_email="")


def mark_confirmed(*, user) -> None:
    """The person proved they read mail at the account's address (a password reset link).

    Side effects: AccountEmail.confirmed_email, where there is one.
    """
    AccountEmail.objects.filter(user=user).update(
        confirmed_email=user.email, confirmed_at=timezone.now()
    )


@transaction.atomic
def confirm_email(*, token: str) -> Confirmed:
    """Follow a link. Raises LinkError for a link that is forged, expired, stale, of a closed
    account, or for an address another account took meanwhile.

    Side effects: AccountEmail confirmed; for a change, user.email replaced and a notice
    queued to the old address.
    """
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkError(_("This link has expired. Log in and have a new one sent.")) from None
    except signing.BadSignature:
        raise LinkError(_("This link is not valid. Copy the whole link from the e-mail.")) from None
    user = (
        get_user_model()
        ._default_manager.select_for_update()
        .filter(pk=data.get("u"), is_active=True)
        .first()
    )
    email = data.get("e") or ""
    if user is None:
        raise LinkError(_("This link belongs to an account that is closed."))
    state, _created = AccountEmail.objects.select_for_update().get_or_create(user=user)
    if state.pending_email and state.pending_email.lower() == email.lower():
        if address_is_taken(email=email, user=user):
            raise LinkError(_("Another account uses %(email)s meanwhile.") % {"email": email})
        old = user.email
        user.email = state.pending_email
        user.save(update_fields=["email"])
        state.confirmed_email, state.confirmed_at = user.email, timezone.now()
        state.pending_email = ""
        state.save(update_fields=["confirmed_email", "confirmed_at", "pending_email"])
        if old:
            _queue_changed_notice(user=user, old=old)
        return Confirmed(user=user, email=user.email, outcome="changed")
    if user.email and user.email.lower() == email.lower():
        if state.confirms(email):
            return Confirmed(user=user, email=user.email, outcome="already")
        state.confirmed_email, state.confirmed_at = user.email, timezone.now()
        state.save(update_fields=["confirmed_email", "confirmed_at"])
        return Confirmed(user=user, email=user.email, outcome="confirmed")
    raise LinkError(
        _("This link is for an address that no longer waits for confirmation (%(email)s).")
        % {"email": email}
    )


def _queue_link(*, user, email: str, template: str) -> None:
    context = {
        "user": user,
        "email": email,
        "link": confirmation_link(user=user, email=email),
        "days": CONFIRM_MAX_AGE.days,
        "account_url": absolute_url(reverse("account")),
    }
    queue_mail(
        to=email,
        subject=_("Confirm your e-mail address"),
        body=render_to_string(template, context),
        kind="account.confirm",
    )
    AccountEmail.objects.filter(user=user).update(link_sent_at=timezone.now())


def _queue_changed_notice(*, user, old: str) -> None:
    context = {
        "user": user,
        "old": old,
        "new": user.email,
        "login_url": absolute_url(reverse("login")),
    }
    queue_mail(
        to=old,
        subject=_("Your e-mail address was changed"),
        body=render_to_string("registration/email/changed.txt", context),
        kind="account.email_changed",
    )
