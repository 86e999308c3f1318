"""Accounts (issue 15): e-mail confirmation, log in by e-mail, password reset and change, the
account page, and mail links built from the request when SITE_URL is unset."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail as django_mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conference.account import anonymise_user
from conference.account_email import start_confirmation
from conference.links import absolute_url
from conference.models import AccountEmail, OutboxMail
from tests.factories import PASSWORD, TicketTypeFactory, UserFactory

User = get_user_model()
NEW_PASSWORD = "a-brand-new-passphrase-77"
SIGNUP = {
    "username": "ada",
    "email": "Ada@Example.org",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "password1": "an-unusual-passphrase-42",
    "password2": "an-unusual-passphrase-42",
}


@pytest.fixture(autouse=True)
def no_site_url(settings):
    settings.SITE_URL = ""


def links_in(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def the_link(mail: OutboxMail, part: str) -> str:
    (link,) = [link for link in links_in(mail.body) if part in link]
    return path_of(link)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def ada(db):
    """Signed up here, address not yet confirmed; her confirmation mail is in the outbox."""
    user = UserFactory(username="ada", email="ada@example.org")
    start_confirmation(user=user)
    return user


def _log_in(client, login, password=PASSWORD):
    return client.post(reverse("login"), {"username": login, "password": password}, follow=True)


# Sign-up and confirmation -------------------------------------------------------------------


def test_signup_leaves_the_address_unconfirmed_and_mails_a_link(client, db):
    response = client.post(reverse("signup"), SIGNUP, follow=True)

    user = User.objects.get()
    assert messages_of(response) == [
        # Django lower-cases the domain of the address.
        "Welcome! Your account is ready. We sent a link to Ada@example.org: follow it within 3 "
        "days to confirm your address."
    ]
    assert AccountEmail.objects.get(user=user).confirmed_email == ""
    mail = OutboxMail.objects.get()
    assert (mail.to, mail.kind, mail.subject, mail.conference) == (
        "Ada@example.org",
        "account.confirm",
        "Confirm your e-mail address",
        None,
    )
    assert links_in(mail.body)[0].startswith("http://testserver/accounts/confirm/")
    assert django_mail.outbox == []


def test_signup_refuses_an_address_in_use_in_any_case(client, db):
    UserFactory(username="grace", email="ada@example.org")

    response = client.post(reverse("signup"), SIGNUP)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["An account with this address exists. Log in, or reset its password."]
    }
    assert User.objects.count() == 1


def test_confirm_link_confirms_the_address(client, ada):
    link = the_link(OutboxMail.objects.get(), "/accounts/confirm/")

    response = client.get(link)

    assert response.status_code == 200
    assert "Thank you: ada@example.org is confirmed." in response.content.decode()
    assert AccountEmail.objects.get(user=ada).confirmed_email == "ada@example.org"


def test_confirm_link_followed_again_says_so(client, ada):
    link = the_link(OutboxMail.objects.get(), "/accounts/confirm/")
    client.get(link)

    response = client.get(link)

    assert response.status_code == 200
    assert "ada@example.org was confirmed before" in response.content.decode()


def test_confirm_link_expires_after_three_days(client, ada):
    link = the_link(OutboxMail.objects.get(), "/accounts/confirm/")
    later = time.time() + timedelta(days=3, minutes=1).total_seconds()

    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(link)

    assert response.status_code == 400
    assert "This link has expired. Log in and have a new one sent." in response.content.decode()
    assert AccountEmail.objects.get(user=ada).confirmed_email == ""


def test_confirm_link_tampered_is_refused(client, ada):
    link = the_link(OutboxMail.objects.get(), "/accounts/confirm/")

    response = client.get(link[:-3] + "xx/")

    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()


def test_confirm_link_of_an_address_replaced_since_is_stale(client, ada):
    link = the_link(OutboxMail.objects.get(), "/accounts/confirm/")
    User.objects.filter(pk=ada.pk).update(email="ada@elsewhere.org")

    response = client.get(link)

    assert response.status_code == 400
    assert "no longer waits for confirmation (ada@example.org)" in response.content.decode()
    assert AccountEmail.objects.get(user=ada).confirmed_email == ""


def test_anonymise_user_deletes_the_address_state(ada):
    anonymise_user(user=ada)

    assert AccountEmail.objects.filter(user=ada).exists() is False


# Logging in ---------------------------------------------------------------------------------


def test_login_by_email_in_any_case(client, db):
    grace = UserFactory(username="grace", email="grace@example.org")

    response = _log_in(client, "GRACE@example.ORG")

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert client.session["_auth_user_id"] == str(grace.pk)
    assert messages_of(response) == []


def test_login_by_username_still_works(client, db):
    grace = UserFactory(username="grace")

    _log_in(client, "grace")

    assert client.session["_auth_user_id"] == str(grace.pk)


def test_login_by_email_with_a_wrong_password_fails(client, db):
    UserFactory(username="grace", email="grace@example.org")

    response = _log_in(client, "grace@example.org", "not-it")

    assert response.context["form"].non_field_errors() == [
        "That user name or e-mail address and password do not match an account. Both fields "
        "may be case-sensitive."
    ]
    assert "_auth_user_id" not in client.session


def test_login_by_an_email_shared_by_two_accounts_is_refused(client, db):
    UserFactory(username="grace", email="shared@example.org")
    UserFactory(username="grace2", email="Shared@example.org")

    response = _log_in(client, "shared@example.org")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "More than one account uses this e-mail address: log in with your user name."
    ]
    assert "_auth_user_id" not in client.session


def test_login_by_username_works_when_the_email_is_shared(client, db):
    UserFactory(username="grace", email="shared@example.org")
    other = UserFactory(username="grace2", email="shared@example.org")

    _log_in(client, "grace2")

    assert client.session["_auth_user_id"] == str(other.pk)


def test_login_by_email_ignores_a_closed_account_with_that_address(client, db):
    UserFactory(username="old", email="grace@example.org", is_active=False)
    grace = UserFactory(username="grace", email="grace@example.org")

    _log_in(client, "grace@example.org")

    assert client.session["_auth_user_id"] == str(grace.pk)


def test_login_with_an_unconfirmed_address_reminds_and_links_the_account_page(client, ada):
    response = _log_in(client, "ada@example.org")

    assert client.session["_auth_user_id"] == str(ada.pk)
    assert messages_of(response) == [
        "Please confirm your address ada@example.org: follow the link we sent to it. "
        '<a href="/accounts/">Send the link again</a>'
    ]
    # The link survives the message storage as HTML (format_html escapes the text).
    assert '<a href="/accounts/">Send the link again</a>' in response.content.decode()


def test_login_page_links_the_password_reset(client, db):
    response = client.get(reverse("login"))

    assert '<a href="/accounts/password/reset/">Forgot your password?</a>' in (
        response.content.decode()
    )


# Password reset -----------------------------------------------------------------------------


def test_password_reset_queues_its_mail_in_the_outbox(client, db):
    UserFactory(username="grace", email="grace@example.org")

    response = client.post(reverse("password_reset"), {"email": "Grace@Example.org"})

    assert response["Location"] == reverse("password_reset_done")
    mail = OutboxMail.objects.get()
    assert (mail.to, mail.kind, mail.subject, mail.status) == (
        "grace@example.org",
        "account.password_reset",
        "Reset your password",
        "queued",
    )
    assert "The link works once, for 3 days." in mail.body
    assert links_in(mail.body)[0].startswith("http://testserver/accounts/password/reset/")
    assert django_mail.outbox == []


def test_password_reset_for_an_unknown_address_mails_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert response["Location"] == reverse("password_reset_done")
    assert OutboxMail.objects.count() == 0


def test_password_reset_link_sets_a_new_password_once(client, db):
    grace = UserFactory(username="grace", email="grace@example.org")
    client.post(reverse("password_reset"), {"email": "grace@example.org"})
    link = the_link(OutboxMail.objects.get(), "/accounts/password/reset/")

    form = client.get(link, follow=True)
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert form.status_code == 200
    assert form.context["validlink"] is True
    assert done.redirect_chain == [(reverse("password_reset_complete"), 302)]
    grace.refresh_from_db()
    assert grace.check_password(NEW_PASSWORD) is True
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False
    assert "This link does not work" in again.content.decode()


def test_password_reset_confirms_an_unconfirmed_address(client, ada):
    client.post(reverse("password_reset"), {"email": "ada@example.org"})
    link = the_link(OutboxMail.objects.get(kind="account.password_reset"), "/password/reset/")
    form = client.get(link, follow=True)

    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert AccountEmail.objects.get(user=ada).confirmed_email == "ada@example.org"


# The account page ---------------------------------------------------------------------------


def test_account_page_needs_a_login(client, db):
    response = client.get(reverse("account"))

    assert response["Location"] == f"{reverse('login')}?next=/accounts/"


def test_account_page_shows_the_reminder_and_the_links(client, ada):
    client.force_login(ada)

    body = client.get(reverse("account")).content.decode()

    assert 'id="confirm-banner"' in body
    assert "open the link we sent to ada@example.org (it works for 3 days)" in body
    for url in ("password_change", "api_tokens", "account_delete"):
        assert f'href="{reverse(url)}"' in body


def test_account_page_of_a_confirmed_address_has_no_reminder(client, db):
    grace = UserFactory(username="grace")  # made by an organiser or the seed: no AccountEmail
    client.force_login(grace)

    body = client.get(reverse("account")).content.decode()

    assert 'id="confirm-banner"' not in body
    assert '<span class="badge">confirmed</span>' in body


def test_send_the_link_again_waits_a_minute(client, ada):
    client.force_login(ada)

    soon = client.post(reverse("email_confirm_send"), {"address": "current"}, follow=True)
    AccountEmail.objects.filter(user=ada).update(link_sent_at=timezone.now() - timedelta(minutes=2))
    later = client.post(reverse("email_confirm_send"), {"address": "current"}, follow=True)

    assert messages_of(soon) == ["A link went out a moment ago: wait a minute for it."]
    assert messages_of(later) == ["A new link is on its way."]
    assert OutboxMail.objects.filter(kind="account.confirm", to="ada@example.org").count() == 2


def test_send_the_link_again_with_nothing_to_confirm(client, db):
    grace = UserFactory(username="grace")
    client.force_login(grace)

    response = client.post(reverse("email_confirm_send"), {"address": "current"}, follow=True)

    assert messages_of(response) == ["No address of yours waits for confirmation."]
    assert OutboxMail.objects.count() == 0


def test_email_change_waits_for_the_link(client, db):
    grace = UserFactory(username="grace", email="grace@example.org")
    client.force_login(grace)

    response = client.post(
        reverse("email_change"), {"email": "grace@new.org", "password": PASSWORD}, follow=True
    )

    assert messages_of(response) == [
        "We sent a link to grace@new.org. Your address changes when you follow it (within 3 "
        "days); until then mail goes to grace@example.org."
    ]
    grace.refresh_from_db()
    assert grace.email == "grace@example.org"
    state = AccountEmail.objects.get(user=grace)
    assert (state.confirmed_email, state.pending_email) == ("grace@example.org", "grace@new.org")
    mail = OutboxMail.objects.get()
    assert (mail.to, mail.kind) == ("grace@new.org", "account.confirm")
    assert "A link went to grace@new.org" in response.content.decode()


def test_email_change_link_replaces_the_address_and_tells_the_old_one(client, db):
    grace = UserFactory(username="grace", email="grace@example.org")
    client.force_login(grace)
    client.post(reverse("email_change"), {"email": "grace@new.org", "password": PASSWORD})
    link = the_link(OutboxMail.objects.get(), "/accounts/confirm/")

    response = client.get(link)

    assert response.status_code == 200
    assert "Your account now uses grace@new.org." in response.content.decode()
    grace.refresh_from_db()
    assert grace.email == "grace@new.org"
    state = AccountEmail.objects.get(user=grace)
    assert (state.confirmed_email, state.pending_email) == ("grace@new.org", "")
    notice = OutboxMail.objects.get(kind="account.email_changed")
    assert (notice.to, notice.subject) == ("grace@example.org", "Your e-mail address was changed")
    assert "the e-mail address of your account is now grace@new.org" in notice.body


def test_email_change_with_a_wrong_password_keeps_the_input(client, db):
    grace = UserFactory(username="grace", email="grace@example.org")
    client.force_login(grace)

    response = client.post(reverse("email_change"), {"email": "grace@new.org", "password": "x"})

    assert response.status_code == 400
    assert response.context["email_form"].errors == {"password": ["That is not your password."]}
    assert 'value="grace@new.org"' in response.content.decode()
    assert OutboxMail.objects.count() == 0


def test_email_change_to_an_address_in_use_is_refused(client, db):
    UserFactory(username="ada", email="ada@example.org")
    grace = UserFactory(username="grace", email="grace@example.org")
    client.force_login(grace)

    response = client.post(
        reverse("email_change"), {"email": "ADA@example.org", "password": PASSWORD}
    )

    assert response.status_code == 400
    assert response.context["email_form"].errors == {
        "email": ["Another account uses this address."]
    }


def test_email_change_cancelled_makes_its_link_stale(client, db):
    grace = UserFactory(username="grace", email="grace@example.org")
    client.force_login(grace)
    client.post(reverse("email_change"), {"email": "grace@new.org", "password": PASSWORD})
    link = the_link(OutboxMail.objects.get(), "/accounts/confirm/")

    client.post(reverse("email_change_cancel"))
    response = client.get(link)

    assert response.status_code == 400
    grace.refresh_from_db()
    assert grace.email == "grace@example.org"


def test_email_change_link_refused_when_the_address_was_taken_meanwhile(client, db):
    grace = UserFactory(username="grace", email="grace@example.org")
    client.force_login(grace)
    client.post(reverse("email_change"), {"email": "grace@new.org", "password": PASSWORD})
    link = the_link(OutboxMail.objects.get(), "/accounts/confirm/")
    UserFactory(username="other", email="Grace@new.org")

    response = client.get(link)

    assert response.status_code == 400
    assert "Another account uses grace@new.org meanwhile." in response.content.decode()
    grace.refresh_from_db()
    assert grace.email == "grace@example.org"


def test_password_change_returns_to_the_account_page(client, db):
    grace = UserFactory(username="grace")
    client.force_login(grace)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("account"), 302)]
    assert messages_of(response) == ["Your password is changed."]
    grace.refresh_from_db()
    assert grace.check_password(NEW_PASSWORD) is True
    assert client.session["_auth_user_id"] == str(grace.pk)  # still logged in


# Links --------------------------------------------------------------------------------------


def test_absolute_url_uses_site_url_when_set(settings):
    settings.SITE_URL = "https://conf.example.org"

    assert absolute_url("/accounts/") == "https://conf.example.org/accounts/"


def test_absolute_url_outside_a_request_falls_back_to_the_local_server():
    assert absolute_url("/accounts/") == "http://127.0.0.1:8000/accounts/"


def test_mail_links_follow_the_host_the_request_came_to(client, settings, db):
    settings.ALLOWED_HOSTS = ["conf.lan"]

    client.post(reverse("signup"), SIGNUP, HTTP_HOST="conf.lan:8443", secure=True)

    (link, account) = links_in(OutboxMail.objects.get().body)
    assert link.startswith("https://conf.lan:8443/accounts/confirm/")
    assert account == "https://conf.lan:8443/accounts/"


def test_registration_mail_links_follow_the_request_host(client, settings, conference):
    settings.ALLOWED_HOSTS = ["192.168.1.5"]
    ticket_type = TicketTypeFactory(conference=conference)

    client.post(
        reverse("registrations:register", args=[conference.slug]),
        {"ticket_type": ticket_type.pk, "name": "Ada", "email": "ada@example.org"},
        HTTP_HOST="192.168.1.5:8000",
    )

    body = OutboxMail.objects.get().body
    assert "http://192.168.1.5:8000/registration/" in body
    assert "127.0.0.1" not in body


def test_every_link_in_every_account_mail_opens_a_page(client, ada):
    """Each mail's links are opened (by somebody not logged in, as from a phone) when it
    arrives: the sign-up confirmation, an address change and its notice, a password reset."""
    visitor = Client()
    opened = []

    def open_links_of(kind):
        for mail in OutboxMail.objects.filter(kind=kind):
            for link in links_in(mail.body):
                assert link.startswith(("http://127.0.0.1:8000/", "http://testserver/")), link
                response = visitor.get(path_of(link), follow=True)
                assert response.status_code == 200, link
                opened.append((kind, path_of(link).split("/")[2]))

    open_links_of("account.confirm")
    client.force_login(ada)
    client.post(reverse("email_change"), {"email": "ada@new.org", "password": PASSWORD})
    OutboxMail.objects.filter(to="ada@example.org", kind="account.confirm").delete()
    open_links_of("account.confirm")
    open_links_of("account.email_changed")
    client.post(reverse("password_reset"), {"email": "ada@new.org"})
    open_links_of("account.password_reset")

    assert opened == [
        ("account.confirm", "confirm"),
        ("account.confirm", ""),
        ("account.confirm", "confirm"),
        ("account.confirm", ""),
        ("account.email_changed", "login"),
        ("account.password_reset", "password"),
    ]
    ada.refresh_from_db()
    assert ada.email == "ada@new.org"
