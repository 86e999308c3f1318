"""The answers to a submission's CfP questions, for the pages that show them (review, speaker)."""

from django import template

from talks.models import CfpQuestion
from talks.question_selectors import answers_of

register = template.Library()


@register.simple_tag
def submission_answers(submission) -> list[dict]:
    """[{"question", "text", "is_url", "is_long"}] of the submission's answers, in the
    questions' order (one query). `text` is the answer in words."""
    return [
        {
            "question": answer.question,
            "text": answer.display,
            # Only http(s) becomes a link, whatever wrote the row.
            "is_url": answer.question.kind == CfpQuestion.Kind.URL
            and answer.display.startswith(("https://", "http://")),
            "is_long": answer.question.kind == CfpQuestion.Kind.LONG_TEXT,
        }
        for answer in answers_of(submission=submission)
    ]
