"""Writing to a group: who is in it, placeholders checked and filled, preview, then queue."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conference.enums import Role
from conference.mail import MailBatch
from conference.models import OutboxMail, OutboxTask, Registration
from talks.enums import State
from talks.services import compose
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    RegistrationFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    TicketTypeFactory,
    TrackFactory,
    UserFactory,
)


@pytest.fixture
def programme(conference):
    """Ada gives two accepted talks (one with Bo), Cy a confirmed one, Di was rejected; Ed has
    no address and Fay's account is inactive."""
    nlp = TrackFactory(conference=conference, name="NLP", slug="nlp")
    vision = TrackFactory(conference=conference, name="Vision", slug="vision")
    ada = SpeakerProfileFactory(name="Ada Lovelace", user__username="ada").user
    bo = UserFactory(username="bo", first_name="Bo", last_name="Li")
    cy = UserFactory(username="cy")
    di = UserFactory(username="di")
    ed = UserFactory(username="ed", email="")
    fay = UserFactory(username="fay", is_active=False)
    talks = {
        "parsing": SubmissionFactory(
            conference=conference,
            speaker=ada,
            speakers=[bo],
            title="Parsing",
            state="accepted",
            track=nlp,
        ),
        "tagging": SubmissionFactory(
            conference=conference,
            speaker=ada,
            title="{conference} Tagging",
            state="accepted",
            track=vision,
        ),
        "seeing": SubmissionFactory(
            conference=conference,
            speaker=cy,
            speakers=[ed, fay],
            title="Seeing",
            state="confirmed",
            track=vision,
        ),
        "nope": SubmissionFactory(
            conference=conference, speaker=di, title="Nope", state="rejected", track=nlp
        ),
        "draft": SubmissionFactory(conference=conference, speaker=di, title="Draft", state="draft"),
    }
    SubmissionFactory(
        conference=ConferenceFactory(), speaker=bo, title="Elsewhere", state="accepted"
    )
    return {"tracks": {"nlp": nlp, "vision": vision}, "talks": talks}


def _group(conference, value):
    return compose.group_of(conference=conference, value=value)


def _people(conference, value):
    recipients = compose.recipients_of(conference=conference, group=_group(conference, value))
    return [(r.email, r.name, r.values) for r in recipients]


# --- groups ---------------------------------------------------------------------------------


def test_speaker_groups_by_state_one_message_per_person(conference, programme):
    assert _people(conference, "accepted") == [
        ("ada@example.org", "Ada Lovelace", {"talk_titles": "“Parsing”, “{conference} Tagging”"}),
        ("bo@example.org", "Bo Li", {"talk_titles": "“Parsing”"}),
    ]
    assert [email for email, *_ in _people(conference, "confirmed")] == ["cy@example.org"]
    assert [email for email, *_ in _people(conference, "programme")] == [
        "ada@example.org",
        "bo@example.org",
        "cy@example.org",
    ]
    assert [email for email, *_ in _people(conference, "rejected")] == ["di@example.org"]
    # Every talk sent in (not drafts): Di once, for the rejected talk only.
    assert _people(conference, "submitted")[-1] == (
        "di@example.org",
        "di",
        {"talk_titles": "“Nope”"},
    )
    assert len(_people(conference, "submitted")) == 4


def test_speakers_of_a_track_are_those_of_its_programme(conference, programme):
    vision = programme["tracks"]["vision"]
    nlp = programme["tracks"]["nlp"]

    assert _people(conference, f"track-{vision.pk}") == [
        ("ada@example.org", "Ada Lovelace", {"talk_titles": "“{conference} Tagging”"}),
        ("cy@example.org", "cy", {"talk_titles": "“Seeing”"}),
    ]
    # Di's talk in NLP was rejected.
    assert [email for email, *_ in _people(conference, f"track-{nlp.pk}")] == [
        "ada@example.org",
        "bo@example.org",
    ]


def test_team_groups(conference, organiser, reviewer):
    MembershipFactory(conference=ConferenceFactory(), user__username="stranger")

    assert _people(conference, "team") == [
        ("organiser@example.org", "organiser", {"role": "Organiser"}),
        ("reviewer@example.org", "reviewer", {"role": "Reviewer"}),
    ]
    assert [email for email, *_ in _people(conference, "reviewers")] == ["reviewer@example.org"]
    assert [email for email, *_ in _people(conference, "organisers")] == ["organiser@example.org"]


def test_attendee_groups_by_ticket_type_and_waiting_list(conference):
    day = TicketTypeFactory(conference=conference, name="Day pass")
    full = TicketTypeFactory(conference=conference, name="Full")
    RegistrationFactory(ticket_type=day, name="Ann", email="ann@example.org")
    RegistrationFactory(ticket_type=full, name="Ben", email="ben@example.org", state="checked_in")
    RegistrationFactory(ticket_type=full, name="Cat", email="cat@example.org", state="pending")
    RegistrationFactory(ticket_type=full, name="Dan", email="dan@example.org", state="cancelled")
    RegistrationFactory(
        ticket_type=full, name="Eve", email="eve@example.org", state=Registration.State.WAITLISTED
    )

    assert _people(conference, "attendees") == [
        ("ann@example.org", "Ann", {"ticket": "Day pass"}),
        ("ben@example.org", "Ben", {"ticket": "Full"}),
    ]
    assert [email for email, *_ in _people(conference, f"ticket-{full.pk}")] == ["ben@example.org"]
    assert [email for email, *_ in _people(conference, "waiting")] == ["eve@example.org"]


def test_group_of_refuses_another_conferences_track(conference):
    foreign = TrackFactory(conference=ConferenceFactory())

    with pytest.raises(ValidationError):
        _group(conference, f"track-{foreign.pk}")
    with pytest.raises(ValidationError):
        _group(conference, "everybody")


# --- placeholders and the service -----------------------------------------------------------


def test_placeholders_depend_on_the_group(conference):
    compose.validate_group_text(group=_group(conference, "accepted"), text="{name}: {talk_titles}")

    with pytest.raises(ValidationError) as error:
        compose.validate_group_text(group=_group(conference, "attendees"), text="{talk_titles}")

    assert error.value.messages == [
        "Unknown placeholder {talk_titles}. You can use: {name}, {email}, {conference}, {ticket}."
    ]


def test_queue_group_mail_fills_each_message_and_holds_it(conference, organiser, programme):
    batch = compose.queue_group_mail(
        conference=conference,
        user=organiser,
        group=_group(conference, "accepted"),
        subject="{conference}: your talks",
        body="Dear {name},\n{talk_titles} at {conference}.",
        hold=True,
    )

    assert batch == MailBatch(count=2, now=0, later=0)
    rows = list(OutboxMail.objects.order_by("to").values_list("to", "subject", "body", "status"))
    assert rows == [
        (
            "ada@example.org",
            "DevConf: your talks",
            # A title that looks like a placeholder is copied, never expanded.
            "Dear Ada Lovelace,\n“Parsing”, “{conference} Tagging” at DevConf.",
            "held",
        ),
        ("bo@example.org", "DevConf: your talks", "Dear Bo Li,\n“Parsing” at DevConf.", "held"),
    ]
    assert set(OutboxMail.objects.values_list("held_reason", "kind")) == {
        (
            "Written to Speakers of accepted talks, not yet confirmed: {conference}: your talks",
            "compose",
        )
    }
    assert OutboxTask.objects.count() == 0


def test_queue_group_mail_sends_at_once_when_asked(conference, organiser, programme, settings):
    settings.MAIL_RATE_PER_MINUTE = 60

    batch = compose.queue_group_mail(
        conference=conference,
        user=organiser,
        group=_group(conference, "programme"),
        subject="Hello",
        body="Hi {name}",
        hold=False,
    )

    assert batch == MailBatch(count=3, now=3, later=0)
    assert list(OutboxMail.objects.values_list("status", flat=True)) == ["queued"] * 3
    assert OutboxTask.objects.count() == 3


def test_queue_group_mail_refuses_reviewers_empty_groups_and_bad_placeholders(
    conference, organiser, reviewer
):
    group = _group(conference, "rejected")
    with pytest.raises(PermissionDenied):
        compose.queue_group_mail(
            conference=conference, user=reviewer, group=group, subject="S", body="B", hold=True
        )
    with pytest.raises(ValidationError) as empty:
        compose.queue_group_mail(
            conference=conference, user=organiser, group=group, subject="S", body="B", hold=True
        )
    with pytest.raises(ValidationError) as bad:
        compose.queue_group_mail(
            conference=conference,
            user=organiser,
            group=group,
            subject="{ticket}",
            body="B",
            hold=True,
        )

    assert empty.value.messages == ["Nobody in this group has an e-mail address."]
    assert bad.value.message_dict == {
        "subject": [
            "Unknown placeholder {ticket}. You can use: {name}, {email}, {conference}, "
            "{talk_titles}."
        ]
    }
    assert OutboxMail.objects.count() == 0


# --- the page -------------------------------------------------------------------------------


@pytest.fixture
def url(conference):
    return reverse("conference:outbox_compose", args=[conference.slug])


def _post(client, url, **data):
    values = {"group": "accepted", "subject": "News for {name}", "body": "{talk_titles}"}
    values.update(data)
    return client.post(url, {k: v for k, v in values.items() if v is not None})


def test_compose_page_offers_the_groups(client, organiser, conference, url, programme):
    client.force_login(organiser)

    response = client.get(url)

    assert response.status_code == 200
    choices = dict(response.context["form"].fields["group"].choices)
    vision = programme["tracks"]["vision"]
    assert dict(choices["Speakers of a track"])[f"track-{vision.pk}"] == (
        "Speakers of accepted and confirmed talks in Vision"
    )
    assert response.context["form"]["delivery"].value() == "hold"


def test_compose_preview_shows_the_count_and_the_first_message(
    client, organiser, conference, url, programme
):
    client.force_login(organiser)

    response = _post(client, url, action="preview", delivery="hold")

    assert response.status_code == 200
    preview = response.context["preview"]
    assert (preview.count, preview.first.to, preview.first.subject, preview.first.body) == (
        2,
        "ada@example.org",
        "News for Ada Lovelace",
        "“Parsing”, “{conference} Tagging”",
    )
    body = response.content.decode()
    assert "Speakers of accepted talks, not yet confirmed: 2 people" in body
    assert "Queue 2 e-mails" in body
    assert OutboxMail.objects.count() == 0


def test_compose_unknown_placeholder_is_a_form_error(client, organiser, conference, url):
    client.force_login(organiser)

    response = _post(
        client, url, group="team", body="Hi {talk_titles}", action="preview", delivery="hold"
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "body": [
            "Unknown placeholder {talk_titles}. You can use: {name}, {email}, {conference}, {role}."
        ]
    }
    assert response.context["preview"] is None


def test_compose_queues_only_what_was_previewed(client, organiser, conference, url, programme):
    client.force_login(organiser)
    preview = _post(client, url, action="preview", delivery="hold").context["preview"]

    changed = _post(
        client,
        url,
        action="queue",
        delivery="hold",
        previewed=preview.fingerprint,
        body="Changed {talk_titles}",
    )

    assert changed.status_code == 400
    assert changed.context["form"].non_field_errors() == [
        "The group or the text changed since the preview: check the preview below, then queue "
        "again."
    ]
    assert changed.context["preview"].first.body == "Changed “Parsing”, “{conference} Tagging”"
    assert OutboxMail.objects.count() == 0


def test_compose_queue_holds_them_in_the_outbox(client, organiser, conference, url, programme):
    client.force_login(organiser)
    preview = _post(client, url, action="preview", delivery="hold").context["preview"]

    response = client.post(
        url,
        {
            "group": "accepted",
            "subject": "News for {name}",
            "body": "{talk_titles}",
            "delivery": "hold",
            "action": "queue",
            "previewed": preview.fingerprint,
        },
        follow=True,
    )

    assert response.redirect_chain == [(reverse("conference:outbox", args=[conference.slug]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "2 e-mails are held in the outbox: review them and send them from here."
    ]
    assert response.context["held_total"] == 2
    assert sorted(OutboxMail.objects.values_list("to", "status")) == [
        ("ada@example.org", "held"),
        ("bo@example.org", "held"),
    ]


def test_compose_queue_sends_them_now(
    client, organiser, conference, url, programme, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    preview = _post(client, url, action="preview", delivery="send").context["preview"]

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client, url, action="queue", delivery="send", previewed=preview.fingerprint
        )

    assert response.status_code == 302
    assert sorted(OutboxMail.objects.values_list("to", "status")) == [
        ("ada@example.org", "sent"),
        ("bo@example.org", "sent"),
    ]


def test_compose_is_for_organisers_only(client, reviewer, speaker, conference, url):
    assert client.get(url).status_code == 302
    for user in (reviewer, speaker):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert _post(client, url, action="queue", delivery="send").status_code == 403
    assert OutboxMail.objects.count() == 0


def test_compose_speakers_group_is_empty_for_another_conferences_organiser(client, url):
    stranger = MembershipFactory(conference=ConferenceFactory(), role=Role.ORGANISER).user
    client.force_login(stranger)

    assert client.get(url).status_code == 403


def test_compose_group_with_nobody_previews_and_offers_no_queue(client, organiser, conference, url):
    SubmissionFactory(conference=conference, speaker=UserFactory(email=""), state=State.REJECTED)
    client.force_login(organiser)

    response = _post(client, url, group="rejected", body="Hi", action="preview", delivery="hold")

    assert response.context["preview"].count == 0
    body = response.content.decode()
    assert "Nobody in this group has an e-mail address." in body
    assert 'value="queue"' not in body
