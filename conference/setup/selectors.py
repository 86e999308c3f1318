"""Reads of the organiser set-up pages."""

from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from conference.models import (
    Conference,
    Invitation,
    Membership,
    Question,
    Room,
    RoomAvailability,
    TicketType,
    Track,
)
from conference.models.registration import hash_token


def track_for_organiser(*, conference: Conference, pk: int) -> Track:
    return get_object_or_404(Track, conference=conference, pk=pk)


def track_holdings(*, track: Track) -> dict[str, int]:
    """What would go with the track if it were deleted, by kind (counts, zeros included).

    submissions: whose track it is (decided by a person or set automatically); suggestions:
    undecided submissions the categoriser suggests it for (they decide which reviewers see
    them); scheduled: items of the working copy whose talk is in it; predictions; reviewers:
    reviewers limited to it. The rows live in talks and scheduling, reached through the
    track's reverse relations (the event domain imports neither).
    """
    return {
        "submissions": track.submissions.count(),
        "suggestions": track.suggested_submissions.filter(track__isnull=True).count(),
        "scheduled": track.submissions.filter(schedule_items__isnull=False).count(),
        "predictions": track.predictions.count(),
        "reviewers": track.reviewer_scopes.count(),
    }


def room_list(*, conference: Conference) -> QuerySet[Room]:
    """The rooms with `availability_count`, the number of their availability windows."""
    return conference.rooms.annotate(availability_count=Count("availabilities"))


def room_for_organiser(*, conference: Conference, pk: int) -> Room:
    return get_object_or_404(Room, conference=conference, pk=pk)


def room_availability_list(*, room: Room) -> QuerySet[RoomAvailability]:
    return room.availabilities.all()


def room_availability_for_organiser(*, room: Room, pk: int) -> RoomAvailability:
    return get_object_or_404(RoomAvailability, room=room, pk=pk)


def ticket_type_for_organiser(*, conference: Conference, pk: int) -> TicketType:
    return get_object_or_404(TicketType, conference=conference, pk=pk)


def question_for_organiser(*, conference: Conference, pk: int) -> Question:
    return get_object_or_404(Question, conference=conference, pk=pk)


def team_list(*, conference: Conference) -> QuerySet[Membership]:
    return conference.memberships.select_related("user").order_by("role", "user__username")


def membership_for_organiser(*, conference: Conference, pk: int) -> Membership:
    return get_object_or_404(Membership, conference=conference, pk=pk)


def open_invitation_list(*, conference: Conference) -> QuerySet[Invitation]:
    return conference.invitations.filter(accepted_at__isnull=True).select_related("invited_by")


def invitation_for_organiser(*, conference: Conference, pk: int) -> Invitation:
    return get_object_or_404(Invitation, conference=conference, pk=pk, accepted_at__isnull=True)


def invitation_by_token(*, token: str) -> Invitation:
    """The open invitation a link points at; a forged, used or expired token is a 404."""
    invitation = (
        Invitation.objects.select_related("conference", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_open(timezone.now()):
        raise Http404
    return invitation
