"""The reviewer assignment's endpoints: below /conferences/<slug>/review/ a team member's own
profile and bids; below /conferences/<slug>/assignment/ the organisers' proposals.

The same selectors and services as the pages (talks/views/assignment.py); a proposal is computed
by a worker, never in the request: POST answers 202 with the RUNNING proposal to poll.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from conference.api.permissions import IsOrganiser, IsTeamMember
from talks import assignment_selectors as selectors
from talks.api.serializers.assignment import (
    ApplyResultSerializer,
    AssignmentProposalSerializer,
    BidPageSerializer,
    BidsResultSerializer,
    BidsSerializer,
    EditPairSerializer,
    PairSerializer,
    ReviewerProfileSerializer,
    StartAssignmentProposalSerializer,
)
from talks.models import AssignmentProposal
from talks.services import assignment_pages as page_services
from talks.services import reviewer_profiles as profile_services

REVIEW = "review"
ASSIGNMENT = "assignment"


@extend_schema(tags=[REVIEW], parameters=[SLUG_PARAMETER])
class OwnReviewerProfile(ConferenceMixin, APIView):
    permission_classes = [IsTeamMember]

    def answer(self) -> Response:
        profile = selectors.profile_of(conference=self.conference, user=self.request.user)
        settings = selectors.assignment_settings_for(conference=self.conference)
        data = {
            "expertise": profile.expertise,
            "tracks": [track.slug for track in profile.tracks.all()] if profile.pk else [],
            "cap": profile.cap,
            "use_history": profile.use_history,
            "default_cap": settings.default_cap,
            "updated_at": profile.updated_at,
        }
        return Response(ReviewerProfileSerializer(data).data)

    @extend_schema(responses=ReviewerProfileSerializer)
    def get(self, request, slug: str):
        """Your reviewer profile (expertise, tracks of interest, cap) for the assignment."""
        return self.answer()

    @extend_schema(request=ReviewerProfileSerializer, responses=ReviewerProfileSerializer)
    def put(self, request, slug: str):
        """Replace your reviewer profile; its embedding is recomputed by a worker."""
        serializer = ReviewerProfileSerializer(
            data=request.data, context={"conference": self.conference}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        profile_services.save_reviewer_profile(
            conference=self.conference,
            user=request.user,
            by=request.user,
            expertise=data["expertise"],
            tracks=data["tracks"],
            cap=data["cap"],
            use_history=data["use_history"],
        )
        return self.answer()


PAGE_PARAMETER = OpenApiParameter("page", OpenApiTypes.INT, OpenApiParameter.QUERY)


@extend_schema(tags=[REVIEW], parameters=[SLUG_PARAMETER])
class OwnBids(ConferenceMixin, APIView):
    permission_classes = [IsTeamMember]

    @extend_schema(parameters=[PAGE_PARAMETER], responses=BidPageSerializer)
    def get(self, request, slug: str):
        """The submissions you may bid on (sent in, in your tracks), oldest first, 50 a page,
        with your bid and any conflict of interest."""
        page = selectors.bid_page(
            conference=self.conference, user=request.user, page=request.query_params.get("page")
        )
        rows = []
        for submission in page.object_list:
            track = submission.track or submission.suggested_track
            rows.append(
                {
                    "id": submission.pk,
                    "title": submission.title,
                    "track": track.slug if track else None,
                    "bid": submission.bid,
                    "conflict": submission.conflict,
                }
            )
        data = {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": rows,
        }
        return Response(BidPageSerializer(data).data)

    @extend_schema(request=BidsSerializer, responses=BidsResultSerializer)
    def put(self, request, slug: str):
        """Set bids: [{submission, level}], level "" removes a bid, "conflict" declares a
        conflict of interest (the submission leaves your lists at once). All or nothing: a
        submission you may not bid on is a 403."""
        serializer = BidsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bids = {bid["submission"]: bid["level"] for bid in serializer.validated_data["bids"]}
        changed = profile_services.save_bids(
            conference=self.conference, user=request.user, bids=bids
        )
        return Response({"changed": changed})


class ProposalMixin(ConferenceMixin):
    permission_classes = [IsOrganiser]

    def proposal(self) -> AssignmentProposal:
        proposal = selectors.proposal_by_pk(conference=self.conference, pk=self.kwargs["pk"])
        proposal.conference = self.conference
        return proposal


@extend_schema(tags=[ASSIGNMENT], parameters=[SLUG_PARAMETER])
class ProposalList(ProposalMixin, APIView):
    @extend_schema(responses=AssignmentProposalSerializer(many=True))
    def get(self, request, slug: str):
        """The latest proposals, newest first."""
        proposals = selectors.proposals_of(conference=self.conference)
        return Response(AssignmentProposalSerializer(proposals, many=True).data)

    @extend_schema(
        request=StartAssignmentProposalSerializer, responses={202: AssignmentProposalSerializer}
    )
    def post(self, request, slug: str):
        """Start computing a proposal on a worker (existing assignments are kept); poll it."""
        from talks.services.assignment import start_proposal

        serializer = StartAssignmentProposalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposal = start_proposal(
            conference=self.conference, by=request.user, k=serializer.validated_data["k"]
        )
        return Response(
            AssignmentProposalSerializer(proposal).data, status=status.HTTP_202_ACCEPTED
        )


@extend_schema(tags=[ASSIGNMENT], parameters=[SLUG_PARAMETER])
class ProposalDetail(ProposalMixin, APIView):
    @extend_schema(responses=AssignmentProposalSerializer)
    def get(self, request, slug: str, pk: int):
        """One proposal: running, ready (its pairs), applied or failed (its error)."""
        return Response(AssignmentProposalSerializer(self.proposal()).data)


@extend_schema(tags=[ASSIGNMENT], parameters=[SLUG_PARAMETER])
class ProposalApply(ProposalMixin, APIView):
    @extend_schema(request=None, responses=ApplyResultSerializer)
    def post(self, request, slug: str, pk: int):
        """Apply a ready proposal: its new pairs become assignments, one e-mail per reviewer is
        held in the outbox. Not ready (running, applied, failed): 400."""
        result = page_services.apply_proposal(proposal=self.proposal(), by=request.user)
        return Response(
            {
                "added": result.added,
                "already": result.already,
                "skipped_conflicts": result.skipped_conflicts,
                "mails": result.mails,
                "proposal": AssignmentProposalSerializer(self.proposal()).data,
            }
        )


@extend_schema(tags=[ASSIGNMENT], parameters=[SLUG_PARAMETER])
class ProposalPair(ProposalMixin, APIView):
    @extend_schema(request=EditPairSerializer, responses=PairSerializer)
    def patch(self, request, slug: str, pk: int):
        """Replace one reviewer of a submission in a ready proposal (or fill a missing place).
        Refused with the reason (400): a conflict of interest, a reviewer at her cap, one out
        of scope or already on it, a pair made before the proposal."""
        serializer = EditPairSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        pair = page_services.edit_proposal_pair(
            proposal=self.proposal(),
            submission_id=data["submission"],
            old_reviewer_id=data["old_reviewer"],
            new_reviewer_id=data["new_reviewer"],
            by=request.user,
        )
        return Response(PairSerializer(pair).data)
