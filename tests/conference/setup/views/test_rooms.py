from datetime import time, timedelta

import pytest
from django.urls import reverse

from conference.models import Room, RoomAvailability
from tests.factories import RoomAvailabilityFactory, RoomFactory, ScheduleItemFactory


def test_room_create_then_edit(client, organiser, conference):
    client.force_login(organiser)

    response = client.post(
        reverse("setup:room_create", args=[conference.slug]),
        {"name": "Hall A", "capacity": 300, "position": 1},
    )

    room = Room.objects.get()
    assert (room.conference, room.name, room.capacity) == (conference, "Hall A", 300)
    assert response["Location"] == reverse("setup:room_edit", args=[conference.slug, room.pk])


def test_room_availability_add_and_list(client, organiser, conference):
    room = RoomFactory(conference=conference)
    client.force_login(organiser)
    day = conference.start_date

    client.post(
        reverse("setup:room_availability_add", args=[conference.slug, room.pk]),
        {"date": day.isoformat(), "starts_at": "09:00", "ends_at": "12:30"},
    )
    response = client.get(reverse("setup:room_edit", args=[conference.slug, room.pk]))

    assert [(w.date, w.starts_at, w.ends_at) for w in response.context["windows"]] == [
        (day, time(9), time(12, 30))
    ]


def test_room_availability_add_refuses_a_day_outside_the_conference(client, organiser, conference):
    room = RoomFactory(conference=conference)
    client.force_login(organiser)

    response = client.post(
        reverse("setup:room_availability_add", args=[conference.slug, room.pk]),
        {
            "date": (conference.end_date + timedelta(days=1)).isoformat(),
            "starts_at": "09:00",
            "ends_at": "12:00",
        },
    )

    assert response.status_code == 200
    assert response.context["window_form"].errors == {"date": ["Pick a day of the conference."]}
    assert RoomAvailability.objects.count() == 0


def test_room_availability_add_refuses_an_overlap(client, organiser, conference):
    window = RoomAvailabilityFactory(room=RoomFactory(conference=conference))
    client.force_login(organiser)

    response = client.post(
        reverse("setup:room_availability_add", args=[conference.slug, window.room.pk]),
        {"date": window.date.isoformat(), "starts_at": "17:00", "ends_at": "19:00"},
    )

    assert response.context["window_form"].non_field_errors() == [
        "This window overlaps another one of the room on that day."
    ]


def test_room_availability_delete(client, organiser, conference):
    window = RoomAvailabilityFactory(room=RoomFactory(conference=conference))
    client.force_login(organiser)

    client.post(
        reverse("setup:room_availability_delete", args=[conference.slug, window.room.pk, window.pk])
    )

    assert RoomAvailability.objects.count() == 0


def test_room_of_another_conference_is_404(client, organiser, conference):
    other = RoomFactory()
    client.force_login(organiser)

    response = client.post(
        reverse("setup:room_availability_add", args=[conference.slug, other.pk]),
        {"date": other.conference.start_date.isoformat(), "starts_at": "09:00", "ends_at": "10:00"},
    )

    assert response.status_code == 404
    assert RoomAvailability.objects.count() == 0


def test_room_delete(client, organiser, conference):
    room = RoomFactory(conference=conference)
    RoomAvailabilityFactory(room=room)
    client.force_login(organiser)

    client.post(reverse("setup:room_delete", args=[conference.slug, room.pk]))

    assert (Room.objects.count(), RoomAvailability.objects.count()) == (0, 0)


def test_room_delete_is_refused_while_items_are_scheduled_in_it(client, organiser, conference):
    from scheduling.models import ScheduleItem

    room = RoomFactory(conference=conference)
    ScheduleItemFactory(submission__conference=conference, room=room)
    ScheduleItemFactory(submission__conference=conference, room=room)
    client.force_login(organiser)

    response = client.post(
        reverse("setup:room_delete", args=[conference.slug, room.pk]), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "2 items are scheduled in this room: move them to another room first."
    ]
    assert (Room.objects.count(), ScheduleItem.objects.count()) == (1, 2)


@pytest.mark.parametrize("count", [1, 3])
def test_room_list_query_count(client, organiser, conference, count, django_assert_num_queries):
    for room in RoomFactory.create_batch(count, conference=conference):
        RoomAvailabilityFactory(room=room)
    client.force_login(organiser)

    # session, user, conference, membership, rooms with window counts
    with django_assert_num_queries(5):
        response = client.get(reverse("setup:rooms", args=[conference.slug]))

    assert [room.availability_count for room in response.context["rooms"]] == [1] * count
