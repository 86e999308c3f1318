"""Every foreign key of our apps, with what deleting its target does and why (issue 14).

A delete never takes people's work with it silently: what points at a track, a room, a
submission or a user's work RESTRICTs or PROTECTs, and a service moves or refuses first.
RESTRICT where deleting the whole conference must still delete both sides; PROTECT where the
target is never deleted at all (users are anonymised by conference.account). A new foreign
key fails this test until it is written down here with its reason.
"""

from django.apps import apps
from django.db import models

APPS = {"conference", "talks", "scheduling", "modeldemo"}

CASCADE, PROTECT, RESTRICT, SET_NULL = (
    models.CASCADE,
    models.PROTECT,
    models.RESTRICT,
    models.SET_NULL,
)

# Deleting a conference deletes everything of it, on purpose: only a superuser in the admin can.
WHOLE = "part of the conference: goes only when the whole conference is deleted"

ON_DELETE = {
    # conference ---------------------------------------------------------------------------
    ("conference.Track", "conference"): (CASCADE, WHOLE),
    ("conference.Room", "conference"): (CASCADE, WHOLE),
    ("conference.Membership", "conference"): (CASCADE, WHOLE),
    ("conference.Membership", "user"): (
        PROTECT,
        "users are anonymised, not deleted; a deleted user must not take the last organiser",
    ),
    ("conference.OutboxMail", "conference"): (CASCADE, WHOLE),
    ("conference.TicketType", "conference"): (CASCADE, WHOLE),
    ("conference.Question", "conference"): (CASCADE, WHOLE),
    ("conference.Registration", "conference"): (CASCADE, WHOLE),
    ("conference.Registration", "ticket_type"): (
        RESTRICT,
        "delete_ticket_type refuses a ticket type somebody registered for",
    ),
    ("conference.Registration", "checked_in_by"): (SET_NULL, "the check-in stays, its clerk goes"),
    ("conference.Answer", "registration"): (CASCADE, "an answer is part of its registration"),
    ("conference.Answer", "question"): (
        CASCADE,
        "delete_question says the answers go (the organiser's own question)",
    ),
    ("conference.Invitation", "conference"): (CASCADE, WHOLE),
    ("conference.Invitation", "invited_by"): (SET_NULL, "the invitation stays valid"),
    ("conference.Invitation", "accepted_by"): (SET_NULL, "a record, the membership is the fact"),
    ("conference.RoomAvailability", "room"): (
        CASCADE,
        "the room's own windows; delete_room refuses a room with scheduled items",
    ),
    ("conference.ApiToken", "user"): (CASCADE, "the user's own credentials"),
    ("conference.AccountEmail", "user"): (
        CASCADE,
        "the account's own addresses; anonymise_user deletes it",
    ),
    # talks --------------------------------------------------------------------------------
    ("talks.CfpSettings", "conference"): (CASCADE, WHOLE),
    ("talks.MailTemplate", "conference"): (CASCADE, WHOLE),
    ("talks.Submission", "conference"): (CASCADE, WHOLE),
    ("talks.Submission", "track"): (
        RESTRICT,
        "SET_NULL left track_source 'review' on no track: delete_track moves decisions first",
    ),
    ("talks.Submission", "suggested_track"): (
        RESTRICT,
        "the suggestion decides which reviewers see it: delete_track moves it first",
    ),
    ("talks.SubmissionSpeaker", "submission"): (CASCADE, "part of the submission"),
    ("talks.SubmissionSpeaker", "user"): (
        PROTECT,
        "a deleted account would take the talk from its co-speakers: accounts are anonymised",
    ),
    ("talks.SubmissionLog", "submission"): (CASCADE, "part of the submission"),
    ("talks.SubmissionLog", "actor"): (SET_NULL, "history stays; the actor shows as nobody"),
    ("talks.Prediction", "submission"): (CASCADE, "a prediction is about its submission"),
    ("talks.Prediction", "track"): (
        RESTRICT,
        "CASCADE dropped them and crashed running categorisations: delete_track relabels",
    ),
    ("talks.LabelledExample", "conference"): (CASCADE, WHOLE),
    ("talks.LabelledExample", "submission"): (SET_NULL, "the labelled text stays for training"),
    ("talks.SubmissionEmbedding", "submission"): (CASCADE, "derived from the submission"),
    ("talks.NearDuplicate", "conference"): (CASCADE, WHOLE),
    ("talks.NearDuplicate", "first"): (CASCADE, "derived: a pair without one side is none"),
    ("talks.NearDuplicate", "second"): (CASCADE, "derived: a pair without one side is none"),
    ("talks.ReviewerScope", "membership"): (CASCADE, "the scope of that membership only"),
    ("talks.ReviewerScopeTrack", "reviewerscope"): (CASCADE, "part of the scope"),
    ("talks.ReviewerScopeTrack", "track"): (
        RESTRICT,
        "a scope must not shrink (or, before the flag, widen) unseen: delete_track moves it",
    ),
    ("talks.Review", "submission"): (CASCADE, "a review is about its submission"),
    ("talks.Review", "reviewer"): (
        PROTECT,
        "another person's review stays: reviewers are anonymised, shown as 'deleted user'",
    ),
    ("talks.ScoreCategory", "conference"): (CASCADE, WHOLE),
    ("talks.ReviewScore", "review"): (CASCADE, "part of the review"),
    ("talks.ReviewScore", "category"): (
        PROTECT,
        "reviewers' scores are their work: delete_score_category refuses a scored category",
    ),
    ("talks.ReviewSettings", "conference"): (CASCADE, WHOLE),
    ("talks.ReviewPhase", "conference"): (CASCADE, WHOLE),
    ("talks.ReviewAssignment", "submission"): (CASCADE, "a request to review that submission"),
    ("talks.ReviewAssignment", "reviewer"): (
        PROTECT,
        "users are anonymised, not deleted; the progress page counts her assignments",
    ),
    ("talks.ReviewAssignment", "assigned_by"): (SET_NULL, "the assignment stays, its author goes"),
    ("talks.ReviewerProfile", "conference"): (CASCADE, WHOLE),
    ("talks.ReviewerProfile", "user"): (CASCADE, "the user's own statement of expertise"),
    ("talks.ReviewerProfileTrack", "profile"): (CASCADE, "part of the profile"),
    ("talks.ReviewerProfileTrack", "track"): (CASCADE, "an interest, nobody's work"),
    ("talks.ReviewerEmbedding", "profile"): (CASCADE, "derived from the profile, computed again"),
    ("talks.ReviewerBid", "submission"): (CASCADE, "a wish about that submission only"),
    ("talks.ReviewerBid", "reviewer"): (CASCADE, "the reviewer's own wish"),
    ("talks.AssignmentSettings", "conference"): (CASCADE, WHOLE),
    ("talks.AssignmentProposal", "conference"): (CASCADE, WHOLE),
    ("talks.AssignmentProposal", "created_by"): (SET_NULL, "the proposal stays, its author goes"),
    ("talks.AssignmentProposal", "applied_by"): (SET_NULL, "the record stays, its author goes"),
    ("talks.SpeakerProfile", "user"): (CASCADE, "the user's own personal data"),
    ("talks.SpeakerInvitation", "submission"): (CASCADE, "part of the submission"),
    ("talks.SpeakerInvitation", "invited_by"): (SET_NULL, "the invitation stays valid"),
    ("talks.SpeakerInvitation", "accepted_by"): (
        SET_NULL,
        "a record; the speaker link is the fact",
    ),
    ("talks.CfpQuestion", "conference"): (CASCADE, WHOLE),
    ("talks.CfpQuestionTrack", "question"): (CASCADE, "part of the question's scope"),
    ("talks.CfpQuestionTrack", "track"): (
        CASCADE,
        "a scope entry, nobody's work; a question left with no track is asked in none, not all",
    ),
    ("talks.Answer", "submission"): (CASCADE, "an answer is part of its submission"),
    ("talks.Answer", "question"): (
        RESTRICT,
        "delete_cfp_question refuses a question with answers unless their loss is confirmed",
    ),
    ("talks.Decision", "conference"): (CASCADE, WHOLE),
    ("talks.Decision", "actor"): (SET_NULL, "the log entry stays, its author goes"),
    ("talks.Decision", "undone_by"): (SET_NULL, "the log entry stays, its author goes"),
    ("talks.DecisionItem", "decision"): (CASCADE, "a line of its log entry"),
    ("talks.DecisionItem", "submission"): (CASCADE, "a line about a submission that is gone"),
    ("talks.DecisionItem", "previous_track"): (SET_NULL, "undo then leaves the track empty"),
    ("talks.DecisionItem", "new_track"): (SET_NULL, "the line stays without that track"),
    # scheduling ---------------------------------------------------------------------------
    ("scheduling.Favourite", "user"): (CASCADE, "the user's own stars"),
    ("scheduling.Favourite", "submission"): (CASCADE, "a star on a talk that is gone"),
    ("scheduling.CalendarFeed", "user"): (CASCADE, "the user's own feed address"),
    ("scheduling.SpeakerAvailability", "conference"): (CASCADE, WHOLE),
    ("scheduling.SpeakerAvailability", "user"): (CASCADE, "the user's own personal data"),
    ("scheduling.Schedule", "conference"): (CASCADE, WHOLE),
    ("scheduling.ScheduleItem", "conference"): (CASCADE, WHOLE),
    ("scheduling.ScheduleItem", "room"): (
        RESTRICT,
        "delete_room refuses a room with items; no talk drops out of the working copy unseen",
    ),
    ("scheduling.ScheduleItem", "submission"): (
        RESTRICT,
        "a scheduled talk is unscheduled first, never dropped with its submission",
    ),
    ("scheduling.Release", "conference"): (CASCADE, WHOLE),
    ("scheduling.Release", "published_by"): (SET_NULL, "a release is a frozen snapshot"),
    ("scheduling.SolverSettings", "conference"): (CASCADE, WHOLE),
    ("scheduling.SolverRun", "conference"): (CASCADE, WHOLE),
    ("scheduling.SolverRun", "started_by"): (SET_NULL, "a run's record outlives its starter"),
    ("scheduling.SolverApplication", "run"): (
        CASCADE,
        "what it takes to undo a run's draft; the working copy itself is not touched",
    ),
    ("scheduling.SolverApplication", "applied_by"): (SET_NULL, "a record, the items are the fact"),
    # modeldemo ----------------------------------------------------------------------------
    ("modeldemo.ModelVersion", "conference"): (CASCADE, WHOLE),
    ("modeldemo.Job", "conference"): (CASCADE, WHOLE),
    ("modeldemo.Job", "model_version"): (CASCADE, "a job's record of a model that is gone"),
    ("modeldemo.LabelMapping", "conference"): (CASCADE, WHOLE),
    ("modeldemo.AutoAssignTarget", "conference"): (CASCADE, WHOLE),
    ("modeldemo.AutoAssignTarget", "version"): (
        SET_NULL,
        "the target stays; it is derived again from the next active version",
    ),
}


def _foreign_keys() -> dict:
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in APPS:
            continue
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and (field.many_to_one or field.one_to_one):
                found[(model._meta.label, field.name)] = field.remote_field.on_delete
    return found


def test_on_delete_table_covers_every_foreign_key():
    found = _foreign_keys()

    assert sorted(set(found) - set(ON_DELETE)) == [], "write these down in ON_DELETE"
    assert sorted(set(ON_DELETE) - set(found)) == [], "these are gone: remove them"


def test_on_delete_of_every_foreign_key_is_the_one_written_down():
    found = _foreign_keys()

    wrong = {
        key: (found[key].__name__, expected.__name__)
        for key, (expected, _reason) in ON_DELETE.items()
        if key in found and found[key] is not expected
    }

    assert wrong == {}


def test_on_delete_every_entry_has_a_reason():
    assert [key for key, (_on_delete, reason) in ON_DELETE.items() if len(reason) < 10] == []


def test_on_delete_no_many_to_many_has_an_automatic_through():
    # An automatic through table CASCADEs on both sides and cannot be told otherwise.
    automatic = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in APPS
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]

    assert automatic == []
