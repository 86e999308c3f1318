"""What organisers read and write: submissions with predictions and reviews, registrations,
model versions and ML jobs."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from conference.api.serializers.public import SpeakerRefSerializer, TrackRefSerializer
from conference.models import Registration, Track
from modeldemo.enums import Kind
from modeldemo.models import Job, ModelVersion
from talks.enums import ORGANISER_DECISIONS
from talks.models import Prediction, Review, Submission

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


class TeamSubmissionSerializer(serializers.ModelSerializer):
    track = TrackRefSerializer(allow_null=True)
    suggested_track = TrackRefSerializer(allow_null=True)
    speakers = SpeakerRefSerializer(many=True)
    predictions = PredictionSerializer(many=True)
    reviews = ReviewSerializer(many=True)

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
            "track_source",
            "suggested_track",
            "suggested_confidence",
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
            raise serializers.ValidationError("No such track in this conference.")
        return track


class RegistrationSerializer(serializers.ModelSerializer):
    ticket_type = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "name",
            "email",
            "organisation",
            "ticket_type",
            "state",
            "check_in_code",
            "created_at",
            "confirmed_at",
            "checked_in_at",
        ]


class CheckInSerializer(serializers.Serializer):
    registration = RegistrationSerializer()
    checked_in_now = serializers.BooleanField()


class ModelVersionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = ModelVersion
        fields = [
            "id",
            "name",
            "kind",
            "base_model",
            "labels",
            "metrics",
            "trained_on",
            "validated_on",
            "status",
            "error",
            "is_active",
            "created_at",
            "activated_at",
        ]


class ActivationSerializer(serializers.Serializer):
    model_version = ModelVersionSerializer()
    unknown_labels = serializers.ListField(child=serializers.CharField())


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "status",
            "done",
            "total",
            "percent",
            "message",
            "task_id",
            "model_version",
            "created_at",
            "finished_at",
        ]


class StartTrainingSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    datasets = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=50
    )
    epochs = serializers.IntegerField(min_value=1, max_value=100, required=False)
    max_length = serializers.IntegerField(min_value=8, max_value=512, required=False)
    tfidf_weight = serializers.FloatField(
        min_value=0.0,
        max_value=1.0,
        required=False,
        help_text="bert: weight of the TF-IDF model blended in; 0 = BERT alone (default 0.5).",
    )
