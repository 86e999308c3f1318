"""Organisers' registrations below /conferences/<slug>/registrations/: list, CSV export and
check-in, through conference.registration's selectors and services."""

import io

import django_filters
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from conference.api.exceptions import ErrorSerializer
from conference.api.permissions import IsOrganiser
from conference.api.serializers.registrations import CheckInSerializer, RegistrationSerializer
from conference.models import Registration
from conference.registration import selectors as registration_selectors
from conference.registration import services as registration_services
from conference.registration.export import write_attendees_csv

REGISTRATIONS = "organisers"


class RegistrationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=Registration.State.choices)
    ticket_type = django_filters.NumberFilter(field_name="ticket_type_id", min_value=1)

    class Meta:
        model = Registration
        fields = ["state", "ticket_type"]


@extend_schema(tags=[REGISTRATIONS], parameters=[SLUG_PARAMETER])
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


@extend_schema(tags=[REGISTRATIONS], parameters=[SLUG_PARAMETER])
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


@extend_schema(tags=[REGISTRATIONS], parameters=[SLUG_PARAMETER])
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
