"""One registration as a browser makes it (issue 20's rush): its four requests and their SQL.

GET the form, POST it, open the e-mailed link, POST "Confirm my registration", with CSRF checks
on. Inside the test's transaction each of the views' transactions is a savepoint (a BEGIN and a
COMMIT in production) and the e-mails' publishes wait as on-commit callbacks, run here at the end
to a broker in memory: straight from each e-mail's row, which is its own outbox
(conference/mail.py), with no statement. 19 statements, as in production (25 before).
"""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conference.models import OutboxMail, Registration
from tests.factories import RegistrationFactory
from tests.private_redis import celery_broker

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LINK = re.compile(r"/registration/([A-Za-z0-9]+)/")


def _kinds(captured) -> list[str]:
    return [query["sql"].split()[0] for query in captured.captured_queries]


def test_an_attempt_is_19_statements_and_two_publishes_of_none(
    db, conference, ticket_type, questions, django_capture_on_commit_callbacks
):
    RegistrationFactory(ticket_type=ticket_type)  # one of the two seats is taken
    browser = Client(enforce_csrf_checks=True)
    form_url = reverse("registrations:register", args=[conference.slug])

    with CaptureQueriesContext(connection) as form_sql:
        page = browser.get(form_url).content.decode()
    data = {
        "csrfmiddlewaretoken": CSRF.search(page).group(1),
        "ticket_type": ticket_type.pk,
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        f"question_{questions[0].pk}": "Vegan",
        f"question_{questions[2].pk}": "Engineer",
    }
    with (
        CaptureQueriesContext(connection) as post_sql,
        django_capture_on_commit_callbacks() as post_publishes,
    ):
        posted = browser.post(form_url, data)
    token = LINK.search(OutboxMail.objects.get(kind="registration.confirm").body).group(1)
    with CaptureQueriesContext(connection) as link_sql:
        page = browser.get(reverse("registrations:manage", args=[token])).content.decode()
    with (
        CaptureQueriesContext(connection) as confirm_sql,
        django_capture_on_commit_callbacks() as confirm_publishes,
    ):
        confirmed = browser.post(
            reverse("registrations:confirm", args=[token]),
            {"csrfmiddlewaretoken": CSRF.search(page).group(1)},
        )

    assert posted.status_code == 302 and confirmed.status_code == 302
    registration = Registration.objects.get(email="ada@example.org")
    assert registration.state == Registration.State.CONFIRMED
    assert list(registration.answers.values_list("value", flat=True)) == ["Vegan", "Engineer"]
    assert list(OutboxMail.objects.order_by("pk").values_list("kind", flat=True)) == [
        "registration.confirm",
        "registration.confirmed",
    ]
    # The conference, the ticket types (with the seats taken) and the questions.
    assert _kinds(form_sql) == ["SELECT", "SELECT", "SELECT"]
    assert "COUNT" in form_sql.captured_queries[1]["sql"]
    # The same three reads, the ticket types without counting; then one transaction whose first
    # write is the registration (a known address fails there, so no savepoint guards it).
    assert _kinds(post_sql) == [
        *["SELECT"] * 3,
        "SAVEPOINT",
        "INSERT",  # the registration
        "INSERT",  # its answers, in one statement
        "INSERT",  # the e-mail, its own outbox: its send task is published after commit
        "RELEASE",
    ]
    assert "COUNT" not in post_sql.captured_queries[1]["sql"]
    assert _kinds(link_sql) == ["SELECT"]  # the registration, its conference and ticket type
    assert _kinds(confirm_sql) == [
        "SELECT",  # the registration
        "SAVEPOINT",
        "SELECT",  # the ticket type, FOR UPDATE
        "SELECT",  # seats taken and waiting
        "UPDATE",  # the registration, if still pending
        "RELEASE",
        "INSERT",  # the e-mail, after the seat's transaction
    ]
    assert len(post_publishes) == 1 and len(confirm_publishes) == 1
    total = sum(len(s.captured_queries) for s in (form_sql, post_sql, link_sql, confirm_sql))
    assert total == 19
    with (
        CaptureQueriesContext(connection) as publish_sql,
        celery_broker("memory://") as app,
        app.connection_for_read() as broker,
    ):
        for publish in (*post_publishes, *confirm_publishes):
            publish()
        queue = broker.SimpleQueue("default")
        published = [queue.get(timeout=1).headers for _ in range(2)]
    assert publish_sql.captured_queries == []  # straight from the e-mails' rows: no statement
    mails = list(OutboxMail.objects.order_by("pk").values_list("pk", flat=True))
    assert [(h["task"], h["argsrepr"]) for h in published] == [
        ("conference.send_mail", f"[{mails[0]}]"),
        ("conference.send_mail", f"[{mails[1]}]"),
    ]
