"""The published schedule (public) and moving an item of the working copy (organisers).

Moves go through scheduling.services.move_item with its optimistic concurrency: the item's
`version` as the client saw it; a stale one answers 409 and changes nothing.
"""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from conference.api.exceptions import Conflict
from conference.api.permissions import CanEditSchedule
from scheduling import selectors as schedule_selectors
from scheduling import services as schedule_services
from scheduling.api.serializers import (
    MoveItemSerializer,
    PublishRefusedSerializer,
    PublishSerializer,
    ReleaseSerializer,
    ReleaseSummarySerializer,
    ScheduleItemSerializer,
)
from scheduling.models import Release
from scheduling.services.releases import PublishRefused, conflicts_digest

SCHEDULE = "schedule"


@extend_schema(tags=[SCHEDULE], parameters=[SLUG_PARAMETER])
class PublishedSchedule(ConferenceMixin, APIView):
    @extend_schema(responses=ReleaseSerializer)
    def get(self, request, slug: str):
        """The latest published release of the schedule; 404 before the first one."""
        release = schedule_selectors.latest_release(conference=self.conference)
        if release is None:
            raise Http404
        return Response(ReleaseSerializer(release).data)


@extend_schema(tags=[SCHEDULE], parameters=[SLUG_PARAMETER])
class ReleaseList(ConferenceMixin, generics.ListAPIView):
    """GET (anybody): every published release with its changelog, newest first (without
    snapshots). POST (organisers): publish the working copy as the next release."""

    serializer_class = ReleaseSummarySerializer
    filterset_fields = {"number": ["gte", "lte"]}
    ordering_fields = ["number"]
    ordering = ["-number"]

    def get_permissions(self):
        if self.request.method == "POST":
            return [CanEditSchedule()]
        return super().get_permissions()

    def get_queryset(self):
        if self.is_schema_view:
            return Release.objects.none()
        return schedule_selectors.release_list(conference=self.conference)

    @extend_schema(
        request=PublishSerializer,
        responses={201: ReleaseSerializer, 409: PublishRefusedSerializer},
    )
    def post(self, request, slug: str):
        """Publish the working copy as the next release (v1, v2, ...) with its changelog.

        As on the publish page, open conflicts must be confirmed: without a confirmation the
        answer is 409 with the conflicts and a `confirm_conflicts` value; send it back to
        publish despite exactly those. The e-mails to speakers whose talk was added, moved or
        removed wait in the outbox unless `hold_mail` is false.
        """
        serializer = PublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            release = schedule_services.publish_release(
                conference=self.conference,
                user=request.user,
                comment=data.get("comment", ""),
                confirmed_conflicts=data["confirm_conflicts"],
                hold_mail=data["hold_mail"],
            )
        except PublishRefused as refused:
            return Response(
                {
                    "detail": " ".join(refused.messages),
                    "errors": {},
                    "conflicts": [conflict.as_dict() for conflict in refused.conflicts],
                    "confirm_conflicts": conflicts_digest(refused.conflicts),
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(ReleaseSerializer(release).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=[SCHEDULE], parameters=[SLUG_PARAMETER])
class MoveScheduleItem(ConferenceMixin, APIView):
    permission_classes = [CanEditSchedule]

    @extend_schema(request=MoveItemSerializer, responses=ScheduleItemSerializer)
    def post(self, request, slug: str, pk: int):
        """Move an item of the working copy to another room or time (or change its length)."""
        serializer = MoveItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            item = schedule_services.move_item(
                conference=self.conference, item_id=pk, **serializer.validated_data
            )
        except schedule_services.StaleItem as stale:
            if stale.item is None:
                raise Http404 from None
            raise Conflict(
                f"The item changed meanwhile (now version {stale.item.version}); nothing was done."
            ) from None
        return Response(ScheduleItemSerializer(item).data)
