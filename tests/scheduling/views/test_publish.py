"""The publish page: conflicts are listed and must be confirmed, release e-mails are held."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from conference.models import OutboxMail
from scheduling import services
from scheduling.models import Release
from scheduling.selectors import current_conflicts
from scheduling.services.releases import conflicts_digest, open_conflicts
from tests.factories import PASSWORD, RoomFactory, SubmissionFactory, UserFactory


@pytest.fixture
def logged_in(client, organiser):
    client.login(username="organiser", password=PASSWORD)
    return client


def utc(conference, hour, minute=0):
    return datetime.combine(conference.start_date, datetime.min.time(), tzinfo=UTC).replace(
        hour=hour, minute=minute
    )


def place(conference, talk, room, hour):
    return services.create_item(
        conference=conference,
        room_id=room.pk,
        submission_id=talk.pk,
        start=utc(conference, hour),
        end=utc(conference, hour, 30),
    )


@pytest.fixture
def clash(conference, speaker):
    """Ada speaks in two rooms at 10:00 (Shanghai), twice over: two speaker clashes."""
    speaker.email = "ada@example.org"
    speaker.save()
    hall = RoomFactory(conference=conference, name="Hall", position=0)
    side = RoomFactory(conference=conference, name="Side", position=1)
    annex = RoomFactory(conference=conference, name="Annex", position=2)
    titles = ["Alpha", "Beta", "Gamma"]
    talks = [
        SubmissionFactory(conference=conference, speaker=speaker, title=title, state="confirmed")
        for title in titles
    ]
    place(conference, talks[0], hall, 2)
    place(conference, talks[1], side, 2)
    other = SubmissionFactory(
        conference=conference,
        speaker=UserFactory(username="bo", email="bo@example.org"),
        title="Delta",
        state="confirmed",
    )
    place(conference, other, annex, 4)
    return {"talks": talks, "rooms": (hall, side, annex)}


def publish_url(conference):
    return reverse("scheduling:publish", args=[conference.slug])


def digest(conference):
    return conflicts_digest(open_conflicts(conflicts=current_conflicts(conference=conference)))


def test_publish_page_lists_the_conflicts_and_asks_to_confirm(logged_in, conference, clash):
    response = logged_in.get(publish_url(conference))

    assert [row["conflict"].message for row in response.context["conflicts"]] == [
        "speaker speaks in “Alpha” and “Beta” at the same time."
    ]
    assert (response.context["error_count"], response.context["warning_count"]) == (1, 0)
    body = response.content.decode()
    assert 'name="confirm" value="1" id="id_confirm" required>' in body
    assert f'name="conflicts" value="{digest(conference)}"' in body
    assert f"?day={conference.start_date.isoformat()}" in body
    assert '<details class="conflict-details" open>' in body


def test_publish_with_conflicts_is_refused_without_confirmation(logged_in, conference, clash):
    response = logged_in.post(
        publish_url(conference), {"comment": "Hi", "conflicts": digest(conference)}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The schedule has conflicts: confirm that you publish it with them."
    ]
    assert not Release.objects.exists()
    assert not OutboxMail.objects.exists()


def test_publish_with_a_stale_confirmation_is_refused(logged_in, conference, clash):
    seen = digest(conference)
    # Meanwhile somebody puts Ada's third talk beside the other two: a new clash.
    place(conference, clash["talks"][2], clash["rooms"][2], 2)

    response = logged_in.post(publish_url(conference), {"confirm": "1", "conflicts": seen})

    assert response.context["form"].non_field_errors() == [
        "The conflicts changed since the page was loaded: check them again."
    ]
    assert [row["conflict"].code for row in response.context["conflicts"]] == [
        "speaker_overlap",
        "speaker_overlap",
        "speaker_overlap",
    ]
    # The page shows the new digest and the box unticked, whatever was posted.
    body = response.content.decode()
    assert f'name="conflicts" value="{digest(conference)}"' in body
    assert 'id="id_confirm" required>' in body
    assert not Release.objects.exists()


def test_publish_with_confirmation_records_the_conflicts_and_holds_the_mail(
    logged_in, conference, clash, organiser, mailoutbox
):
    response = logged_in.post(
        publish_url(conference),
        {"comment": "First cut", "confirm": "1", "conflicts": digest(conference)},
        follow=True,
    )

    release = Release.objects.get()
    assert (release.version, release.comment) == ("v1", "First cut")
    assert release.published_by == organiser
    assert [(c["code"], c["severity"], c["message"]) for c in release.conflicts] == [
        (
            "speaker_overlap",
            "error",
            "speaker speaks in “Alpha” and “Beta” at the same time.",
        )
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "Schedule v1 is published. It has 1 conflict, as you confirmed. "
        "The e-mails to speakers wait in the outbox until an organiser sends them."
    ]
    mails = OutboxMail.objects.order_by("to")
    assert [(m.to, m.status, m.held_reason, m.kind) for m in mails] == [
        ("ada@example.org", "held", "schedule release", "schedule.release"),
        ("bo@example.org", "held", "schedule release", "schedule.release"),
    ]
    assert mailoutbox == []


def test_publish_without_conflicts_needs_no_confirmation(logged_in, conference, clash):
    # Beta moves to 11:00: no clash left.
    item = clash["talks"][1].schedule_items.get()
    services.move_item(
        conference=conference,
        item_id=item.pk,
        version=item.version,
        room_id=item.room_id,
        start=item.start + timedelta(hours=1),
        end=item.end + timedelta(hours=1),
    )

    page = logged_in.get(publish_url(conference))
    response = logged_in.post(publish_url(conference), {"comment": ""})

    assert page.context["conflicts"] == []
    assert 'name="confirm"' not in page.content.decode()
    assert response.status_code == 302
    assert Release.objects.get().conflicts == []
    assert set(OutboxMail.objects.values_list("status", flat=True)) == {"held"}


def test_silenced_warnings_need_no_confirmation(logged_in, conference, speaker):
    hall = RoomFactory(conference=conference, name="Hall")
    talk = SubmissionFactory(conference=conference, speaker=speaker, state="accepted")
    item = place(conference, talk, hall, 2)

    unsilenced = logged_in.post(publish_url(conference), {"comment": ""})
    services.silence_warning(
        conference=conference, item_id=item.pk, version=1, code="unconfirmed", silenced=True
    )
    silenced = logged_in.post(publish_url(conference), {"comment": ""})

    assert [row["conflict"].code for row in unsilenced.context["conflicts"]] == ["unconfirmed"]
    assert unsilenced.context["form"].non_field_errors() == [
        "The schedule has conflicts: confirm that you publish it with them."
    ]
    assert silenced.status_code == 302
    assert Release.objects.get().conflicts == []


def test_publish_service_without_a_confirmation_argument_does_not_ask(conference, clash):
    release = services.publish_release(conference=conference)

    assert [c["code"] for c in release.conflicts] == ["speaker_overlap"]
    assert set(OutboxMail.objects.values_list("status", flat=True)) == {"queued"}


def test_the_releases_page_shows_organisers_what_a_release_was_published_despite(
    client, organiser, conference, clash
):
    services.publish_release(conference=conference, comment="v1", confirmed_conflicts="all")
    url = reverse("scheduling:releases", args=[conference.slug])

    public = client.get(url).content.decode()
    client.login(username="organiser", password=PASSWORD)
    team = client.get(url).content.decode()

    assert "Published despite" not in public
    assert "<summary>Published despite 1 conflict</summary>" in team
    assert "speaker speaks in “Alpha” and “Beta” at the same time." in team
