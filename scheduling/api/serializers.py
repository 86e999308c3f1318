"""The published schedule (releases) and moving an item of the working copy."""

from rest_framework import serializers

from scheduling.models import Release, ScheduleItem

MAX_INT = 2**31 - 1
# Times far outside any conference are refused here, before time-zone arithmetic overflows.
MIN_YEAR, MAX_YEAR = 2000, 2100


class ReleaseSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Release
        fields = ["number", "version", "comment", "changelog", "published_at"]


class ReleaseSerializer(serializers.ModelSerializer):
    snapshot = serializers.DictField(help_text="Rooms, tracks, speakers and items as published.")
    changelog = serializers.DictField()

    class Meta:
        model = Release
        fields = ["number", "version", "comment", "changelog", "published_at", "snapshot"]


class PublishSerializer(serializers.Serializer):
    comment = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text="a note for attendees"
    )


class ScheduleItemSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="display_title")

    class Meta:
        model = ScheduleItem
        fields = ["id", "kind", "title", "submission", "room", "start", "end", "version"]


class MoveItemSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    room = serializers.IntegerField(min_value=1, max_value=MAX_INT, allow_null=True)
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()

    def validate(self, data):
        for field in ("start", "end"):
            if not MIN_YEAR <= data[field].year <= MAX_YEAR:
                raise serializers.ValidationError({field: ["Give a time of the conference."]})
        return data
