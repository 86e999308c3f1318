import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conference.models import Answer, OutboxMail, Registration
from tests.factories import RegistrationFactory, TicketTypeFactory


@pytest.fixture
def url(conference):
    return reverse("registrations:register", args=[conference.slug])


def _data(ticket_type, **overrides):
    data = {
        "ticket_type": ticket_type.pk,
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "organisation": "Analytical Engines",
    }
    data.update(overrides)
    return data


def test_register_page_lists_visible_ticket_types_with_seats_left(client, conference, url):
    standard = TicketTypeFactory(conference=conference, name="Standard", quota=10, position=1)
    TicketTypeFactory(conference=conference, name="Speaker", is_visible=False)
    full = TicketTypeFactory(conference=conference, name="Workshop", quota=1, position=2)
    RegistrationFactory.create_batch(3, ticket_type=standard)
    RegistrationFactory(ticket_type=standard, state=Registration.State.PENDING)
    RegistrationFactory(ticket_type=full)

    response = client.get(url)

    assert response.status_code == 200
    rows = [
        (r["ticket_type"].name, r["ticket_type"].seats_left)
        for r in response.context["ticket_types"]
    ]
    assert rows == [("Standard", 7), ("Workshop", 0)]
    body = response.content.decode()
    assert "Speaker" not in body
    assert "Full: you join the waiting list" in body
    # A phone hides the table's head: a number of seats says what it counts by itself.
    assert re.findall(r'<td class="seats-left"([^>]*)>([^<]*)<', body) == [
        (' data-label="Seats left:"', "7"),
        ("", "Full: you join the waiting list"),
    ]


def test_register_page_without_ticket_types_says_closed(client, conference, url):
    response = client.get(url)

    assert "Registration is not open." in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_register_page_query_count(client, conference, url, count, django_assert_num_queries):
    TicketTypeFactory.create_batch(count, conference=conference)

    # conference, ticket types with seat counts, questions
    with django_assert_num_queries(3):
        response = client.get(url)

    assert len(response.context["ticket_types"]) == count


def test_register_creates_pending_and_redirects(client, conference, ticket_type, questions, url):
    response = client.post(
        url,
        _data(
            ticket_type,
            **{f"question_{questions[0].pk}": "Vegetarian", f"question_{questions[1].pk}": "yes"},
        ),
        follow=True,
    )

    registration = Registration.objects.get()
    assert response.redirect_chain == [
        (reverse("registrations:register_sent", args=[conference.slug]), 302)
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "Thank you! We have e-mailed you the link to confirm or see your registration. We send "
        "it at most once every 2 minutes: if you registered a moment ago, use the e-mail you "
        "already have."
    ]
    assert (registration.state, registration.name, registration.ticket_type) == (
        "pending",
        "Ada Lovelace",
        ticket_type,
    )
    assert sorted(Answer.objects.values_list("value", flat=True)) == ["Vegetarian", "yes"]
    assert OutboxMail.objects.get().kind == "registration.confirm"


def test_register_same_email_twice_resends_the_link(client, conference, ticket_type, url):
    client.post(url, _data(ticket_type), follow=True)
    Registration.objects.update(link_sent_at=timezone.now() - timedelta(minutes=3))

    response = client.post(url, _data(ticket_type, email="ADA@example.org"), follow=True)

    assert Registration.objects.count() == 1
    # The page answers exactly as for a new address: it tells nobody who is registered.
    assert [str(m) for m in response.context["messages"]] == [
        "Thank you! We have e-mailed you the link to confirm or see your registration. We send "
        "it at most once every 2 minutes: if you registered a moment ago, use the e-mail you "
        "already have."
    ]
    assert OutboxMail.objects.filter(kind="registration.confirm").count() == 2


def test_register_hidden_ticket_type_is_refused(client, conference, url):
    hidden = TicketTypeFactory(conference=conference, is_visible=False)

    response = client.post(url, _data(hidden))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "ticket_type": ["This ticket type is not available."]
    }
    assert Registration.objects.count() == 0


def test_register_unknown_ticket_type_is_refused(client, conference, ticket_type, url):
    response = client.post(url, _data(ticket_type) | {"ticket_type": 987654})

    assert response.context["form"].errors == {
        "ticket_type": ["This ticket type is not available."]
    }
    assert Registration.objects.count() == 0


def test_register_another_conferences_ticket_type_is_refused(client, conference, ticket_type, url):
    response = client.post(url, _data(TicketTypeFactory()))

    assert response.context["form"].errors == {
        "ticket_type": ["This ticket type is not available."]
    }
    assert Registration.objects.count() == 0


def test_register_before_the_sale_is_refused(client, conference, url):
    later = TicketTypeFactory(
        conference=conference, sale_starts_at=timezone.now() + timedelta(days=1)
    )

    response = client.post(url, _data(later))

    assert response.context["form"].non_field_errors() == [
        "Registration for this ticket type has not opened yet."
    ]
    assert Registration.objects.count() == 0
    assert OutboxMail.objects.count() == 0


def test_register_after_the_sale_is_refused(client, conference, url):
    over = TicketTypeFactory(
        conference=conference, sale_ends_at=timezone.now() - timedelta(minutes=1)
    )

    response = client.post(url, _data(over))

    assert response.context["form"].non_field_errors() == [
        "Registration for this ticket type has closed."
    ]
    assert Registration.objects.count() == 0


def test_register_required_question_unanswered_is_refused(
    client, conference, ticket_type, questions, url
):
    response = client.post(url, _data(ticket_type))

    assert response.context["form"].errors == {
        f"question_{questions[0].pk}": ["This field is required."]
    }
    assert Registration.objects.count() == 0


def test_register_invalid_choice_is_refused(client, conference, ticket_type, questions, url):
    response = client.post(url, _data(ticket_type, **{f"question_{questions[0].pk}": "Raw"}))

    assert response.context["form"].errors == {
        f"question_{questions[0].pk}": [
            "Select a valid choice. Raw is not one of the available choices."
        ]
    }
    assert Registration.objects.count() == 0


def test_register_bad_email_is_refused(client, conference, ticket_type, url):
    response = client.post(url, _data(ticket_type, email="not-an-address"))

    assert response.context["form"].errors == {"email": ["Enter a valid email address."]}
    assert Registration.objects.count() == 0


def test_register_escapes_user_text(client, conference, ticket_type, url):
    response = client.post(url, _data(ticket_type, name="<script>x</script>", email=""))

    body = response.content.decode()
    assert "<script>x</script>" not in body
    assert "&lt;script&gt;x&lt;/script&gt;" in body


def test_register_unknown_conference_is_404(client, db):
    assert client.get(reverse("registrations:register", args=["nope"])).status_code == 404


def test_register_same_email_within_two_minutes_sends_nothing_and_says_so(
    client, conference, ticket_type, url
):
    client.post(url, _data(ticket_type), follow=True)

    response = client.post(url, _data(ticket_type), follow=True)

    # The same words as for a new address; they say that a second e-mail may not come.
    assert [str(m) for m in response.context["messages"]] == [
        "Thank you! We have e-mailed you the link to confirm or see your registration. We send "
        "it at most once every 2 minutes: if you registered a moment ago, use the e-mail you "
        "already have."
    ]
    assert OutboxMail.objects.count() == 1


def _radio(body: str, value) -> str:
    pattern = rf'<input type="radio" name="ticket_type" value="{value}"[^>]*>'
    return re.search(pattern, body).group(0)


def test_register_page_fields_show_a_changed_question_at_once(
    client, conference, ticket_type, questions, url
):
    """The unfilled form's fields are kept per process, keyed by what they are made of."""
    assert "Your role" in client.get(url).content.decode()
    questions[2].label = "Your job"
    questions[2].save()

    body = client.get(url).content.decode()

    assert "Your job" in body and "Your role" not in body


def test_register_page_fields_in_each_visitors_language(client, conference, ticket_type, url):
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    again = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<label for="id_name">Name:</label>' in english
    assert '<label for="id_name">姓名:</label>' in chinese
    assert _strip_csrf(again) == _strip_csrf(english)


def test_register_page_checks_the_ticket_of_the_link_only(client, conference, ticket_type, url):
    other = TicketTypeFactory(conference=conference, name="Student", quota=5, position=9)

    linked = client.get(f"{url}?ticket={other.pk}").content.decode()
    plain = client.get(url).content.decode()

    assert "checked" in _radio(linked, other.pk) and "checked" not in _radio(linked, ticket_type.pk)
    assert "checked" not in _radio(plain, other.pk)


def test_register_refused_shows_the_seats_left_again(client, conference, ticket_type, url):
    RegistrationFactory(ticket_type=ticket_type)  # one of two seats taken

    response = client.post(url, _data(ticket_type, email="not-an-address"))

    assert response.status_code == 200
    assert [r["ticket_type"].seats_left for r in response.context["ticket_types"]] == [1]
    body = response.content.decode()
    assert 'value="Ada Lovelace"' in body and "Enter a valid email address." in body


def _strip_csrf(body: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
