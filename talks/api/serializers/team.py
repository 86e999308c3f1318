"""What organisers read and write of submissions: predictions, reviews, decisions, tracks."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from rest_framework import serializers

from conference.api.serializers.public import TrackRefSerializer
from conference.models import Track
from talks.api.serializers.public import (
    SUBMISSION_FIELDS,
    TRIAGE_FIELDS,
    SpeakerRefSerializer,
    SubmissionSerializer,
)
from talks.enums import ORGANISER_DECISIONS
from talks.models import Prediction, Review

MAX_INT = 2**31 - 1


class PredictionSerializer(serializers.ModelSerializer):
    track = TrackRefSerializer()
    top = serializers.ListField(child=serializers.DictField())

    class Meta:
        model = Prediction
        fields = ["id", "track", "confidence", "top", "categoriser", "model_version", "created_at"]


class ReviewSerializer(serializers.ModelSerializer):
    reviewer = serializers.SlugRelatedField(
        slug_field=get_user_model().USERNAME_FIELD, read_only=True
    )

    class Meta:
        model = Review
        fields = ["id", "submission", "reviewer", "score", "comment", "created_at", "updated_at"]


class TeamSubmissionSerializer(SubmissionSerializer):
    suggested_track = TrackRefSerializer(allow_null=True)
    speakers = SpeakerRefSerializer(many=True)
    predictions = PredictionSerializer(many=True)
    reviews = ReviewSerializer(many=True)

    class Meta(SubmissionSerializer.Meta):
        fields = [
            "id",
            *SUBMISSION_FIELDS,
            *TRIAGE_FIELDS,
            "speakers",
            "predictions",
            "reviews",
            "version",
            "created_at",
            "updated_at",
        ]


class DecisionSerializer(serializers.Serializer):
    # The organisers' decisions of the transitions table (talks.services.submissions).
    state = serializers.ChoiceField(choices=[(s.value, s.label) for s in ORGANISER_DECISIONS])


class SetTrackSerializer(serializers.Serializer):
    """The track to decide on, by id; validated_data["track"] is the Track of
    context["conference"], and a track of another conference is an error."""

    track = serializers.IntegerField(min_value=1, max_value=MAX_INT)

    def validate_track(self, pk: int) -> Track:
        track = Track.objects.filter(conference=self.context["conference"], pk=pk).first()
        if track is None:
            raise serializers.ValidationError(_("No such track in this conference."))
        return track
