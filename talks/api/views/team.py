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
from talks.models import Prediction, Review, Submission

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
        Submission.objects.filter(conference=conference)
        .exclude(state=State.DRAFT)
        .select_related("track", "suggested_track")
        .prefetch_related(
            "speakers__speaker_profile",
            Prefetch("predictions", queryset=Prediction.objects.select_related("track")),
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
        )
    )


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class TeamSubmissionList(ConferenceMixin, generics.ListAPIView):
    """Every submission but drafts, with its predictions and reviews."""

    permission_classes = [IsOrganiser]
    serializer_class = TeamSubmissionSerializer
    filterset_class = TeamSubmissionFilter
    ordering_fields = ["created_at", "title", "suggested_confidence"]
    ordering = ["-created_at"]

    def get_queryset(self):
        if self.is_schema_view:
            return Submission.objects.none()
        return team_submissions(self.conference)


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class TeamSubmissionDetail(ConferenceMixin, generics.RetrieveAPIView):
    permission_classes = [IsOrganiser]
    serializer_class = TeamSubmissionSerializer

    def get_queryset(self):
        if self.is_schema_view:
            return Submission.objects.none()
        return team_submissions(self.conference)


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class SubmissionTrack(ConferenceMixin, APIView):
    permission_classes = [IsOrganiser]

    @extend_schema(request=SetTrackSerializer, responses=TeamSubmissionSerializer)
    def post(self, request, slug: str, pk: int):
        """Confirm the suggested track or override it with another track of the conference."""
        submission = get_object_or_404(team_submissions(self.conference), pk=pk)
        serializer = SetTrackSerializer(data=request.data, context={"conference": self.conference})
        serializer.is_valid(raise_exception=True)
        talk_services.set_submission_track(
            submission=submission, track=serializer.validated_data["track"], user=request.user
        )
        submission = team_submissions(self.conference).get(pk=pk)
        return Response(TeamSubmissionSerializer(submission).data)


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class SubmissionDecision(ConferenceMixin, APIView):
    permission_classes = [IsOrganiser]

    @extend_schema(request=DecisionSerializer, responses=TeamSubmissionSerializer)
    def post(self, request, slug: str, pk: int):
        """Accept or reject a submitted talk, or cancel an accepted or confirmed one.

        The speakers get the state's e-mail (accepted: with the confirm link). A transition
        the table lacks (e.g. rejecting a withdrawn talk) is a 400 naming both states.
        """
        submission = get_object_or_404(team_submissions(self.conference), pk=pk)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        talk_services.change_submission_state(
            submission=submission, to_state=serializer.validated_data["state"], user=request.user
        )
        submission = team_submissions(self.conference).get(pk=pk)
        return Response(TeamSubmissionSerializer(submission).data)


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
