"""Organisers' set-up below /conferences/<slug>/setup/: tracks, rooms and ticket types.

Writes go through conference.setup.services, as the set-up pages do: the same validation
(full_clean, unique names), a track's slug fixed at creation, a quota never below the seats
taken (a raised one serving the waiting list at once), no deleting a ticket type somebody
registered for or a room with items scheduled in it.
"""

from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema
from rest_framework import generics

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


class SetupMixin(ConferenceMixin):
    """One kind of set-up object of the URL's conference, written through its services."""

    permission_classes = [IsOrganiser]
    model = None
    # The services, as staticmethods (not named create/update/delete: DRF's handlers are).
    create_service = update_service = delete_service = None
    argument = ""  # the services' keyword for the object: "track", "room", "ticket_type"

    def get_queryset(self):
        if self.is_schema_view:
            return self.model.objects.none()
        return self.model.objects.filter(conference=self.conference)

    def perform_create(self, serializer):
        serializer.instance = self.create_service(
            conference=self.conference, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = self.update_service(
            **{self.argument: serializer.instance}, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        self.delete_service(**{self.argument: instance})


class SetupList(SetupMixin, generics.ListCreateAPIView):
    pagination_class = None  # a conference has a handful of each
    filter_backends = []


class SetupDetail(SetupMixin, generics.RetrieveUpdateDestroyAPIView):
    http_method_names = ["get", "patch", "delete", "head", "options"]


class TrackMixin:
    model, argument, serializer_class = Track, "track", SetupTrackSerializer
    create_service = staticmethod(services.create_track)
    update_service = staticmethod(services.update_track)
    delete_service = staticmethod(services.delete_track)


class RoomMixin:
    model, argument, serializer_class = Room, "room", SetupRoomSerializer
    create_service = staticmethod(services.create_room)
    update_service = staticmethod(services.update_room)
    delete_service = staticmethod(services.delete_room)


class TicketTypeMixin:
    model, argument, serializer_class = TicketType, "ticket_type", SetupTicketTypeSerializer
    create_service = staticmethod(services.create_ticket_type)
    update_service = staticmethod(services.update_ticket_type)
    delete_service = staticmethod(services.delete_ticket_type)

    def get_queryset(self):
        seats = Q(registrations__state__in=Registration.SEAT_STATES)
        return (
            super().get_queryset().annotate(seats_taken_count=Count("registrations", filter=seats))
        )


def _views(mixin, name: str):
    tagged = extend_schema(tags=[SETUP], parameters=[SLUG_PARAMETER])
    listing = tagged(type(f"{name}List", (mixin, SetupList), {}))
    detail = tagged(type(f"{name}Detail", (mixin, SetupDetail), {}))
    return listing, detail


TrackList, TrackDetail = _views(TrackMixin, "SetupTrack")
RoomList, RoomDetail = _views(RoomMixin, "SetupRoom")
TicketTypeList, TicketTypeDetail = _views(TicketTypeMixin, "SetupTicketType")
