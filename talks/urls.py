from django.urls import path

from talks import views

app_name = "talks"
urlpatterns = [
    # speakers
    path("c/<slug:slug>/submit/", views.submission_create, name="submission_create"),
    path("c/<slug:slug>/speakers/", views.conference_speakers, name="conference_speakers"),
    path("me/submissions/", views.submission_list, name="submission_list"),
    path("me/submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("me/submissions/<int:pk>/edit/", views.submission_edit, name="submission_edit"),
    path("me/submissions/<int:pk>/invite/", views.submission_invite, name="submission_invite"),
    path("me/submissions/<int:pk>/<slug:action>/", views.submission_state, name="submission_state"),
    path("me/profile/", views.profile_edit, name="profile_edit"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("speakers/<int:pk>/", views.speaker_page, name="speaker_page"),
    path("speakers/<int:pk>/photo/", views.speaker_photo, name="speaker_photo"),
    # organisers: the call for papers
    path("c/<slug:slug>/cfp/", views.cfp_settings, name="cfp_settings"),
    path("c/<slug:slug>/cfp/mails/", views.mail_templates, name="mail_templates"),
    path("c/<slug:slug>/cfp/reviewers/", views.reviewer_tracks, name="reviewer_tracks"),
    path("c/<slug:slug>/cfp/questions/", views.question_list, name="question_list"),
    path("c/<slug:slug>/cfp/questions/new/", views.question_create, name="question_create"),
    path("c/<slug:slug>/cfp/questions/<int:pk>/", views.question_edit, name="question_edit"),
    path(
        "c/<slug:slug>/cfp/questions/<int:pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path("c/<slug:slug>/cfp/questions/<int:pk>/move/", views.question_move, name="question_move"),
    # the team: review and decisions
    path("c/<slug:slug>/submissions/", views.review_list, name="review_list"),
    path("c/<slug:slug>/submissions/decide/", views.bulk_decide, name="bulk_decide"),
    path("c/<slug:slug>/submissions/remind/", views.send_reminders, name="send_reminders"),
    path(
        "c/<slug:slug>/submissions/export.csv",
        views.submissions_export_csv,
        name="submissions_export_csv",
    ),
    path(
        "c/<slug:slug>/submissions/export.json",
        views.submissions_export_json,
        name="submissions_export_json",
    ),
    path("c/<slug:slug>/submissions/<int:pk>/", views.submission_review, name="submission_review"),
    path(
        "c/<slug:slug>/submissions/<int:pk>/decide/",
        views.submission_decide,
        name="submission_decide",
    ),
    path(
        "c/<slug:slug>/submissions/<int:pk>/reviewers/",
        views.submission_reviewers,
        name="submission_reviewers",
    ),
    # the team: review phases, score categories, assignments and progress
    path("c/<slug:slug>/review/settings/", views.review_settings, name="review_settings"),
    path("c/<slug:slug>/review/progress/", views.review_progress, name="review_progress"),
    path("c/<slug:slug>/review/assign/", views.review_assign, name="review_assign"),
    path("c/<slug:slug>/review/assigned/", views.review_assigned, name="review_assigned"),
    # the team: the automatic reviewer assignment (profiles, bids; organisers: proposals)
    path("c/<slug:slug>/review/profile/", views.reviewer_profile, name="reviewer_profile"),
    path("c/<slug:slug>/review/bids/", views.bids, name="bids"),
    path("c/<slug:slug>/review/bids/<int:pk>/conflict/", views.bid_conflict, name="bid_conflict"),
    path(
        "c/<slug:slug>/review/assignment/profiles/",
        views.reviewer_profiles,
        name="reviewer_profiles",
    ),
    path(
        "c/<slug:slug>/review/assignment/profiles/<int:user_pk>/",
        views.reviewer_profile_edit,
        name="reviewer_profile_edit",
    ),
    path("c/<slug:slug>/review/assignment/", views.assignment, name="assignment"),
    path(
        "c/<slug:slug>/review/assignment/compute/",
        views.assignment_compute,
        name="assignment_compute",
    ),
    path("c/<slug:slug>/review/assignment/drop/", views.assignment_drop, name="assignment_drop"),
    path(
        "c/<slug:slug>/review/assignment/<int:pk>/",
        views.assignment_proposal,
        name="assignment_proposal",
    ),
    path(
        "c/<slug:slug>/review/assignment/<int:pk>/status/",
        views.assignment_proposal_status,
        name="assignment_proposal_status",
    ),
    path(
        "c/<slug:slug>/review/assignment/<int:pk>/apply/",
        views.assignment_apply,
        name="assignment_apply",
    ),
    path(
        "c/<slug:slug>/review/assignment/<int:pk>/submissions/<int:submission_pk>/",
        views.assignment_pair,
        name="assignment_pair",
    ),
    # the team: the track-suggestion review queue
    path("c/<slug:slug>/review/tracks/", views.track_review_queue, name="track_review_queue"),
    path(
        "c/<slug:slug>/review/tracks/confirm/",
        views.track_bulk_confirm,
        name="track_bulk_confirm",
    ),
    path("c/<slug:slug>/review/tracks/<int:pk>/", views.track_decide, name="track_decide"),
    path("c/<slug:slug>/review/tracks/<int:pk>/undo/", views.track_undo, name="track_undo"),
    # the team: the decision log of bulk decisions, each with its undo
    path("c/<slug:slug>/decisions/", views.decision_log, name="decision_log"),
    path("c/<slug:slug>/decisions/<int:pk>/undo/", views.decision_undo, name="decision_undo"),
]
