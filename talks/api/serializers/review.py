"""What the review team (organisers and reviewers) reads and writes in the review API.

Unlike the organisers' submission serializer it carries no one else's reviews, and the speakers
only for team members who may see them (never for reviewers while the review is anonymised).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from conference.api.serializers.public import TrackRefSerializer
from talks.api.serializers.public import (
    SUBMISSION_FIELDS,
    TRIAGE_FIELDS,
    SpeakerRefSerializer,
    SubmissionSerializer,
)
from talks.enums import SENT_IN_CHOICES
from talks.models import Review
from talks.models.review import COMMENT_MAX_LENGTH, SCORE_MAX, SCORE_MIN


class OwnReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = ["score", "comment", "created_at", "updated_at"]


class SaveReviewSerializer(serializers.Serializer):
    score = serializers.IntegerField(
        min_value=SCORE_MIN,
        max_value=SCORE_MAX,
        required=False,
        help_text="0–5; needed unless the conference scores by category (then the total of "
        "`scores` replaces it)",
    )
    comment = serializers.CharField(
        max_length=COMMENT_MAX_LENGTH, allow_blank=True, required=False, default=""
    )
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX, allow_null=True),
        required=False,
        help_text="{score category id: 0–5}; every category that counts toward the total",
    )

    def validate(self, data):
        if "score" not in data and "scores" not in data:
            raise serializers.ValidationError({"score": ["This field is required."]})
        return data


class SuggestionSerializer(serializers.Serializer):
    """One line of the latest prediction's top 3: the track's slug and name, its probability."""

    track = serializers.CharField(help_text="the track's slug")
    label = serializers.CharField(help_text="the track's name")
    probability = serializers.FloatField()


class ReviewSubmissionSerializer(SubmissionSerializer):
    suggested_track = TrackRefSerializer(allow_null=True)
    suggestions = serializers.SerializerMethodField()
    spot_check = serializers.SerializerMethodField(
        help_text="in the queue as a spot check: picked whatever its confidence, so that "
        "people's decisions show how often confident suggestions are right"
    )
    speakers = serializers.SerializerMethodField()
    my_review = serializers.SerializerMethodField()

    class Meta(SubmissionSerializer.Meta):
        fields = [
            "id",
            *SUBMISSION_FIELDS,
            *TRIAGE_FIELDS,
            "suggestions",
            "spot_check",
            "speakers",
            "my_review",
            "created_at",
        ]

    def get_spot_check(self, submission) -> bool:
        return bool(getattr(submission, "spot_check", 0))

    @extend_schema_field(SuggestionSerializer(many=True))
    def get_suggestions(self, submission) -> list[dict]:
        top = getattr(submission, "latest_top", None) or []
        return SuggestionSerializer(top, many=True).data

    @extend_schema_field(SpeakerRefSerializer(many=True, allow_null=True))
    def get_speakers(self, submission) -> list[dict] | None:
        """null while the review is anonymised for this team member."""
        if not self.context.get("show_speakers"):
            return None
        return SpeakerRefSerializer(submission.speakers.all(), many=True).data

    @extend_schema_field(OwnReviewSerializer(allow_null=True))
    def get_my_review(self, submission) -> dict | None:
        review = self.context.get("my_reviews", {}).get(submission.pk)
        return OwnReviewSerializer(review).data if review else None


class ReviewQueueQuerySerializer(serializers.Serializer):
    """The filters of the review queue, as query parameters."""

    track = serializers.SlugField(required=False, help_text="a track's slug")
    state = serializers.ChoiceField(choices=SENT_IN_CHOICES, required=False)
    decision = serializers.ChoiceField(
        choices=["pending", "auto", "decided"],
        required=False,
        help_text="pending: no track or an automatic one; auto; decided: by a person",
    )
    min_confidence = serializers.FloatField(min_value=0, max_value=1, required=False)
    max_confidence = serializers.FloatField(min_value=0, max_value=1, required=False)
