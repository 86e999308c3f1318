"""The talks' patterns of /api/v1/: public talks and speakers, a speaker's own submissions, the
organisers' and the review team's tools (the `api` namespace is given in conference/urls.py)."""

from django.urls import path

from conference.api.common import CONFERENCE
from talks.api.views import public, review, submissions, team

urlpatterns = [
    path(f"{CONFERENCE}talks/", public.TalkList.as_view(), name="talk-list"),
    path(f"{CONFERENCE}talks/<int:pk>/", public.TalkDetail.as_view(), name="talk-detail"),
    path(f"{CONFERENCE}speakers/", public.SpeakerList.as_view(), name="speaker-list"),
    # A speaker's own submissions.
    path("submissions/", submissions.OwnSubmissionList.as_view(), name="own-submission-list"),
    path(
        "submissions/<int:pk>/",
        submissions.OwnSubmissionDetail.as_view(),
        name="own-submission-detail",
    ),
    path(
        "submissions/<int:pk>/invitations/",
        submissions.OwnSubmissionInvitations.as_view(),
        name="own-submission-invitations",
    ),
    path(
        "submissions/<int:pk>/submit/",
        submissions.OwnSubmissionSubmit.as_view(),
        name="own-submission-submit",
    ),
    path(
        "submissions/<int:pk>/confirm/",
        submissions.OwnSubmissionConfirm.as_view(),
        name="own-submission-confirm",
    ),
    path(
        "submissions/<int:pk>/withdraw/",
        submissions.OwnSubmissionWithdraw.as_view(),
        name="own-submission-withdraw",
    ),
    # Organisers.
    path(
        f"{CONFERENCE}submissions/",
        team.TeamSubmissionList.as_view(),
        name="team-submission-list",
    ),
    path(
        f"{CONFERENCE}submissions/<int:pk>/",
        team.TeamSubmissionDetail.as_view(),
        name="team-submission-detail",
    ),
    path(
        f"{CONFERENCE}submissions/<int:pk>/state/",
        team.SubmissionDecision.as_view(),
        name="team-submission-state",
    ),
    path(
        f"{CONFERENCE}submissions/<int:pk>/track/",
        team.SubmissionTrack.as_view(),
        name="team-submission-track",
    ),
    path(f"{CONFERENCE}reviews/", team.ReviewList.as_view(), name="review-list"),
    # The review team: organisers and reviewers.
    path(f"{CONFERENCE}review/submissions/", review.ReviewQueue.as_view(), name="review-queue"),
    path(
        f"{CONFERENCE}review/submissions/<int:pk>/",
        review.ReviewSubmission.as_view(),
        name="review-submission",
    ),
    path(
        f"{CONFERENCE}review/submissions/<int:pk>/review/",
        review.SaveOwnReview.as_view(),
        name="review-save",
    ),
    path(
        f"{CONFERENCE}review/submissions/<int:pk>/track/",
        review.DecideTrack.as_view(),
        name="review-track",
    ),
]
