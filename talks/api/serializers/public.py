"""What anybody may read of talks and speakers, and the base of every submission serializer."""

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from conference.api.serializers.public import TrackRefSerializer
from talks import selectors as talk_selectors
from talks.models import Submission

# What every view of a submission shows, in this order, after its "id" (the speaker's own view
# puts "conference" between them).
SUBMISSION_FIELDS = (
    "title",
    "abstract",
    "format",
    "duration",
    "level",
    "language",
    "state",
    "track",
)
# What the review team sees besides: how the track was decided and what was suggested.
TRIAGE_FIELDS = ("track_source", "suggested_track", "suggested_confidence")


# The base of the submission serializers. (No docstring: those without one would show it in
# the schema.)
class SubmissionSerializer(serializers.ModelSerializer):
    track = TrackRefSerializer(allow_null=True)

    class Meta:
        model = Submission
        fields = ["id", *SUBMISSION_FIELDS]


class SpeakerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return talk_selectors.speaker_display_name(user=user)


class TalkSerializer(SubmissionSerializer):
    speakers = SpeakerRefSerializer(many=True)

    class Meta(SubmissionSerializer.Meta):
        fields = ["id", *SUBMISSION_FIELDS, "speakers"]


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
