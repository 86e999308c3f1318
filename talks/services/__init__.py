"""Writes of the talks app, one module per concept; everything is importable from here."""

from talks.services.cfp import update_cfp_settings, update_mail_templates
from talks.services.common import StaleEdit
from talks.services.decisions import (
    Undone,
    decide_submissions,
    undo_decision,
    undo_track_decision,
)
from talks.services.duplicates import NEAR_DUPLICATE_SIMILARITY, record_submission_embedding
from talks.services.examples import import_labelled_examples
from talks.services.mail import queue_invitation_mail, queue_submission_mail
from talks.services.reviews import save_review, set_reviewer_tracks
from talks.services.speakers import accept_invitation, invite_co_speaker, update_speaker_profile
from talks.services.submissions import (
    TRANSITIONS,
    allowed_transitions,
    bulk_change_state,
    change_submission_state,
    create_submission,
    refresh_search_text,
    send_confirmation_reminders,
    update_submission,
)
from talks.services.tracks import (
    bulk_confirm_suggestions,
    confirm_suggestions,
    record_prediction,
    record_review_example,
    set_submission_track,
    text_hash,
)

__all__ = [
    "NEAR_DUPLICATE_SIMILARITY",
    "TRANSITIONS",
    "StaleEdit",
    "Undone",
    "accept_invitation",
    "allowed_transitions",
    "bulk_change_state",
    "bulk_confirm_suggestions",
    "change_submission_state",
    "confirm_suggestions",
    "create_submission",
    "decide_submissions",
    "import_labelled_examples",
    "invite_co_speaker",
    "queue_invitation_mail",
    "queue_submission_mail",
    "record_prediction",
    "record_review_example",
    "record_submission_embedding",
    "refresh_search_text",
    "save_review",
    "send_confirmation_reminders",
    "set_reviewer_tracks",
    "set_submission_track",
    "text_hash",
    "undo_decision",
    "undo_track_decision",
    "update_cfp_settings",
    "update_mail_templates",
    "update_speaker_profile",
    "update_submission",
]
