"""What organisers write to set a conference up: tracks, rooms and ticket types."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from conference.models import Room, TicketType, Track
from conference.registration.services import seats_taken


class SetupTrackSerializer(serializers.ModelSerializer):
    class Meta:
        model = Track
        fields = ["id", "name", "slug", "description", "colour", "position"]
        # The slug comes from the name when the track is created and never changes after.
        read_only_fields = ["slug"]


class SetupRoomSerializer(serializers.ModelSerializer):
    class Meta:
        model = Room
        fields = ["id", "name", "capacity", "position"]


def within_calendar_years(value):
    """A sale window in our calendar era: before 1900 a zone has odd local-mean-time offsets
    (Shanghai's is +08:05:43), which RFC 3339 cannot write back; no sale starts then anyway."""
    if value is not None and not 2000 <= value.year <= 2100:
        raise serializers.ValidationError(_("Give a date between the years 2000 and 2100."))
    return value


class SetupTicketTypeSerializer(serializers.ModelSerializer):
    seats_taken = serializers.SerializerMethodField()

    class Meta:
        model = TicketType
        fields = [
            "id",
            "name",
            "description",
            "price",
            "currency",
            "quota",
            "seats_taken",
            "sale_starts_at",
            "sale_ends_at",
            "is_visible",
            "position",
        ]
        extra_kwargs = {
            "sale_starts_at": {"validators": [within_calendar_years]},
            "sale_ends_at": {"validators": [within_calendar_years]},
        }

    def get_seats_taken(self, ticket_type) -> int:
        """Confirmed and checked-in registrations: the quota cannot go below this."""
        annotated = getattr(ticket_type, "seats_taken_count", None)
        return annotated if annotated is not None else seats_taken(ticket_type=ticket_type)
