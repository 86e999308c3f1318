"""/api/v1/: public reads, a speaker's own submissions, the organisers' tools."""

from django.urls import path

from conference.api.views import ml, public, review, setup, submissions, team

conference = "conferences/<slug:slug>/"

urlpatterns = [
    path("conferences/", public.ConferenceList.as_view(), name="conference-list"),
    path(conference, public.ConferenceDetail.as_view(), name="conference-detail"),
    path(f"{conference}tracks/", public.TrackList.as_view(), name="track-list"),
    path(f"{conference}rooms/", public.RoomList.as_view(), name="room-list"),
    path(f"{conference}talks/", public.TalkList.as_view(), name="talk-list"),
    path(f"{conference}talks/<int:pk>/", public.TalkDetail.as_view(), name="talk-detail"),
    path(f"{conference}speakers/", public.SpeakerList.as_view(), name="speaker-list"),
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
        f"{conference}submissions/",
        team.TeamSubmissionList.as_view(),
        name="team-submission-list",
    ),
    path(
        f"{conference}submissions/<int:pk>/",
        team.TeamSubmissionDetail.as_view(),
        name="team-submission-detail",
    ),
    path(
        f"{conference}submissions/<int:pk>/state/",
        team.SubmissionDecision.as_view(),
        name="team-submission-state",
    ),
    path(
        f"{conference}submissions/<int:pk>/track/",
        team.SubmissionTrack.as_view(),
        name="team-submission-track",
    ),
    path(f"{conference}reviews/", team.ReviewList.as_view(), name="review-list"),
    path(f"{conference}registrations/", team.RegistrationList.as_view(), name="registration-list"),
    path(
        f"{conference}registrations/export/",
        team.RegistrationExport.as_view(),
        name="registration-export",
    ),
    path(
        f"{conference}registrations/<int:pk>/check-in/",
        team.RegistrationCheckIn.as_view(),
        name="registration-check-in",
    ),
    # The review team: organisers and reviewers.
    path(f"{conference}review/submissions/", review.ReviewQueue.as_view(), name="review-queue"),
    path(
        f"{conference}review/submissions/<int:pk>/",
        review.ReviewSubmission.as_view(),
        name="review-submission",
    ),
    path(
        f"{conference}review/submissions/<int:pk>/review/",
        review.SaveOwnReview.as_view(),
        name="review-save",
    ),
    path(
        f"{conference}review/submissions/<int:pk>/track/",
        review.DecideTrack.as_view(),
        name="review-track",
    ),
    # Organisers' set-up.
    path(f"{conference}setup/tracks/", setup.TrackList.as_view(), name="setup-track-list"),
    path(
        f"{conference}setup/tracks/<int:pk>/",
        setup.TrackDetail.as_view(),
        name="setup-track-detail",
    ),
    path(f"{conference}setup/rooms/", setup.RoomList.as_view(), name="setup-room-list"),
    path(
        f"{conference}setup/rooms/<int:pk>/", setup.RoomDetail.as_view(), name="setup-room-detail"
    ),
    path(
        f"{conference}setup/ticket-types/",
        setup.TicketTypeList.as_view(),
        name="setup-ticket-type-list",
    ),
    path(
        f"{conference}setup/ticket-types/<int:pk>/",
        setup.TicketTypeDetail.as_view(),
        name="setup-ticket-type-detail",
    ),
    path(f"{conference}model-versions/", ml.ModelVersionList.as_view(), name="model-version-list"),
    path(
        f"{conference}model-versions/<int:pk>/activate/",
        ml.ModelVersionActivate.as_view(),
        name="model-version-activate",
    ),
    path(f"{conference}training/", ml.StartTraining.as_view(), name="start-training"),
    path(
        f"{conference}recategorisation/",
        ml.StartRecategorisation.as_view(),
        name="start-recategorisation",
    ),
    path(f"{conference}jobs/", ml.JobList.as_view(), name="job-list"),
    path(f"{conference}jobs/<int:pk>/", ml.JobDetail.as_view(), name="job-detail"),
]
