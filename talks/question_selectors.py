"""Reads of the call-for-papers questions and of the speakers' answers."""

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from conference.models import Conference, Track
from talks.models import Answer, CfpQuestion, Submission


def _with_tracks(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(Prefetch("tracks", queryset=Track.objects.order_by("position")))


def cfp_question_list(*, conference: Conference) -> list[CfpQuestion]:
    """Every question of the conference in its order, each with answer_count and its tracks."""
    return list(
        _with_tracks(
            CfpQuestion.objects.filter(conference=conference).annotate(
                answer_count=Count("answers")
            )
        ).order_by("position", "pk")
    )


def cfp_question_for_organiser(*, conference: Conference, pk: int) -> CfpQuestion:
    return get_object_or_404(
        _with_tracks(
            CfpQuestion.objects.filter(conference=conference).select_related("conference")
        ),
        pk=pk,
    )


def asked_questions(*, conference: Conference) -> list[CfpQuestion]:
    """The active questions of the submission form, in their order, each with `track_ids`."""
    questions = list(
        CfpQuestion.objects.filter(conference=conference, active=True)
        .prefetch_related("tracks")
        .order_by("position", "pk")
    )
    for question in questions:
        question.track_ids = frozenset(track.pk for track in question.tracks.all())
    return questions


def is_in_scope(question: CfpQuestion, *, fmt: str, track_id: int | None) -> bool:
    """Whether the submission form asks `question` of a submission of this format and track.

    `question.track_ids` must be set (asked_questions does).
    """
    return question.asks_format(fmt) and question.asks_track(track_id, question.track_ids)


def answers_of(*, submission: Submission) -> list[Answer]:
    """The submission's answers in the questions' order, their questions loaded."""
    return list(
        Answer.objects.filter(submission=submission)
        .select_related("question")
        .order_by("question__position", "question_id")
    )


def answers_by_submission(*, submission_ids) -> dict[int, dict[int, Answer]]:
    """{submission id: {question id: answer}} in one query."""
    found: dict[int, dict[int, Answer]] = {}
    for answer in Answer.objects.filter(submission_id__in=list(submission_ids)):
        found.setdefault(answer.submission_id, {})[answer.question_id] = answer
    return found
