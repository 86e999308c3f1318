"""Organisers' ML endpoints: model versions (list, activate), training, re-categorisation, jobs.

The modeldemo services check conference.rules.is_organiser again; the permission class answers
before anything is queued.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from conference.api.exceptions import Conflict, ErrorSerializer
from conference.api.permissions import IsOrganiser
from conference.api.throttling import TokenWriteThrottle
from modeldemo import services as ml_services
from modeldemo.api.serializers import (
    ActivateRequestSerializer,
    ActivationSerializer,
    JobSerializer,
    ModelVersionSerializer,
    StartTrainingSerializer,
)
from modeldemo.api.throttling import MLWorkThrottle
from modeldemo.models import Job, ModelVersion

ML = "machine learning"
# The endpoints that queue work on the ml workers: the default throttle, and the "ml" rate.
ML_WORK_THROTTLES = [TokenWriteThrottle, MLWorkThrottle]


@extend_schema(tags=[ML], parameters=[SLUG_PARAMETER])
class ModelVersionList(ConferenceMixin, generics.ListAPIView):
    permission_classes = [IsOrganiser]
    serializer_class = ModelVersionSerializer
    filterset_fields = {
        "kind": ["exact"],
        "status": ["exact"],
        "is_active": ["exact"],
    }
    ordering_fields = ["created_at", "kind"]
    ordering = ["-created_at"]

    def get_queryset(self):
        if self.is_schema_view:
            return ModelVersion.objects.none()
        return ModelVersion.objects.filter(conference=self.conference)


@extend_schema(tags=[ML], parameters=[SLUG_PARAMETER])
class ModelVersionActivate(ConferenceMixin, APIView):
    permission_classes = [IsOrganiser]

    @extend_schema(request=ActivateRequestSerializer, responses=ActivationSerializer)
    def post(self, request, slug: str, pk: int):
        """Make this version the conference's categoriser (or roll back to it).

        Refused (400) when the gate found it worse on this conference's decided submissions,
        unless a `reason` is given.
        """
        version = get_object_or_404(ModelVersion, conference=self.conference, pk=pk)
        body = ActivateRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        unknown = ml_services.activate_model_version(
            version=version, user=request.user, reason=body.validated_data.get("reason", "")
        )
        return Response(
            ActivationSerializer({"model_version": version, "unknown_labels": unknown}).data
        )


@extend_schema(tags=[ML], parameters=[SLUG_PARAMETER])
class StartTraining(ConferenceMixin, APIView):
    permission_classes = [IsOrganiser]
    throttle_classes = ML_WORK_THROTTLES

    @extend_schema(
        request=StartTrainingSerializer,
        responses={202: JobSerializer, 409: ErrorSerializer, 429: ErrorSerializer},
    )
    def post(self, request, slug: str):
        """Register a new model version and queue its training; poll the returned job.

        409 while another training of the conference is queued or running.
        """
        serializer = StartTrainingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            job = ml_services.start_training(
                conference=self.conference, user=request.user, **serializer.validated_data
            )
        except DjangoValidationError as error:
            if getattr(error, "code", None) == "busy":
                raise Conflict(" ".join(error.messages)) from None
            raise
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=[ML], parameters=[SLUG_PARAMETER])
class StartRecategorisation(ConferenceMixin, APIView):
    permission_classes = [IsOrganiser]
    throttle_classes = ML_WORK_THROTTLES

    @extend_schema(
        request=None, responses={200: JobSerializer, 202: JobSerializer, 429: ErrorSerializer}
    )
    def post(self, request, slug: str):
        """Queue re-categorisation of every submission with the active model (202).

        While one is queued or running, nothing is queued: 200 with that job.
        """
        job, created = ml_services.start_recategorisation(
            conference=self.conference, user=request.user
        )
        return Response(
            JobSerializer(job).data,
            status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK,
        )


@extend_schema(tags=[ML], parameters=[SLUG_PARAMETER])
class JobList(ConferenceMixin, generics.ListAPIView):
    permission_classes = [IsOrganiser]
    serializer_class = JobSerializer
    filterset_fields = {"kind": ["exact"], "status": ["exact"]}
    ordering_fields = ["created_at"]
    ordering = ["-created_at"]

    def get_queryset(self):
        if self.is_schema_view:
            return Job.objects.none()
        return Job.objects.filter(conference=self.conference)


@extend_schema(tags=[ML], parameters=[SLUG_PARAMETER])
class JobDetail(ConferenceMixin, generics.RetrieveAPIView):
    """A job's state and progress (done/total, percent)."""

    permission_classes = [IsOrganiser]
    serializer_class = JobSerializer

    def get_queryset(self):
        if self.is_schema_view:
            return Job.objects.none()
        return Job.objects.filter(conference=self.conference)
