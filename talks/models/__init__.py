"""Models of the talks app, one module per concept."""

from talks.models.cfp import CfpSettings, MailTemplate
from talks.models.decisions import Decision, DecisionItem
from talks.models.ml import LabelledExample, NearDuplicate, Prediction, SubmissionEmbedding
from talks.models.phases import ReviewAssignment, ReviewPhase, ReviewSettings
from talks.models.questions import Answer, CfpQuestion, CfpQuestionTrack
from talks.models.review import (
    Review,
    ReviewerScope,
    ReviewerScopeTrack,
    ReviewScore,
    ScoreCategory,
)
from talks.models.reviewers import (
    AssignmentProposal,
    AssignmentSettings,
    BidLevel,
    ProposalStatus,
    ReviewerBid,
    ReviewerEmbedding,
    ReviewerProfile,
    ReviewerProfileTrack,
)
from talks.models.speaker import SpeakerInvitation, SpeakerProfile
from talks.models.submission import (
    ABSTRACT_MAX_LENGTH,
    SPEAKER_ORDER,
    TITLE_MAX_LENGTH,
    Submission,
    SubmissionLog,
    SubmissionSpeaker,
    speakers_prefetch,
)

__all__ = [
    "ReviewerProfileTrack",
    "ReviewerProfile",
    "ReviewerEmbedding",
    "ReviewerBid",
    "ProposalStatus",
    "BidLevel",
    "AssignmentSettings",
    "AssignmentProposal",
    "ABSTRACT_MAX_LENGTH",
    "SPEAKER_ORDER",
    "TITLE_MAX_LENGTH",
    "Answer",
    "CfpQuestion",
    "CfpQuestionTrack",
    "CfpSettings",
    "Decision",
    "DecisionItem",
    "LabelledExample",
    "MailTemplate",
    "NearDuplicate",
    "Prediction",
    "Review",
    "ReviewAssignment",
    "ReviewPhase",
    "ReviewScore",
    "ReviewSettings",
    "ReviewerScope",
    "ReviewerScopeTrack",
    "ScoreCategory",
    "SpeakerInvitation",
    "SpeakerProfile",
    "Submission",
    "SubmissionEmbedding",
    "SubmissionLog",
    "SubmissionSpeaker",
    "speakers_prefetch",
]
