"""Views of the talks app: speakers' pages, the team's review pages, organisers' CfP pages."""

from talks.views.assignment import (
    assignment,
    assignment_apply,
    assignment_compute,
    assignment_drop,
    assignment_pair,
    assignment_proposal,
    assignment_proposal_status,
    bid_conflict,
    bids,
    reviewer_profile,
    reviewer_profile_edit,
    reviewer_profiles,
)
from talks.views.cfp import cfp_settings, mail_templates, reviewer_tracks
from talks.views.decisions import decision_log, decision_undo
from talks.views.exports import submissions_export_csv, submissions_export_json
from talks.views.phases import review_assign, review_assigned, review_progress, review_settings
from talks.views.questions import (
    question_create,
    question_delete,
    question_edit,
    question_list,
    question_move,
)
from talks.views.review import bulk_decide, review_list, send_reminders
from talks.views.speaker import (
    conference_speakers,
    invitation_accept,
    profile_edit,
    speaker_page,
    speaker_photo,
    submission_create,
    submission_detail,
    submission_edit,
    submission_invite,
    submission_list,
    submission_state,
)
from talks.views.submission_page import (
    submission_decide,
    submission_review,
    submission_reviewers,
)
from talks.views.tracks import track_bulk_confirm, track_decide, track_review_queue, track_undo

__all__ = [
    "assignment",
    "assignment_apply",
    "assignment_compute",
    "assignment_drop",
    "assignment_pair",
    "assignment_proposal",
    "assignment_proposal_status",
    "bid_conflict",
    "bids",
    "bulk_decide",
    "cfp_settings",
    "conference_speakers",
    "decision_log",
    "decision_undo",
    "invitation_accept",
    "mail_templates",
    "profile_edit",
    "question_create",
    "question_delete",
    "question_edit",
    "question_list",
    "question_move",
    "review_assign",
    "review_assigned",
    "review_list",
    "review_progress",
    "review_settings",
    "reviewer_profile",
    "reviewer_profile_edit",
    "reviewer_profiles",
    "reviewer_tracks",
    "send_reminders",
    "speaker_page",
    "speaker_photo",
    "submission_create",
    "submission_decide",
    "submission_detail",
    "submission_edit",
    "submission_invite",
    "submission_list",
    "submission_review",
    "submission_reviewers",
    "submission_state",
    "submissions_export_csv",
    "submissions_export_json",
    "track_bulk_confirm",
    "track_decide",
    "track_review_queue",
    "track_undo",
]
