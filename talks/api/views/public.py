"""Public, read-only: accepted and confirmed talks and their speakers."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from talks.api.serializers.public import SpeakerSerializer, TalkSerializer
from talks.enums import Format, Level
from talks.models import Submission, speakers_prefetch

PUBLIC = "public"


class TalkFilter(django_filters.FilterSet):
    track = django_filters.CharFilter(field_name="track__slug", max_length=50)
    format = django_filters.ChoiceFilter(choices=Format.choices)
    level = django_filters.ChoiceFilter(choices=Level.choices)

    class Meta:
        model = Submission
        fields = ["track", "format", "level"]


def public_talks(conference):
    return (
        Submission.objects.public()
        .filter(conference=conference)
        .select_related("track")
        .prefetch_related(speakers_prefetch())
    )


@extend_schema_view(
    get=extend_schema(
        tags=[PUBLIC],
        parameters=[SLUG_PARAMETER],
        description="Accepted and confirmed talks; no reviews.",
    )
)
class TalkList(ConferenceMixin, generics.ListAPIView):
    serializer_class = TalkSerializer
    filterset_class = TalkFilter
    ordering_fields = ["title", "duration"]
    ordering = ["title"]

    def get_queryset(self):
        if self.is_schema_view:
            return Submission.objects.none()
        return public_talks(self.conference)


@extend_schema(tags=[PUBLIC], parameters=[SLUG_PARAMETER])
class TalkDetail(ConferenceMixin, generics.RetrieveAPIView):
    serializer_class = TalkSerializer

    def get_queryset(self):
        if self.is_schema_view:
            return Submission.objects.none()
        return public_talks(self.conference)


class SpeakerFilter(django_filters.FilterSet):
    track = django_filters.CharFilter(method="filter_track", max_length=50)

    class Meta:
        model = get_user_model()
        fields = ["track"]

    def filter_track(self, queryset, name, value):
        talks = Submission.objects.public().filter(
            conference__slug=self.request.parser_context["kwargs"]["slug"], track__slug=value
        )
        return queryset.filter(pk__in=talks.values("speakers"))


@extend_schema(
    tags=[PUBLIC],
    parameters=[SLUG_PARAMETER],
    description="The speakers of the conference's accepted and confirmed talks.",
)
class SpeakerList(ConferenceMixin, generics.ListAPIView):
    serializer_class = SpeakerSerializer
    filterset_class = SpeakerFilter
    ordering_fields = ["id", "username"]
    ordering = ["id"]

    def get_queryset(self):
        users = get_user_model().objects
        if self.is_schema_view:
            return users.none()
        talks = Submission.objects.public().filter(conference=self.conference)
        return (
            users.filter(pk__in=talks.values("speakers"))
            .select_related("speaker_profile")
            .prefetch_related(
                Prefetch("speaking_submissions", queryset=talks, to_attr="public_talks")
            )
        )
