"""The talks' patterns of /api/v1/: public talks and speakers, a speaker's own submissions, the
organisers' and the review team's tools (the `api` namespace is given in conference/urls.py)."""

from django.urls import include, path

from conference.api.common import CONFERENCE
from talks.api.views import assignment, public, review, submissions, team

# /submissions/<pk>/...: a speaker's own submission.
own_submission = [
    path("", submissions.OwnSubmissionDetail.as_view(), name="own-submission-detail"),
    path(
        "invitations/",
        submissions.OwnSubmissionInvitations.as_view(),
        name="own-submission-invitations",
    ),
    path("submit/", submissions.OwnSubmissionSubmit.as_view(), name="own-submission-submit"),
    path("confirm/", submissions.OwnSubmissionConfirm.as_view(), name="own-submission-confirm"),
    path("withdraw/", submissions.OwnSubmissionWithdraw.as_view(), name="own-submission-withdraw"),
]

# /conferences/<slug>/submissions/<pk>/...: organisers.
team_submission = [
    path("", team.TeamSubmissionDetail.as_view(), name="team-submission-detail"),
    path("state/", team.SubmissionDecision.as_view(), name="team-submission-state"),
    path("track/", team.SubmissionTrack.as_view(), name="team-submission-track"),
]

# /conferences/<slug>/review/submissions/<pk>/...: the review team, organisers and reviewers.
review_submission = [
    path("", review.ReviewSubmission.as_view(), name="review-submission"),
    path("review/", review.SaveOwnReview.as_view(), name="review-save"),
    path("track/", review.DecideTrack.as_view(), name="review-track"),
]

# /conferences/<slug>/assignment/proposals/<pk>/...: organisers.
proposal = [
    path("", assignment.ProposalDetail.as_view(), name="proposal-detail"),
    path("apply/", assignment.ProposalApply.as_view(), name="proposal-apply"),
    path("pairs/", assignment.ProposalPair.as_view(), name="proposal-pair"),
]

urlpatterns = [
    path(f"{CONFERENCE}talks/", public.TalkList.as_view(), name="talk-list"),
    path(f"{CONFERENCE}talks/<int:pk>/", public.TalkDetail.as_view(), name="talk-detail"),
    path(f"{CONFERENCE}speakers/", public.SpeakerList.as_view(), name="speaker-list"),
    path("submissions/", submissions.OwnSubmissionList.as_view(), name="own-submission-list"),
    path("submissions/<int:pk>/", include(own_submission)),
    path(
        f"{CONFERENCE}submissions/", team.TeamSubmissionList.as_view(), name="team-submission-list"
    ),
    path(f"{CONFERENCE}submissions/<int:pk>/", include(team_submission)),
    path(f"{CONFERENCE}reviews/", team.ReviewList.as_view(), name="review-list"),
    path(f"{CONFERENCE}review/submissions/", review.ReviewQueue.as_view(), name="review-queue"),
    path(f"{CONFERENCE}review/submissions/<int:pk>/", include(review_submission)),
    # the reviewer assignment: a team member's profile and bids; organisers' proposals
    path(
        f"{CONFERENCE}review/profile/",
        assignment.OwnReviewerProfile.as_view(),
        name="review-profile",
    ),
    path(f"{CONFERENCE}review/bids/", assignment.OwnBids.as_view(), name="review-bids"),
    path(
        f"{CONFERENCE}assignment/proposals/",
        assignment.ProposalList.as_view(),
        name="proposal-list",
    ),
    path(f"{CONFERENCE}assignment/proposals/<int:pk>/", include(proposal)),
]
