"""What anybody may read of the event: conferences, tracks and rooms."""

from rest_framework import serializers

from conference.models import Conference, Room, Track


class ConferenceSerializer(serializers.ModelSerializer):
    cfp_is_open = serializers.SerializerMethodField()

    class Meta:
        model = Conference
        fields = [
            "slug",
            "name",
            "description",
            "venue",
            "start_date",
            "end_date",
            "timezone",
            "cfp_opens_at",
            "cfp_closes_at",
            "cfp_is_open",
        ]

    def get_cfp_is_open(self, conference: Conference) -> bool:
        return conference.cfp_is_open()


class TrackSerializer(serializers.ModelSerializer):
    class Meta:
        model = Track
        fields = ["id", "name", "slug", "description", "colour", "position"]


class TrackRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Track
        fields = ["id", "name", "slug"]


class RoomSerializer(serializers.ModelSerializer):
    class Meta:
        model = Room
        fields = ["id", "name", "capacity", "position"]
