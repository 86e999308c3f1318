"""What organisers read and write about model versions and ML jobs."""

from rest_framework import serializers

from modeldemo.enums import Kind
from modeldemo.models import Job, ModelVersion


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
            "gate",
            "override_reason",
            "is_stale",
        ]


class ActivateRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Why to activate a version the gate found worse (recorded on the version).",
    )


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
            "error",
            "task_id",
            "model_version",
            "created_at",
            "updated_at",
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
