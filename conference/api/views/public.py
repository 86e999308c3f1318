"""Public, read-only: conferences, their tracks and rooms."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from conference.api.serializers.public import (
    ConferenceSerializer,
    RoomSerializer,
    TrackSerializer,
)
from conference.models import Conference, Room, Track

PUBLIC = "public"


@extend_schema(tags=[PUBLIC])
class ConferenceList(generics.ListAPIView):
    serializer_class = ConferenceSerializer
    queryset = Conference.objects.all()
    filterset_fields = {"start_date": ["gte", "lte"], "end_date": ["gte", "lte"]}
    ordering_fields = ["start_date", "name"]


@extend_schema(tags=[PUBLIC], parameters=[SLUG_PARAMETER])
class ConferenceDetail(generics.RetrieveAPIView):
    serializer_class = ConferenceSerializer
    queryset = Conference.objects.all()
    lookup_field = "slug"


@extend_schema(tags=[PUBLIC], parameters=[SLUG_PARAMETER])
class TrackList(ConferenceMixin, generics.ListAPIView):
    serializer_class = TrackSerializer
    filterset_fields = ["slug"]
    ordering_fields = ["position", "name"]

    def get_queryset(self):
        if self.is_schema_view:
            return Track.objects.none()
        return Track.objects.filter(conference=self.conference)


@extend_schema(tags=[PUBLIC], parameters=[SLUG_PARAMETER])
class RoomList(ConferenceMixin, generics.ListAPIView):
    serializer_class = RoomSerializer
    filterset_fields = {"capacity": ["gte", "lte"]}
    ordering_fields = ["position", "name", "capacity"]

    def get_queryset(self):
        if self.is_schema_view:
            return Room.objects.none()
        return Room.objects.filter(conference=self.conference)
