"""Reads of submissions and predictions."""

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404

from conference.models import Conference
from talks.models import Submission


def submission_list_for_speaker(*, conference: Conference | None = None, user) -> QuerySet:
    qs = Submission.objects.filter(speaker=user).select_related("conference", "track")
    return qs.filter(conference=conference) if conference else qs


def submission_for_speaker(*, pk: int, user) -> Submission:
    """A speaker's own submission; anybody else's is a 404, not a 403, so ids leak nothing."""
    return get_object_or_404(
        Submission.objects.select_related("conference", "track", "suggested_track"),
        pk=pk,
        speaker=user,
    )


def track_review_queue(*, conference: Conference) -> QuerySet[Submission]:
    """The conference's submissions, least confident suggestion first, unsuggested last."""
    return (
        Submission.objects.filter(conference=conference)
        .select_related("speaker", "track", "suggested_track")
        .order_by(F("suggested_confidence").asc(nulls_last=True), "created_at")
    )


def submission_for_categorising(*, pk: int) -> Submission | None:
    return Submission.objects.select_related("conference").filter(pk=pk).first()
