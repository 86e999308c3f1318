"""A speaker's own submissions: read, create, edit (the talks services check the CfP rules)."""

from rest_framework import serializers

from conference.api.serializers.public import TrackRefSerializer
from conference.models import Conference
from talks.api.serializers.public import (
    SUBMISSION_FIELDS,
    SpeakerRefSerializer,
    SubmissionSerializer,
)
from talks.enums import Format, Language, Level, TextLanguage
from talks.models import ABSTRACT_MAX_LENGTH, TITLE_MAX_LENGTH, SpeakerInvitation
from talks.models.cfp import MAX_DURATION, MIN_DURATION


class OwnSubmissionSerializer(SubmissionSerializer):
    conference = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    track = TrackRefSerializer(allow_null=True, read_only=True)
    speakers = SpeakerRefSerializer(many=True, read_only=True)

    class Meta(SubmissionSerializer.Meta):
        fields = [
            "id",
            "conference",
            *SUBMISSION_FIELDS,
            "text_language",
            "speakers",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class SubmissionCreateSerializer(serializers.Serializer):
    conference = serializers.SlugRelatedField(slug_field="slug", queryset=Conference.objects.all())
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    abstract = serializers.CharField(max_length=ABSTRACT_MAX_LENGTH)
    format = serializers.ChoiceField(choices=Format.choices)
    duration = serializers.IntegerField(min_value=MIN_DURATION, max_value=MAX_DURATION)
    level = serializers.ChoiceField(choices=Level.choices, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=Language.choices, required=False, allow_blank=True)
    # Empty or left out: detected from the title and abstract.
    text_language = serializers.ChoiceField(
        choices=TextLanguage.choices, required=False, allow_blank=True
    )
    draft = serializers.BooleanField(required=False, default=False)


class SubmissionUpdateSerializer(serializers.Serializer):
    """Only the fields sent are changed; `version` (optional) refuses a stale edit with 409."""

    title = serializers.CharField(max_length=TITLE_MAX_LENGTH, required=False)
    abstract = serializers.CharField(max_length=ABSTRACT_MAX_LENGTH, required=False)
    format = serializers.ChoiceField(choices=Format.choices, required=False)
    duration = serializers.IntegerField(
        min_value=MIN_DURATION, max_value=MAX_DURATION, required=False
    )
    level = serializers.ChoiceField(choices=Level.choices, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=Language.choices, required=False, allow_blank=True)
    # Empty or left out: detected from the title and abstract.
    text_language = serializers.ChoiceField(
        choices=TextLanguage.choices, required=False, allow_blank=True
    )
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


class InvitationSerializer(serializers.ModelSerializer):
    """A co-speaker invitation as its speakers see it: the token goes by e-mail only."""

    accepted = serializers.SerializerMethodField()

    class Meta:
        model = SpeakerInvitation
        fields = ["email", "accepted", "created_at", "accepted_at"]

    def get_accepted(self, invitation) -> bool:
        return invitation.accepted_at is not None


class InviteSerializer(serializers.Serializer):
    email = serializers.EmailField()
