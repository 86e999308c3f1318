"""The published schedule (releases) and moving an item of the working copy."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _
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
    confirm_conflicts = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text=(
            "the `confirm_conflicts` of the 409 answer: publish despite exactly those "
            "conflicts; `all`: despite whatever conflicts there are"
        ),
    )
    hold_mail = serializers.BooleanField(
        default=True,
        help_text="keep the speakers' e-mails in the outbox for an organiser to release "
        "(false: send them at once)",
    )


class PublishRefusedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField()
    conflicts = serializers.ListField(child=serializers.DictField())
    confirm_conflicts = serializers.CharField(
        help_text="send it back to publish despite these conflicts"
    )


class ScheduleItemSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="display_title")

    class Meta:
        model = ScheduleItem
        fields = ["id", "kind", "title", "submission", "room", "start", "end", "version"]


def _id(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_INT, **kwargs)


def _check_years(data: dict) -> dict:
    for field in ("start", "end"):
        if not MIN_YEAR <= data[field].year <= MAX_YEAR:
            raise serializers.ValidationError({field: [_("Give a time of the conference.")]})
    return data


class MoveItemSerializer(serializers.Serializer):
    """Move or resize an item: the REST API's move and the agenda editor's PATCH. Times
    without an offset are read in the conference's zone (the views activate it). The
    validated data are services.move_item's keyword arguments."""

    version = _id()
    room = _id(allow_null=True, source="room_id")
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()

    def validate(self, data):
        return _check_years(data)


class PlaceItemSerializer(serializers.Serializer):
    """Place a talk (submission) or add a break or blocker (kind, title; room null: every
    room), with an end or a length in minutes: the agenda editor's POST. The validated data
    are services.create_item's keyword arguments."""

    submission = _id(required=False, allow_null=True, source="submission_id")
    kind = serializers.CharField(required=False, allow_blank=True, default="")
    title = serializers.CharField(required=False, allow_blank=True, default="")
    room = _id(required=False, allow_null=True, source="room_id")
    start = serializers.DateTimeField()
    end = serializers.DateTimeField(required=False)
    minutes = _id(required=False)

    def validate(self, data):
        minutes = data.pop("minutes", None)
        if "end" not in data:
            if minutes is None:
                raise serializers.ValidationError({"end": [_("Give an end or minutes.")]})
            try:
                data["end"] = data["start"] + timedelta(minutes=minutes)
            except OverflowError:
                raise serializers.ValidationError({"minutes": [_("Too long.")]}) from None
        return _check_years(data)


class VersionSerializer(serializers.Serializer):
    """The item's version as the client saw it: the editor's DELETE."""

    version = _id()


class SilenceSerializer(VersionSerializer):
    code = serializers.CharField(required=False, allow_blank=True, default="")
    silenced = serializers.BooleanField(required=False, default=True)
