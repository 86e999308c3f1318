"""Helpers shared by the talks services."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from talks.models import Submission, SubmissionLog

LOG_VALUE_MAX_LENGTH = 300

STALE_MESSAGE = _(
    "Somebody else changed this since you opened the form. Nothing was saved: reload the page "
    "to see their changes, then make yours again."
)


class StaleEdit(ValidationError):
    """The form was loaded before a concurrent change: saving it would overwrite that change."""

    def __init__(self):
        super().__init__(STALE_MESSAGE, code="stale")


def log_submission(*, submission: Submission, actor, action: str, **data) -> SubmissionLog:
    """Write one history entry. Side effects: one SubmissionLog row."""
    return SubmissionLog.objects.create(
        submission=submission,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        data=data,
    )


def clip(value) -> object:
    """Long texts (abstracts) are kept in the history shortened."""
    if isinstance(value, str) and len(value) > LOG_VALUE_MAX_LENGTH:
        return value[: LOG_VALUE_MAX_LENGTH - 1] + "…"
    return value
