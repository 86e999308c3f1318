"""Organisers' endpoints below /conferences/<slug>/: submissions with predictions and reviews,
track decisions, registrations and check-in. Every one asks conference.rules.is_organiser."""

import io

import django_filters
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from conference.api.exceptions import ErrorSerializer
from conference.api.permissions import IsOrganiser
from conference.api.serializers.team import (
    CheckInSerializer,
    DecisionSerializer,
    RegistrationSerializer,
    ReviewSerializer,
    SetTrackSerializer,
    TeamSubmissionSerializer,
)
from conference.models import Registration
from conference.registration import selectors as registration_selectors
from conference.registration import services as registration_services
from conference.registration.export import write_attendees_csv
from talks import services as talk_services
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


class RegistrationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=Registration.State.choices)
    ticket_type = django_filters.NumberFilter(field_name="ticket_type_id", min_value=1)

    class Meta:
        model = Registration
        fields = ["state", "ticket_type"]


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class RegistrationList(ConferenceMixin, generics.ListAPIView):
    permission_classes = [IsOrganiser]
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter
    ordering_fields = ["created_at", "name", "email"]
    ordering = ["created_at"]

    def get_queryset(self):
        if self.is_schema_view:
            return Registration.objects.none()
        return Registration.objects.filter(conference=self.conference).select_related("ticket_type")


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class RegistrationExport(ConferenceMixin, APIView):
    permission_classes = [IsOrganiser]

    @extend_schema(
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="attendees.csv"),
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        }
    )
    def get(self, request, slug: str):
        """Every registration with its answers, as in the organisers' CSV export."""
        out = io.StringIO()
        write_attendees_csv(
            out=out,
            conference=self.conference,
            registrations=registration_selectors.attendees_with_answers(conference=self.conference),
            questions=list(registration_selectors.question_list(conference=self.conference)),
        )
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        filename = f"{self.conference.slug}-attendees.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


@extend_schema(tags=[TEAM], parameters=[SLUG_PARAMETER])
class RegistrationCheckIn(ConferenceMixin, APIView):
    permission_classes = [IsOrganiser]

    @extend_schema(request=None, responses=CheckInSerializer)
    def post(self, request, slug: str, pk: int):
        """Check a confirmed attendee in; a second check-in changes nothing (checked_in_now)."""
        registration = registration_selectors.registration_for_organiser(
            conference=self.conference, pk=pk
        )
        result = registration_services.check_in_registration(
            registration=registration, by=request.user
        )
        return Response(
            CheckInSerializer(
                {"registration": result.registration, "checked_in_now": result.checked_in_now}
            ).data
        )
