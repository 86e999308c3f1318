"""Browser journey: an organiser writes to the accepted speakers and holds the e-mails, previews
one in the outbox, sends one, discards one, and sees the counts change; both pages fit a phone."""

import pytest
from django.core import mail as django_mail

from conference.models import OutboxMail
from tests.e2e.conftest import log_in
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.e2e


def _no_horizontal_overflow(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_organiser_holds_previews_sends_and_discards(live_server, page, transactional_db):
    conference = ConferenceFactory(slug="aidev", name="AI Dev Conf")
    organiser = MembershipFactory(conference=conference, user__username="olga").user
    for name, title in (("Ada", "Parsing"), ("Bo", "Seeing"), ("Cy", "Hearing")):
        speaker = SpeakerProfileFactory(name=name, user__username=name.lower()).user
        SubmissionFactory(conference=conference, speaker=speaker, title=title, state="accepted")
    base = live_server.url

    log_in(page, base, organiser.username, PASSWORD)

    # Compose to the accepted speakers: the preview counts them and shows Ada's message.
    page.goto(f"{base}/c/aidev/outbox/compose/")
    page.select_option("#id_group", "accepted")
    page.fill("#id_subject", "{conference}: slides")
    page.fill("#id_body", "Hello {name}, please send the slides of {talk_titles}.")
    page.check("input[name=delivery][value=hold]")
    page.click("button[value=preview]")
    page.wait_for_selector("#preview")
    assert "3 people" in page.inner_text(".preview-count")
    assert page.inner_text(".preview-to") == "ada@example.org"
    assert page.inner_text(".preview-body") == "Hello Ada, please send the slides of “Parsing”."
    page.set_viewport_size({"width": 375, "height": 800})
    assert _no_horizontal_overflow(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.click("button[value=queue]")
    page.wait_for_selector("text=3 e-mails are held in the outbox")
    assert OutboxMail.objects.filter(status="held").count() == 3
    assert django_mail.outbox == []

    # The outbox: one group of three, Ada's message previewed; preview Bo's instead.
    assert page.inner_text("#held-title") == "Held for review: 3 e-mails"
    assert page.inner_text(".held-group .count") == "3"
    assert page.inner_text(".preview-to") == "ada@example.org"
    page.click("tr[data-mail]:has-text('bo@example.org') >> text=Preview")
    page.wait_for_selector(".preview-to:has-text('bo@example.org')")
    assert "“Seeing”" in page.inner_text(".preview-body")
    page.set_viewport_size({"width": 375, "height": 800})
    assert _no_horizontal_overflow(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    # Send Bo's only.
    bo = OutboxMail.objects.get(to="bo@example.org")
    page.check(f"#held-{bo.pk}")
    page.click("button[value=send_selected]")
    page.wait_for_selector("text=1 e-mail is queued and goes out now.")
    assert page.inner_text("#held-title") == "Held for review: 2 e-mails"
    assert [m.to for m in django_mail.outbox] == [["bo@example.org"]]
    assert django_mail.outbox[0].subject == "AI Dev Conf: slides"

    # Discard Cy's: it stays in the outbox, discarded, never sent.
    cy = OutboxMail.objects.get(to="cy@example.org")
    page.check(f"#held-{cy.pk}")
    page.click("button[value=discard_selected]")
    page.wait_for_selector("text=1 held e-mail is discarded")
    assert page.inner_text("#held-title") == "Held for review: 1 e-mail"
    assert page.inner_text(".held-group .count") == "1"

    page.select_option("#id_status", "discarded")
    page.click("form.filters button")
    page.wait_for_selector("tr.mail-discarded")
    assert page.locator("#sent tbody tr").count() == 1
    assert page.inner_text("#sent tr.mail-discarded .to") == "cy@example.org"
    assert dict(OutboxMail.objects.values_list("to", "status")) == {
        "ada@example.org": "held",
        "bo@example.org": "sent",
        "cy@example.org": "discarded",
    }
    assert len(django_mail.outbox) == 1
