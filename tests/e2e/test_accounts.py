"""Browser journey: sign up, confirm the address by the mailed link, log out, log in by e-mail,
reset the password by the mailed link. SITE_URL is unset: the links point at the server the
browser used."""

import re

import pytest

from conference.models import OutboxMail
from tests.e2e.conftest import log_out

pytestmark = pytest.mark.e2e

PASSWORD = "an-unusual-passphrase-42"
NEW_PASSWORD = "a-brand-new-passphrase-77"


def _mailed_link(kind: str) -> str:
    body = OutboxMail.objects.filter(kind=kind).latest("pk").body
    return re.search(r"https?://\S+", body).group(0)


def _log_in_by_email(page, base_url: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", "Ada@Example.org")
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_selector("header .who:has-text('ada')")


def test_sign_up_confirm_log_in_by_email_and_reset_the_password(
    live_server, page, transactional_db, settings
):
    settings.SITE_URL = ""
    base = live_server.url

    # Ada signs up: logged in at once, asked to confirm her address.
    page.goto(f"{base}/accounts/signup/")
    page.fill("#id_username", "ada")
    page.fill("#id_email", "ada@example.org")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=We sent a link to ada@example.org")
    page.click("header a:has-text('Account')")
    assert "not confirmed" in page.inner_text("#email-address")

    # The mailed link points at this server and confirms the address.
    link = _mailed_link("account.confirm")
    assert link.startswith(f"{base}/accounts/confirm/")
    page.goto(link)
    page.wait_for_selector("text=Thank you: ada@example.org is confirmed.")
    page.goto(f"{base}/accounts/")
    assert page.inner_text("#email-address .badge") == "confirmed"
    assert page.locator("#confirm-banner").count() == 0

    # On a phone the account page fits the screen.
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 800})

    # Log out, log in again with the address (in other case).
    log_out(page)
    page.wait_for_selector("header a:has-text('Log in')")
    _log_in_by_email(page, base, PASSWORD)
    assert page.locator(".messages").count() == 0  # confirmed: no reminder
    log_out(page)
    page.wait_for_selector("header a:has-text('Log in')")

    # She forgets her password: the reset link comes through the outbox.
    page.goto(f"{base}/accounts/login/")
    page.click("text=Forgot your password?")
    page.fill("#id_email", "ada@example.org")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Check your mail')")
    link = _mailed_link("account.password_reset")
    assert link.startswith(f"{base}/accounts/password/reset/")
    page.goto(link)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Password saved')")

    # The old password no longer works; the new one does.
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "ada@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=do not match an account")
    _log_in_by_email(page, base, NEW_PASSWORD)
    # The reset link works once.
    page.goto(link)
    page.wait_for_selector("h1:has-text('This link does not work')")
