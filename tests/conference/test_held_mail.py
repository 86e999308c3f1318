"""Held mail: release (spread at the mail rate), discard (kept), the outbox page's actions."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail as django_mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import conference.mail as mail_module
from conference.mail import (
    LOST_AFTER,
    MailBatch,
    OutgoingMail,
    discard_held_mail,
    held_mail,
    queue_mail,
    queue_mail_batch,
    release_held_mail,
    retry_mail,
    send_outbox_mail,
)
from conference.models import OutboxMail, OutboxTask
from tests.factories import ConferenceFactory

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def frozen(monkeypatch):
    """timezone.now() is NOW in conference.mail (and wherever Django asks)."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    return NOW


@pytest.fixture
def rate(settings):
    def set_rate(per_minute: int) -> None:
        settings.MAIL_RATE_PER_MINUTE = per_minute

    return set_rate


def _held(conference, n, reason="bulk decision", to="p{}@example.org"):
    return [
        OutboxMail.objects.create(
            conference=conference,
            to=to.format(i),
            subject=f"Subject {i}",
            body=f"Body {i}",
            status=OutboxMail.Status.HELD,
            held_reason=reason,
        )
        for i in range(n)
    ]


def _statuses(*mails):
    return [OutboxMail.objects.get(pk=m.pk).status for m in mails]


# --- services -------------------------------------------------------------------------------


def test_release_held_mail_sends_only_the_selected(conference, django_capture_on_commit_callbacks):
    first, second, third = _held(conference, 3)

    with django_capture_on_commit_callbacks(execute=True):
        batch = release_held_mail(conference=conference, ids=[first.pk, third.pk])

    assert batch == MailBatch(count=2, now=2, later=0, minutes=0)
    assert _statuses(first, second, third) == ["sent", "held", "sent"]
    assert sorted(m.to[0] for m in django_mail.outbox) == ["p0@example.org", "p2@example.org"]


def test_release_held_mail_of_one_reason(conference, django_capture_on_commit_callbacks):
    decisions = _held(conference, 2, reason="bulk decision")
    (release,) = _held(conference, 1, reason="schedule release")

    with django_capture_on_commit_callbacks(execute=True):
        batch = release_held_mail(conference=conference, reason="bulk decision")

    assert batch.count == 2
    assert _statuses(*decisions, release) == ["sent", "sent", "held"]


def test_release_held_mail_leaves_other_conferences_and_mail_not_held(conference):
    (other,) = _held(ConferenceFactory(), 1)
    sent = OutboxMail.objects.create(
        conference=conference, to="s@example.org", subject="S", body="B", status="sent"
    )

    assert release_held_mail(conference=conference, ids=[other.pk, sent.pk]).count == 0
    assert release_held_mail(conference=conference, ids=[]).count == 0
    assert _statuses(other, sent) == ["held", "sent"]
    assert OutboxTask.objects.count() == 0


def test_release_spreads_a_batch_over_the_minutes_of_the_rate(conference, frozen, rate):
    rate(2)
    held = _held(conference, 5)

    batch = release_held_mail(conference=conference)

    assert batch == MailBatch(count=5, now=2, later=3, minutes=2)
    rows = [OutboxMail.objects.get(pk=m.pk) for m in held]
    assert [(m.status, m.attempts, m.next_attempt_at) for m in rows] == [
        ("queued", 1, NOW + LOST_AFTER),
        ("queued", 1, NOW + LOST_AFTER),
        ("queued", 0, NOW + timedelta(minutes=1)),
        ("queued", 0, NOW + timedelta(minutes=1)),
        ("queued", 0, NOW + timedelta(minutes=2)),
    ]
    assert [args[0] for args in OutboxTask.objects.values_list("args", flat=True)] == [
        held[0].pk,
        held[1].pk,
    ]


def test_release_queues_behind_mail_already_on_its_way(conference, frozen, rate):
    rate(2)
    OutboxMail.objects.create(
        to="sent@example.org",
        subject="S",
        body="B",
        status="sent",
        sent_at=NOW - timedelta(seconds=30),
    )
    OutboxMail.objects.create(to="waiting@example.org", subject="S", body="B", attempts=0)
    held = _held(conference, 3)

    batch = release_held_mail(conference=conference)

    # Two places of this minute are taken: the new ones start in the next minute.
    assert batch == MailBatch(count=3, now=0, later=3, minutes=2)
    assert [OutboxMail.objects.get(pk=m.pk).next_attempt_at for m in held] == [
        NOW + timedelta(minutes=1),
        NOW + timedelta(minutes=1),
        NOW + timedelta(minutes=2),
    ]
    assert OutboxTask.objects.count() == 0


def test_release_without_a_rate_sends_everything_now(conference, rate):
    rate(0)
    _held(conference, 4)

    assert release_held_mail(conference=conference) == MailBatch(count=4, now=4, later=0)
    assert OutboxTask.objects.count() == 4


def test_release_is_all_or_nothing(conference, monkeypatch):
    held = _held(conference, 3)
    calls = []

    def failing_dispatch(mail_id):
        calls.append(mail_id)
        if len(calls) == 2:
            raise RuntimeError("database went away")

    monkeypatch.setattr(mail_module, "_dispatch_send", failing_dispatch)

    with pytest.raises(RuntimeError):
        release_held_mail(conference=conference)

    assert _statuses(*held) == ["held", "held", "held"]


def test_scheduled_mail_is_dispatched_by_the_sweep_when_its_minute_comes(
    conference, django_capture_on_commit_callbacks, rate
):
    rate(60)
    from django.utils import timezone

    scheduled = OutboxMail.objects.create(
        conference=conference,
        to="later@example.org",
        subject="S",
        body="B",
        attempts=0,
        next_attempt_at=timezone.now() - timedelta(seconds=1),
    )
    not_yet = OutboxMail.objects.create(
        conference=conference,
        to="not-yet@example.org",
        subject="S",
        body="B",
        attempts=0,
        next_attempt_at=timezone.now() + timedelta(minutes=3),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert retry_mail() == 1

    scheduled.refresh_from_db()
    assert (scheduled.status, scheduled.attempts) == ("sent", 1)
    assert _statuses(not_yet) == ["queued"]
    assert [m.to for m in django_mail.outbox] == [["later@example.org"]]


def test_the_sweep_dispatches_no_more_than_the_minute_leaves(conference, frozen, rate):
    rate(3)
    for i in range(2):
        OutboxMail.objects.create(
            to=f"s{i}@example.org",
            subject="S",
            body="B",
            status="sent",
            sent_at=NOW - timedelta(seconds=10),
        )
    due = [
        OutboxMail.objects.create(
            to=f"d{i}@example.org",
            subject="S",
            body="B",
            attempts=0,
            next_attempt_at=NOW - timedelta(seconds=i + 1),
        )
        for i in range(3)
    ]

    assert retry_mail() == 1
    # The longest waiting goes first.
    assert [OutboxMail.objects.get(pk=m.pk).attempts for m in due] == [0, 0, 1]


def test_a_worker_puts_a_message_back_when_the_minute_is_spent(conference, frozen, rate):
    rate(2)
    OutboxMail.objects.create(
        to="a@example.org",
        subject="S",
        body="B",
        status="sent",
        sent_at=NOW - timedelta(seconds=40),
    )
    OutboxMail.objects.create(
        to="b@example.org", subject="S", body="B", status="sent", sent_at=NOW - timedelta(seconds=5)
    )
    waiting = OutboxMail.objects.create(to="c@example.org", subject="S", body="B", attempts=1)

    assert send_outbox_mail(mail_id=waiting.pk) is False

    waiting.refresh_from_db()
    # Not an attempt: back to none, due when the older send leaves the minute.
    assert (waiting.status, waiting.attempts, waiting.next_attempt_at) == (
        "queued",
        0,
        NOW + timedelta(seconds=20),
    )
    assert django_mail.outbox == []


def test_discard_held_mail_keeps_them_unsent(conference, frozen):
    first, second = _held(conference, 2)
    (other,) = _held(conference, 1, reason="schedule release")

    assert discard_held_mail(conference=conference, ids=[first.pk], reason="bulk decision") == 1
    assert discard_held_mail(conference=conference, reason="schedule release") == 1
    assert discard_held_mail(conference=conference, ids=[first.pk]) == 0

    first.refresh_from_db()
    assert (first.status, first.discarded_at) == ("discarded", NOW)
    assert _statuses(first, second, other) == ["discarded", "held", "discarded"]
    assert release_held_mail(conference=conference, ids=[first.pk]).count == 0
    assert OutboxTask.objects.count() == 0


def test_queue_mail_batch_holds_with_a_reason_or_inside_held_mail(conference):
    messages = [OutgoingMail(to=f"m{i}@example.org", subject="Hi", body="B") for i in range(2)]

    assert queue_mail_batch(conference=conference, messages=messages, hold="compose").count == 2
    with held_mail("bulk decision"):
        queue_mail_batch(conference=conference, messages=messages[:1])

    assert sorted(OutboxMail.objects.values_list("status", "held_reason")) == [
        ("held", "bulk decision"),
        ("held", "compose"),
        ("held", "compose"),
    ]
    assert OutboxTask.objects.count() == 0


def test_queue_mail_batch_sends_at_the_rate(conference, frozen, rate):
    rate(2)
    messages = [OutgoingMail(to=f"m{i}@example.org", subject="Hi", body="B") for i in range(3)]

    batch = queue_mail_batch(conference=conference, messages=messages, kind="compose")

    assert batch == MailBatch(count=3, now=2, later=1, minutes=1)
    assert list(OutboxMail.objects.order_by("pk").values_list("status", "attempts", "kind")) == [
        ("queued", 1, "compose"),
        ("queued", 1, "compose"),
        ("queued", 0, "compose"),
    ]


def test_queue_mail_with_hold_dispatches_nothing(conference):
    queue_mail(to="a@example.org", subject="S", body="B", conference=conference, hold="review")

    assert list(OutboxMail.objects.values_list("status", "held_reason")) == [("held", "review")]
    assert OutboxTask.objects.count() == 0


# --- the outbox page ------------------------------------------------------------------------


def _outbox(conference):
    return reverse("conference:outbox", args=[conference.slug])


def _held_url(conference):
    return reverse("conference:outbox_held", args=[conference.slug])


def test_outbox_shows_held_mail_first_grouped_by_reason(client, organiser, conference):
    decisions = _held(conference, 2, reason="bulk decision")
    _held(conference, 1, reason="schedule release", to="r{}@example.org")
    OutboxMail.objects.create(
        conference=conference, to="sent@example.org", subject="Old", body="B", status="sent"
    )
    client.force_login(organiser)

    response = client.get(_outbox(conference))

    assert response.status_code == 200
    assert [(g.reason, g.count) for g in response.context["groups"]] == [
        ("bulk decision", 2),
        ("schedule release", 1),
    ]
    assert response.context["held_total"] == 3
    assert [m.to for m in response.context["held_page"]] == [
        "p0@example.org",
        "p1@example.org",
        "r0@example.org",
    ]
    # The list below has the rest; the first held message is previewed.
    assert [m.to for m in response.context["mails"]] == ["sent@example.org"]
    assert response.context["preview"] == decisions[0]
    body = response.content.decode()
    assert body.index("Held for review: 3 e-mails") < body.index("sent@example.org")
    assert '<dd class="preview-to">p0@example.org</dd>' in body


def test_outbox_previews_the_message_asked_for_and_escapes_it(client, organiser, conference):
    _, second = _held(conference, 2)
    OutboxMail.objects.filter(pk=second.pk).update(subject="<script>x</script>")
    (foreign,) = _held(ConferenceFactory(), 1)
    client.force_login(organiser)

    response = client.get(_outbox(conference), {"preview": second.pk})
    foreign_response = client.get(_outbox(conference), {"preview": foreign.pk})

    assert response.context["preview"] == second
    assert '<dd class="preview-subject">&lt;script&gt;x&lt;/script&gt;</dd>' in (
        response.content.decode()
    )
    assert foreign_response.context["preview"] is None


def test_outbox_filters_by_status_and_pages(client, organiser, conference):
    for i in range(51):
        OutboxMail.objects.create(
            conference=conference, to=f"s{i}@example.org", subject="S", body="B", status="sent"
        )
    OutboxMail.objects.create(
        conference=conference, to="gone@example.org", subject="S", body="B", status="discarded"
    )
    client.force_login(organiser)

    first_page = client.get(_outbox(conference))
    second_page = client.get(_outbox(conference), {"page": 2})
    discarded = client.get(_outbox(conference), {"status": "discarded"})
    unknown = client.get(_outbox(conference), {"status": "nonsense"})

    assert (len(first_page.context["mails"]), len(second_page.context["mails"])) == (50, 2)
    assert first_page.context["mails"].paginator.count == 52
    assert [m.to for m in discarded.context["mails"]] == ["gone@example.org"]
    assert unknown.context["status"] == ""


def test_outbox_queries_do_not_grow_with_the_mail(client, organiser, conference):
    client.force_login(organiser)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_outbox(conference)).status_code == 200
        return len(queries)

    _held(conference, 1)
    OutboxMail.objects.create(conference=conference, to="s@example.org", subject="S", body="B")
    with_one = count_queries()
    _held(conference, 2, reason="schedule release")
    for _ in range(2):
        OutboxMail.objects.create(conference=conference, to="s@example.org", subject="S", body="B")

    assert count_queries() == with_one


def test_outbox_send_selected(client, organiser, conference, django_capture_on_commit_callbacks):
    first, second = _held(conference, 2)
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _held_url(conference),
            {"action": "send_selected", "mail": [second.pk], "query": "status=sent&preview=5"},
            follow=True,
        )

    assert response.redirect_chain == [(_outbox(conference) + "?status=sent", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "1 e-mail is queued and goes out now."
    ]
    assert _statuses(first, second) == ["held", "sent"]
    assert [m.to for m in django_mail.outbox] == [["p1@example.org"]]


def test_outbox_send_all_held_says_how_the_rate_spreads_them(client, organiser, conference, rate):
    rate(2)
    _held(conference, 5)
    client.force_login(organiser)

    response = client.post(_held_url(conference), {"action": "send_all"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "5 e-mails are queued: 2 now, the others over the next 2 minutes (at most 2 a minute)."
    ]
    assert OutboxMail.objects.filter(status="held").count() == 0


def test_outbox_send_all_of_one_group(client, organiser, conference):
    decisions = _held(conference, 2, reason="bulk decision")
    (release,) = _held(conference, 1, reason="schedule release")
    client.force_login(organiser)

    client.post(_held_url(conference), {"action": "send_all", "group": "schedule release"})

    assert _statuses(*decisions, release) == ["held", "held", "queued"]


def test_outbox_discard_selected(client, organiser, conference):
    first, second = _held(conference, 2)
    client.force_login(organiser)

    response = client.post(
        _held_url(conference), {"action": "discard_selected", "mail": [first.pk]}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "1 held e-mail is discarded: it stays in the outbox, never sent."
    ]
    assert _statuses(first, second) == ["discarded", "held"]
    listed = client.get(_outbox(conference), {"status": "discarded"})
    assert [m.to for m in listed.context["mails"]] == ["p0@example.org"]


def test_outbox_selected_action_without_ticks_changes_nothing(client, organiser, conference):
    held = _held(conference, 2)
    client.force_login(organiser)

    response = client.post(_held_url(conference), {"action": "send_selected"}, follow=True)
    bad = client.post(_held_url(conference), {"action": "explode"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Tick at least one held e-mail first."
    ]
    assert [str(m) for m in bad.context["messages"]] == [
        "Select a valid choice. explode is not one of the available choices."
    ]
    assert _statuses(*held) == ["held", "held"]


def test_outbox_released_meanwhile_is_reported(client, organiser, conference):
    (mail,) = _held(conference, 1)
    OutboxMail.objects.filter(pk=mail.pk).update(status="sent")
    client.force_login(organiser)

    response = client.post(
        _held_url(conference), {"action": "send_selected", "mail": [mail.pk]}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Nothing was sent: no e-mail of these is held any more."
    ]


def test_outbox_held_actions_are_for_organisers_of_that_conference(
    client, reviewer, speaker, organiser, conference
):
    (mail,) = _held(conference, 1)
    (foreign,) = _held(ConferenceFactory(), 1)
    url = _held_url(conference)

    assert client.post(url, {"action": "send_all"}).status_code == 302  # to the log-in page
    for user in (reviewer, speaker):
        client.force_login(user)
        assert client.post(url, {"action": "send_all"}).status_code == 403
    client.force_login(organiser)
    assert client.get(url).status_code == 405
    # Another conference's message is not one of this conference's choices.
    client.post(url, {"action": "send_selected", "mail": [foreign.pk]})
    assert _statuses(mail, foreign) == ["held", "held"]
    assert OutboxTask.objects.count() == 0
