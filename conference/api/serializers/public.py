"""What anybody may read: conferences, tracks, rooms, public talks and their speakers."""

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from conference.models import Conference, Room, Track
from talks import selectors as talk_selectors
from talks.models import Submission


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


class SpeakerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return talk_selectors.speaker_display_name(user=user)


class TalkSerializer(serializers.ModelSerializer):
    track = TrackRefSerializer(allow_null=True)
    speakers = SpeakerRefSerializer(many=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "title",
            "abstract",
            "format",
            "duration",
            "level",
            "language",
            "state",
            "track",
            "speakers",
        ]


class SpeakerSerializer(serializers.Serializer):
    """What the public speaker page shows: name, biography, affiliation, links, photo, talks."""

    id = serializers.IntegerField(source="pk")
    name = serializers.SerializerMethodField()
    bio = serializers.SerializerMethodField()
    affiliation = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()
    photo_url = serializers.SerializerMethodField()
    talks = serializers.SerializerMethodField()

    def _profile(self, user):
        try:
            return user.speaker_profile
        except ObjectDoesNotExist:
            return None

    def get_name(self, user) -> str:
        return talk_selectors.speaker_display_name(user=user)

    def get_bio(self, user) -> str:
        profile = self._profile(user)
        return profile.bio if profile else ""

    def get_affiliation(self, user) -> str:
        profile = self._profile(user)
        return profile.affiliation if profile else ""

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_links(self, user) -> list[str]:
        profile = self._profile(user)
        return profile.link_list if profile else []

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_photo_url(self, user) -> str | None:
        profile = self._profile(user)
        if not profile or not profile.photo:
            return None
        return reverse("talks:speaker_photo", args=[user.pk])

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_talks(self, user) -> list[int]:
        return sorted(talk.pk for talk in user.public_talks)
