"""Organisers' set-up below /conferences/<slug>/setup/: tracks, rooms and ticket types.

Writes go through conference.setup.services, as the set-up pages do: the same validation
(full_clean, unique names), a track's slug fixed at creation, a quota never below the seats
taken (a raised one serving the waiting list at once), no deleting a ticket type somebody
registered for or a room with items scheduled in it, no deleting a track that holds
submissions, predictions or reviewers without `?reassign_to=<track id>`.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from conference.api.permissions import IsOrganiser
from conference.api.serializers.setup import (
    SetupRoomSerializer,
    SetupTicketTypeSerializer,
    SetupTrackSerializer,
)
from conference.models import Registration, Room, TicketType, Track
from conference.setup import services

SETUP = "set-up"


class SetupView(ConferenceMixin):
    """One kind of set-up object of the URL's conference, written through its services."""

    permission_classes = [IsOrganiser]
    model = None

    def get_queryset(self):
        if self.is_schema_view:
            return self.model.objects.none()
        return self.model.objects.filter(conference=self.conference)


@extend_schema(tags=[SETUP], parameters=[SLUG_PARAMETER])
class SetupList(SetupView, generics.ListCreateAPIView):
    pagination_class = None  # a conference has a handful of each
    filter_backends = []


@extend_schema(tags=[SETUP], parameters=[SLUG_PARAMETER])
class SetupDetail(SetupView, generics.RetrieveUpdateDestroyAPIView):
    http_method_names = ["get", "patch", "delete", "head", "options"]


class TrackList(SetupList):
    model, serializer_class = Track, SetupTrackSerializer

    def perform_create(self, serializer):
        fields = serializer.validated_data
        serializer.instance = services.create_track(conference=self.conference, **fields)


class TrackDetail(SetupDetail):
    model, serializer_class = Track, SetupTrackSerializer

    def perform_update(self, serializer):
        changes = serializer.validated_data
        serializer.instance = services.update_track(track=serializer.instance, **changes)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "reassign_to",
                int,
                description=(
                    "The track that takes over the deleted track's submissions, predictions, "
                    "scheduled talks and reviewers; required when it holds any (else 400)."
                ),
            ),
            OpenApiParameter(
                "move_reviewers",
                bool,
                description=(
                    "Default true: reviewers limited to the deleted track review reassign_to "
                    "instead; false: the track only leaves their scope."
                ),
            ),
        ]
    )
    def destroy(self, request, *args, **kwargs):
        track = self.get_object()
        raw = request.query_params.get("reassign_to") or request.data.get("reassign_to")
        reassign_to = None
        if raw not in (None, ""):
            reassign_to = Track.objects.filter(
                conference=self.conference, pk=int(raw) if str(raw).isdigit() else 0
            ).first()
            if reassign_to is None:
                raise ValidationError(
                    {"reassign_to": [_("Pick another track of this conference.")]}
                )
        move = request.query_params.get("move_reviewers", request.data.get("move_reviewers"))
        move_reviewers = str(move).lower() not in ("false", "0", "no")
        services.delete_track(track=track, reassign_to=reassign_to, move_reviewers=move_reviewers)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RoomList(SetupList):
    model, serializer_class = Room, SetupRoomSerializer

    def perform_create(self, serializer):
        fields = serializer.validated_data
        serializer.instance = services.create_room(conference=self.conference, **fields)


class RoomDetail(SetupDetail):
    model, serializer_class = Room, SetupRoomSerializer

    def perform_update(self, serializer):
        changes = serializer.validated_data
        serializer.instance = services.update_room(room=serializer.instance, **changes)

    def perform_destroy(self, instance):
        services.delete_room(room=instance)


def with_seats_taken(ticket_types):
    seats = Q(registrations__state__in=Registration.SEAT_STATES)
    return ticket_types.annotate(seats_taken_count=Count("registrations", filter=seats))


class TicketTypeList(SetupList):
    model, serializer_class = TicketType, SetupTicketTypeSerializer

    def get_queryset(self):
        return with_seats_taken(super().get_queryset())

    def perform_create(self, serializer):
        fields = serializer.validated_data
        serializer.instance = services.create_ticket_type(conference=self.conference, **fields)


class TicketTypeDetail(SetupDetail):
    model, serializer_class = TicketType, SetupTicketTypeSerializer

    def get_queryset(self):
        return with_seats_taken(super().get_queryset())

    def perform_update(self, serializer):
        changes = serializer.validated_data
        instance = serializer.instance
        serializer.instance = services.update_ticket_type(ticket_type=instance, **changes)

    def perform_destroy(self, instance):
        services.delete_ticket_type(ticket_type=instance)
