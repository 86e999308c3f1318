"""Organisers' endpoints below /conferences/<slug>/: submissions with predictions and reviews,
decisions and tracks. Every one asks conference.rules.is_organiser."""

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from conference.api.permissions import IsOrganiser
from talks import services as talk_services
from talks.api.serializers.team import (
    DecisionSerializer,
    ReviewSerializer,
    SetTrackSerializer,
    TeamSubmissionSerializer,
)
from talks.enums import Format, State, TrackSource
from talks.models import Prediction, Review, Submission, speakers_prefetch

TEAM = "organisers"


class TeamSubmissionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=State.choices)
    format = django_filters.ChoiceFilter(choices=Format.choices)
    track = django_filters.CharFilter(field_name="track__slug", max_length=50)
    track_source = django_filters.ChoiceFilter(choices=TrackSource.choices)

    class Meta:
        model = Submission
        fields = ["state", "format", "track", "track_source"]


def team_submissions(conference):
    return (
        Submission.objects.sent_in()
        .filter(conference=conference)
        .select_related("track", "suggested_track")
        .prefetch_related(
            speakers_prefetch(),
            Prefetch("predictions", queryset=Prediction.objects.select_related("track")),
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
        )
    )


# The organisers' view of the conference's team_submissions(). (No docstring: views without one
# would show it in the schema.)
class TeamSubmissionView(ConferenceMixin):
    permission_classes = [IsOrganiser]
    serializer_class = TeamSubmissionSerializer

    def get_queryset(self):
        if self.is_schema_view:
            return Submission.objects.none()
        return team_submissions(self.conference)

    def answer(self, pk: int) -> Response:
        """The submission as it is after a change, re-read with its predictions and reviews."""
        return Response(TeamSubmissionSerializer(self.get_queryset().get(pk=pk)).data)


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class TeamSubmissionList(TeamSubmissionView, generics.ListAPIView):
    """Every submission but drafts, with its predictions and reviews."""

    filterset_class = TeamSubmissionFilter
    ordering_fields = ["created_at", "title", "suggested_confidence"]
    ordering = ["-created_at"]


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class TeamSubmissionDetail(TeamSubmissionView, generics.RetrieveAPIView):
    pass


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class SubmissionTrack(TeamSubmissionView, APIView):
    @extend_schema(request=SetTrackSerializer, responses=TeamSubmissionSerializer)
    def post(self, request, slug: str, pk: int):
        """Confirm the suggested track or override it with another track of the conference."""
        submission = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = SetTrackSerializer(data=request.data, context={"conference": self.conference})
        serializer.is_valid(raise_exception=True)
        track = serializer.validated_data["track"]
        talk_services.set_submission_track(submission=submission, track=track, user=request.user)
        return self.answer(pk)


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class SubmissionDecision(TeamSubmissionView, APIView):
    @extend_schema(request=DecisionSerializer, responses=TeamSubmissionSerializer)
    def post(self, request, slug: str, pk: int):
        """Accept or reject a submitted talk, or cancel an accepted or confirmed one.

        The speakers get the state's e-mail (accepted: with the confirm link). A transition
        the table lacks (e.g. rejecting a withdrawn talk) is a 400 naming both states.
        """
        submission = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        talk_services.change_submission_state(
            submission=submission, to_state=serializer.validated_data["state"], user=request.user
        )
        return self.answer(pk)


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class ReviewList(ConferenceMixin, generics.ListAPIView):
    permission_classes = [IsOrganiser]
    serializer_class = ReviewSerializer
    filterset_fields = {"submission": ["exact"], "score": ["exact", "gte", "lte"]}
    ordering_fields = ["created_at", "score"]
    ordering = ["created_at"]

    def get_queryset(self):
        if self.is_schema_view:
            return Review.objects.none()
        return Review.objects.filter(submission__conference=self.conference).select_related(
            "reviewer"
        )
