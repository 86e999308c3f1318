"""A speaker's own submissions. Somebody else's submission is a 404, as in the HTML views."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from talks import selectors as talk_selectors
from talks import services as talk_services
from talks.api.serializers.submissions import (
    InvitationSerializer,
    InviteSerializer,
    OwnSubmissionSerializer,
    SubmissionCreateSerializer,
    SubmissionUpdateSerializer,
)
from talks.enums import State
from talks.models import Submission, speakers_prefetch

OWN = "my submissions"


class OwnSubmissionFilter(django_filters.FilterSet):
    conference = django_filters.CharFilter(field_name="conference__slug", max_length=50)
    state = django_filters.ChoiceFilter(choices=State.choices)

    class Meta:
        model = Submission
        fields = ["conference", "state"]


@extend_schema(tags=[OWN])
class OwnSubmissionList(generics.ListAPIView):
    """GET: the submissions you speak at; POST: submit (or save a draft) while the CfP is open."""

    permission_classes = [IsAuthenticated]
    serializer_class = OwnSubmissionSerializer
    filterset_class = OwnSubmissionFilter
    ordering_fields = ["created_at", "title"]
    ordering = ["-created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Submission.objects.none()
        return talk_selectors.submission_list_for_speaker(user=self.request.user).prefetch_related(
            speakers_prefetch()
        )

    @extend_schema(request=SubmissionCreateSerializer, responses={201: OwnSubmissionSerializer})
    def post(self, request):
        data = _validated(SubmissionCreateSerializer, request)
        submission = talk_services.create_submission(speaker=request.user, **data)
        return Response(OwnSubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)


def _validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _own_submission(request, pk: int) -> Submission:
    return talk_selectors.submission_for_speaker(pk=pk, user=request.user)


@extend_schema(tags=[OWN])
class OwnSubmissionDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OwnSubmissionSerializer)
    def get(self, request, pk: int):
        return Response(OwnSubmissionSerializer(_own_submission(request, pk)).data)

    @extend_schema(request=SubmissionUpdateSerializer, responses=OwnSubmissionSerializer)
    def patch(self, request, pk: int):
        """Edit before the decision while the CfP is open; a stale `version` answers 409."""
        submission = _own_submission(request, pk)
        changes = dict(_validated(SubmissionUpdateSerializer, request))
        version = changes.pop("version", None)
        submission = talk_services.update_submission(
            submission=submission, user=request.user, expected_version=version, **changes
        )
        return Response(OwnSubmissionSerializer(submission).data)


@extend_schema(tags=[OWN])
class OwnSubmissionInvitations(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=InvitationSerializer(many=True))
    def get(self, request, pk: int):
        """The co-speaker invitations of your submission, accepted or not."""
        submission = _own_submission(request, pk)
        return Response(InvitationSerializer(submission.invitations.all(), many=True).data)

    @extend_schema(request=InviteSerializer, responses={201: InvitationSerializer})
    def post(self, request, pk: int):
        """Invite a co-speaker by e-mail (inviting the same address again re-sends the link).

        While the submission is a draft, submitted, accepted or confirmed; at most six
        speakers, the invited included.
        """
        submission = _own_submission(request, pk)
        data = _validated(InviteSerializer, request)
        invitation = talk_services.invite_co_speaker(
            submission=submission, email=data["email"], user=request.user
        )
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=[OWN], request=None, responses=OwnSubmissionSerializer)
class OwnSubmissionTransition(APIView):
    """Move your submission to `to_state`, where the transitions table lets its speakers."""

    permission_classes = [IsAuthenticated]
    to_state = ""

    def post(self, request, pk: int):
        submission = talk_services.change_submission_state(
            submission=_own_submission(request, pk), to_state=self.to_state, user=request.user
        )
        return Response(OwnSubmissionSerializer(submission).data)


@extend_schema(
    summary="Send a draft in",
    description="While the CfP is open and within the per-speaker limit; the speakers get the "
    "received e-mail. Anything but a draft: 400.",
)
class OwnSubmissionSubmit(OwnSubmissionTransition):
    to_state = State.SUBMITTED


@extend_schema(
    summary="Confirm an accepted submission",
    description="You will give the talk: it can be scheduled and published. Anything but an "
    "accepted submission: 400.",
)
class OwnSubmissionConfirm(OwnSubmissionTransition):
    to_state = State.CONFIRMED


@extend_schema(
    summary="Withdraw the submission",
    description="From draft, submitted, accepted or confirmed; a second withdrawal is a 400.",
)
class OwnSubmissionWithdraw(OwnSubmissionTransition):
    to_state = State.WITHDRAWN
