"""The review team's endpoints below /conferences/<slug>/review/: organisers and reviewers.

The same selectors and services as the HTML review pages: a track-limited reviewer sees and
decides only their tracks' submissions (others are a 404), reads no one else's reviews, and
sees no speakers while the review is anonymised.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from conference.api.permissions import IsTeamMember
from conference.models import Track
from talks import selectors as talk_selectors
from talks import services as talk_services
from talks.api.serializers.review import (
    OwnReviewSerializer,
    ReviewQueueQuerySerializer,
    ReviewSubmissionSerializer,
    SaveReviewSerializer,
)
from talks.api.serializers.team import SetTrackSerializer
from talks.models import Review, Submission, speakers_prefetch
from talks.rules import sees_speaker_identities

REVIEW = "review"


class ReviewContextMixin(ConferenceMixin):
    permission_classes = [IsTeamMember]

    def review_context(self, submissions) -> dict:
        """The serializer's context: may the user see speakers, and their own reviews."""
        ids = [submission.pk for submission in submissions]
        mine = Review.objects.filter(reviewer=self.request.user, submission_id__in=ids)
        return {
            "request": self.request,
            "show_speakers": sees_speaker_identities(self.request.user, self.conference),
            "my_reviews": {review.submission_id: review for review in mine},
        }

    def reviewable(self, pk: int) -> Submission:
        """One submission of the queue (with its latest suggestions).

        The queue leaves out drafts and, for a track-limited reviewer, other tracks' talks
        (the scope can_review_submission checks): those are a 404.
        """
        queue = talk_selectors.track_review_queue(
            conference=self.conference, user=self.request.user
        )
        return get_object_or_404(queue.prefetch_related(speakers_prefetch()), pk=pk)

    def respond(self, submission: Submission) -> Response:
        context = self.review_context([submission])
        return Response(ReviewSubmissionSerializer(submission, context=context).data)


@extend_schema(tags=[REVIEW], parameters=[SLUG_PARAMETER, ReviewQueueQuerySerializer])
class ReviewQueue(ReviewContextMixin, generics.ListAPIView):
    """Submissions to review, least confident suggestion first; drafts never."""

    serializer_class = ReviewSubmissionSerializer
    filter_backends = []  # the queue's own filters and order (ReviewQueueQuerySerializer)

    def get_queryset(self):
        if self.is_schema_view:
            return Submission.objects.none()
        query = ReviewQueueQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        filters = dict(query.validated_data)
        if "track" in filters:
            track = Track.objects.filter(conference=self.conference, slug=filters["track"]).first()
            if track is None:
                raise ValidationError({"track": ["No such track in this conference."]})
            filters["track"] = track
        queue = talk_selectors.track_review_queue(
            conference=self.conference, user=self.request.user, **filters
        )
        return queue.prefetch_related(speakers_prefetch())

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        serializer = ReviewSubmissionSerializer(page, many=True, context=self.review_context(page))
        return self.get_paginated_response(serializer.data)


@extend_schema(tags=[REVIEW], parameters=[SLUG_PARAMETER])
class ReviewSubmission(ReviewContextMixin, APIView):
    @extend_schema(responses=ReviewSubmissionSerializer)
    def get(self, request, slug: str, pk: int):
        """One submission as the review team sees it, with your own review."""
        return self.respond(self.reviewable(pk))


@extend_schema(tags=[REVIEW], parameters=[SLUG_PARAMETER])
class SaveOwnReview(ReviewContextMixin, APIView):
    @extend_schema(request=SaveReviewSerializer, responses=OwnReviewSerializer)
    def put(self, request, slug: str, pk: int):
        """Score (0–5) and comment; replaces your earlier review. Closed once decided: 400."""
        submission = talk_selectors.submission_for_review(
            conference=self.conference, pk=pk, user=request.user
        )
        serializer = SaveReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = talk_services.save_review(
            submission=submission, reviewer=request.user, **serializer.validated_data
        )
        return Response(OwnReviewSerializer(review).data)


@extend_schema(tags=[REVIEW], parameters=[SLUG_PARAMETER])
class DecideTrack(ReviewContextMixin, APIView):
    @extend_schema(request=SetTrackSerializer, responses=ReviewSubmissionSerializer)
    def post(self, request, slug: str, pk: int):
        """Confirm the suggested track (`review`) or pick another (`override`)."""
        submission = talk_selectors.submission_for_review(
            conference=self.conference, pk=pk, user=request.user
        )
        serializer = SetTrackSerializer(data=request.data, context={"conference": self.conference})
        serializer.is_valid(raise_exception=True)
        talk_services.set_submission_track(
            submission=submission, track=serializer.validated_data["track"], user=request.user
        )
        return self.respond(self.reviewable(pk))
