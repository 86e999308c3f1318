from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from conference.models import Answer, OutboxMail, Registration
from conference.registration import services
from tests.factories import RegistrationFactory, TicketTypeFactory, UserFactory

State = Registration.State


def _register(conference, ticket_type, email="ada@example.org", **kwargs):
    return services.register(
        conference=conference,
        ticket_type=ticket_type,
        name=kwargs.pop("name", "Ada Lovelace"),
        email=email,
        **kwargs,
    )


def _waiting(ticket_type, minutes_ago, **kwargs):
    return RegistrationFactory(
        ticket_type=ticket_type,
        state=State.WAITLISTED,
        confirmed_at=None,
        waitlisted_at=timezone.now() - timedelta(minutes=minutes_ago),
        **kwargs,
    )


def test_register_creates_a_pending_registration_and_mails_the_link(conference, ticket_type):
    result = _register(conference, ticket_type, email="  Ada@Example.ORG ", organisation="ACME")

    registration = result.registration
    assert result.created is True
    assert (registration.state, registration.email, registration.organisation) == (
        "pending",
        "ada@example.org",
        "ACME",
    )
    assert len(registration.check_in_code) == 8
    assert len(registration.token_hash) == 64
    assert registration.manage_token not in registration.token_hash
    mail = OutboxMail.objects.get()
    assert (mail.to, mail.kind, mail.subject) == (
        "ada@example.org",
        "registration.confirm",
        "DevConf: please confirm your registration",
    )
    assert f"http://127.0.0.1:8000/registration/{registration.manage_token}/" in mail.body


def test_register_pending_holds_no_seat(conference, ticket_type):
    for number in range(5):
        _register(conference, ticket_type, email=f"p{number}@example.org")

    assert services.seats_taken(ticket_type=ticket_type) == 0
    assert Registration.objects.filter(state=State.PENDING).count() == 5


def test_register_twice_resends_the_link_and_creates_nothing(conference, ticket_type):
    first = _register(conference, ticket_type).registration

    again = _register(
        conference,
        ticket_type,
        email="ADA@example.org",
        name="Someone else",
        now=timezone.now() + timedelta(minutes=3),
    )

    assert again.created is False
    assert again.registration == first
    assert Registration.objects.count() == 1
    assert list(OutboxMail.objects.order_by("pk").values_list("kind", flat=True)) == [
        "registration.confirm",
        "registration.confirm",
    ]


def test_register_twice_when_confirmed_resends_the_manage_link(conference, ticket_type):
    existing = RegistrationFactory(ticket_type=ticket_type, email="ada@example.org")

    again = _register(conference, ticket_type, now=timezone.now() + timedelta(minutes=3))

    assert (again.created, again.registration) == (False, existing)
    mail = OutboxMail.objects.get()
    assert (mail.kind, mail.subject) == (
        "registration.resend",
        "DevConf: the link to your registration",
    )
    assert existing.manage_token in mail.body


def test_register_twice_within_two_minutes_sends_one_e_mail(conference, ticket_type):
    first = _register(conference, ticket_type).registration
    for minutes in (0, 1):
        _register(conference, ticket_type, now=first.link_sent_at + timedelta(minutes=minutes))

    assert OutboxMail.objects.count() == 1


def test_register_after_cancelling_creates_a_new_registration(conference, ticket_type):
    RegistrationFactory(ticket_type=ticket_type, email="ada@example.org", state=State.CANCELLED)

    result = _register(conference, ticket_type)

    assert result.created is True
    assert Registration.objects.filter(email="ada@example.org").count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"is_visible": False}, "This ticket type is not available."),
        (
            {"sale_starts_at": timezone.now() + timedelta(hours=1)},
            "Registration for this ticket type has not opened yet.",
        ),
        (
            {"sale_ends_at": timezone.now() - timedelta(hours=1)},
            "Registration for this ticket type has closed.",
        ),
    ],
)
def test_register_refuses_unavailable_ticket_types(conference, ticket_type, changes, message):
    for field, value in changes.items():
        setattr(ticket_type, field, value)
    ticket_type.save()

    with pytest.raises(ValidationError) as error:
        _register(conference, ticket_type)

    assert error.value.messages == [message]
    assert Registration.objects.count() == 0
    assert OutboxMail.objects.count() == 0


def test_register_refuses_another_conferences_ticket_type(conference):
    with pytest.raises(ValidationError) as error:
        _register(conference, TicketTypeFactory())

    assert error.value.messages == ["This ticket type does not exist."]


def test_register_refuses_a_missing_required_answer(conference, ticket_type, questions):
    with pytest.raises(ValidationError) as error:
        _register(conference, ticket_type, answers={questions[1]: "yes"})

    assert error.value.messages == ["Please answer “Diet”."]
    assert Registration.objects.count() == 0


def test_register_refuses_an_unknown_choice(conference, ticket_type, questions):
    with pytest.raises(ValidationError) as error:
        _register(conference, ticket_type, answers={questions[0]: "Carnivore"})

    assert error.value.messages == ["“Carnivore” is not a choice of “Diet”."]


def test_register_stores_the_answers(conference, ticket_type, questions):
    registration = _register(
        conference,
        ticket_type,
        answers={questions[0]: "Vegan", questions[1]: "no", questions[2]: ""},
    ).registration

    assert {a.question.label: a.value for a in registration.answers.all()} == {
        "Diet": "Vegan",
        "First time here?": "no",
    }


def test_confirm_takes_a_seat(conference, ticket_type, django_capture_on_commit_callbacks):
    registration = _register(conference, ticket_type).registration

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.confirm_registration(registration=registration)

    assert confirmed.state == State.CONFIRMED
    assert confirmed.confirmed_at is not None
    assert services.seats_taken(ticket_type=ticket_type) == 1
    assert [m.subject for m in django_mail.outbox] == ["DevConf: your registration is confirmed"]
    assert registration.check_in_code in django_mail.outbox[0].body


def test_confirm_when_full_joins_the_waiting_list(conference, ticket_type):
    RegistrationFactory.create_batch(2, ticket_type=ticket_type)
    registration = _register(conference, ticket_type).registration

    confirmed = services.confirm_registration(registration=registration)

    assert (confirmed.state, confirmed.confirmed_at) == (State.WAITLISTED, None)
    assert confirmed.waitlisted_at is not None
    assert OutboxMail.objects.latest("pk").kind == "registration.waitlisted"


def test_confirm_is_idempotent(conference, ticket_type):
    registration = _register(conference, ticket_type).registration
    services.confirm_registration(registration=registration)

    again = services.confirm_registration(registration=registration)

    assert again.state == State.CONFIRMED
    assert OutboxMail.objects.filter(kind="registration.confirmed").count() == 1


def test_confirm_serves_the_waiting_list_before_newcomers(conference, ticket_type):
    RegistrationFactory(ticket_type=ticket_type)
    waiting = _waiting(ticket_type, minutes_ago=10)  # a seat was freed behind the services' back
    registration = _register(conference, ticket_type).registration

    services.confirm_registration(registration=registration)

    waiting.refresh_from_db()
    registration.refresh_from_db()
    assert (waiting.state, registration.state) == (State.CONFIRMED, State.WAITLISTED)


def test_cancel_promotes_the_first_waiting(
    conference, ticket_type, django_capture_on_commit_callbacks
):
    leaving, staying = RegistrationFactory.create_batch(2, ticket_type=ticket_type)
    second = _waiting(ticket_type, minutes_ago=5, email="second@example.org")
    first = _waiting(ticket_type, minutes_ago=10, email="first@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=leaving)

    for registration in (leaving, first, second):
        registration.refresh_from_db()
    assert (leaving.state, first.state, second.state) == (
        State.CANCELLED,
        State.CONFIRMED,
        State.WAITLISTED,
    )
    assert services.seats_taken(ticket_type=ticket_type) == 2
    assert [(m.to[0], m.subject) for m in django_mail.outbox] == [
        (leaving.email, "DevConf: your registration is cancelled"),
        ("first@example.org", "DevConf: a seat is yours"),
    ]
    assert first.manage_token in django_mail.outbox[1].body


def test_cancel_of_a_waiting_registration_promotes_nobody(conference, ticket_type):
    RegistrationFactory.create_batch(2, ticket_type=ticket_type)
    first = _waiting(ticket_type, minutes_ago=10)
    second = _waiting(ticket_type, minutes_ago=5)

    services.cancel_registration(registration=first)

    second.refresh_from_db()
    assert second.state == State.WAITLISTED
    assert services.seats_taken(ticket_type=ticket_type) == 2


def test_cancel_of_a_pending_registration(conference, ticket_type):
    registration = _register(conference, ticket_type).registration

    cancelled = services.cancel_registration(registration=registration)

    assert cancelled.state == State.CANCELLED
    assert cancelled.cancelled_at is not None


def test_cancel_after_check_in_is_refused(ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type, state=State.CHECKED_IN)

    with pytest.raises(ValidationError) as error:
        services.cancel_registration(registration=registration)

    assert error.value.messages == ["You were checked in already: this registration is used."]
    registration.refresh_from_db()
    assert registration.state == State.CHECKED_IN


def test_cancel_twice_changes_nothing(ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type)
    services.cancel_registration(registration=registration)

    services.cancel_registration(registration=registration)

    assert OutboxMail.objects.filter(kind="registration.cancelled").count() == 1


def test_check_in_once(ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type)
    door = UserFactory(username="door")
    at = timezone.now()

    result = services.check_in_registration(registration=registration, by=door, now=at)

    assert result.checked_in_now is True
    registration.refresh_from_db()
    assert (registration.state, registration.checked_in_at, registration.checked_in_by) == (
        State.CHECKED_IN,
        at,
        door,
    )


def test_check_in_twice_changes_nothing(ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type)
    first_at = timezone.now() - timedelta(hours=1)
    services.check_in_registration(registration=registration, by=None, now=first_at)

    result = services.check_in_registration(
        registration=registration, by=UserFactory(), now=timezone.now()
    )

    assert result.checked_in_now is False
    registration.refresh_from_db()
    assert (registration.checked_in_at, registration.checked_in_by) == (first_at, None)


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        (State.PENDING, "Pending e-mail confirmation"),
        (State.WAITLISTED, "On the waiting list"),
        (State.CANCELLED, "Cancelled"),
    ],
)
def test_check_in_refuses_registrations_without_a_seat(ticket_type, state, shown):
    registration = RegistrationFactory(ticket_type=ticket_type, state=state, name="Bo")

    with pytest.raises(ValidationError) as error:
        services.check_in_registration(registration=registration, by=None)

    assert error.value.messages == [f"Bo cannot be checked in: the registration is “{shown}”."]
    registration.refresh_from_db()
    assert registration.state == state


@pytest.mark.parametrize(
    ("typed", "code"),
    [("abcd2345", "ABCD2345"), (" ABCD-2345 ", "ABCD2345"), ("ab cd 23 45", "ABCD2345")],
)
def test_normalise_code(typed, code):
    assert services.normalise_code(typed) == code


def test_purge_deletes_pending_registrations_a_week_after_their_link_expired(
    conference, ticket_type, questions
):
    now = timezone.now()
    stale = services.register(
        conference=conference,
        ticket_type=ticket_type,
        name="Stale",
        email="stale@example.org",
        answers={questions[0]: "Vegan"},
        now=now - timedelta(days=9, seconds=1),
    ).registration
    recent = services.register(
        conference=conference,
        ticket_type=ticket_type,
        name="Recent",
        email="recent@example.org",
        answers={questions[0]: "None"},
        now=now - timedelta(days=8, hours=23),
    ).registration
    confirmed = RegistrationFactory(ticket_type=ticket_type, state=Registration.State.CONFIRMED)
    Registration.objects.filter(pk=confirmed.pk).update(link_sent_at=now - timedelta(days=30))

    assert services.purge_expired_pending(now=now) == 1

    assert sorted(Registration.objects.values_list("pk", flat=True)) == sorted(
        [recent.pk, confirmed.pk]
    )
    assert not Answer.objects.filter(registration_id=stale.pk).exists()
    assert services.purge_expired_pending(now=now) == 0


def test_purged_address_can_register_afresh(conference, ticket_type):
    now = timezone.now()
    old = services.register(
        conference=conference,
        ticket_type=ticket_type,
        name="Ana",
        email="ana@example.org",
        now=now - timedelta(days=10),
    ).registration
    services.purge_expired_pending(now=now)

    again = services.register(
        conference=conference, ticket_type=ticket_type, name="Ana", email="ana@example.org", now=now
    )

    assert again.created is True
    assert again.registration.pk != old.pk
    assert again.registration.state == Registration.State.PENDING


def test_purge_task_is_scheduled_by_beat():
    from conference.celery import app
    from conference.tasks import task_purge_expired_registrations

    schedule = app.conf.beat_schedule["purge-expired-registrations"]

    assert schedule == {"task": task_purge_expired_registrations.name, "schedule": 3600.0}


def test_register_twice_when_pending_says_so_in_the_e_mail(conference, ticket_type):
    first = _register(conference, ticket_type).registration

    again = _register(conference, ticket_type, now=first.link_sent_at + timedelta(minutes=3))

    assert (again.created, again.mailed) == (False, True)
    second = OutboxMail.objects.order_by("pk").last()
    assert (
        "This address was registered already and is not confirmed yet, so nothing new was "
        "created: here is its link again." in second.body
    )


def test_register_twice_within_two_minutes_reports_that_nothing_was_mailed(conference, ticket_type):
    first = _register(conference, ticket_type).registration

    again = _register(conference, ticket_type, now=first.link_sent_at + timedelta(seconds=30))

    assert (again.created, again.mailed) == (False, False)


def test_resend_e_mail_says_how_often_it_is_sent(conference, ticket_type):
    RegistrationFactory(ticket_type=ticket_type, email="ada@example.org")

    _register(conference, ticket_type, now=timezone.now() + timedelta(minutes=3))

    assert (
        "We send this e-mail at most once every 2 minutes, however often the form is used."
        in OutboxMail.objects.get().body
    )


def test_confirmed_e_mail_links_the_pdf_ticket(conference, ticket_type):
    registration = _register(conference, ticket_type).registration

    services.confirm_registration(registration=registration)

    mail = OutboxMail.objects.get(kind="registration.confirmed")
    assert f"/registration/{registration.manage_token}/ticket.pdf" in mail.body


def test_change_registration_name_strips_and_saves(ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type, name="Ada")

    services.change_registration_name(registration=registration, name=" Ada King ")

    registration.refresh_from_db()
    assert registration.name == "Ada King"


def test_change_registration_name_refuses_blank(ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type, name="Ada")

    with pytest.raises(ValidationError) as error:
        services.change_registration_name(registration=registration, name="  ")

    assert error.value.messages == ["Enter your name."]


def test_confirmed_e_mail_carries_the_pdf_ticket(
    conference, ticket_type, django_capture_on_commit_callbacks
):
    registration = _register(conference, ticket_type, name="张敏").registration

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_registration(registration=registration)

    (message,) = django_mail.outbox
    ((filename, content, mimetype),) = message.attachments
    assert filename == f"devconf-ticket-{registration.check_in_code}.pdf"
    assert (content[:5], mimetype) == (b"%PDF-", "application/pdf")


def test_confirm_link_e_mail_carries_no_ticket(
    conference, ticket_type, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _register(conference, ticket_type)

    (message,) = django_mail.outbox
    assert message.attachments == []


def test_waitlisted_e_mail_carries_no_ticket(
    conference, ticket_type, django_capture_on_commit_callbacks
):
    RegistrationFactory.create_batch(2, ticket_type=ticket_type)
    registration = _register(conference, ticket_type).registration

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_registration(registration=registration)

    (message,) = django_mail.outbox
    assert (message.subject, message.attachments) == ("DevConf: you are on the waiting list", [])
