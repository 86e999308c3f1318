"""Writes of the call-for-papers questions: the organisers' questions and the speakers' answers."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from conference.models import Conference, Track
from conference.rules import is_organiser
from talks.enums import LogAction
from talks.models import Answer, CfpQuestion, Submission
from talks.rules import is_submission_speaker
from talks.services.common import StaleEdit, clip, log_submission


def _check_tracks(conference: Conference, tracks: Iterable[Track]) -> list[Track]:
    tracks = list(tracks)
    if any(track.conference_id != conference.pk for track in tracks):
        raise ValidationError({"tracks": _("Pick tracks of this conference.")})
    return tracks


def _clean_options(kind: str, options: Iterable[str]) -> list[str]:
    if kind not in CfpQuestion.CHOICE_KINDS:
        return []
    return [option.strip() for option in options if option.strip()]


@transaction.atomic
def create_cfp_question(
    *,
    conference: Conference,
    user,
    text: str,
    kind: str,
    help_text: str = "",
    options: Iterable[str] = (),
    required: bool = False,
    formats: Iterable[str] = (),
    tracks: Iterable[Track] = (),
    active: bool = True,
) -> CfpQuestion:
    """Add a question at the end of the conference's list; no tracks means every track.

    Side effects: one CfpQuestion row and its CfpQuestionTrack rows.
    """
    if not is_organiser(user, conference):
        raise PermissionDenied
    tracks = _check_tracks(conference, tracks)
    last = CfpQuestion.objects.filter(conference=conference).aggregate(last=Max("position"))
    question = CfpQuestion(
        conference=conference,
        text=text.strip(),
        help_text=help_text.strip(),
        kind=kind,
        options=_clean_options(kind, options),
        required=required,
        formats=list(dict.fromkeys(formats)),
        all_tracks=not tracks,
        position=0 if last["last"] is None else last["last"] + 1,
        active=active,
    )
    question.full_clean()
    question.save()
    question.tracks.set(tracks)
    return question


@transaction.atomic
def update_cfp_question(
    *,
    question: CfpQuestion,
    user,
    expected_version: int,
    text: str,
    kind: str,
    help_text: str = "",
    options: Iterable[str] = (),
    required: bool = False,
    formats: Iterable[str] = (),
    tracks: Iterable[Track] = (),
    active: bool = True,
) -> CfpQuestion:
    """Change a question. Answers given already stay as they were, also when a choice they
    name is gone. Raises StaleEdit when the question changed since the form was loaded.

    Side effects: the CfpQuestion row with a new version; its tracks replaced.
    """
    if not is_organiser(user, question.conference):
        raise PermissionDenied
    question = CfpQuestion.objects.select_for_update().get(pk=question.pk)
    if question.version != expected_version:
        raise StaleEdit
    tracks = _check_tracks(question.conference, tracks)
    question.text = text.strip()
    question.help_text = help_text.strip()
    question.kind = kind
    question.options = _clean_options(kind, options)
    question.required = required
    question.formats = list(dict.fromkeys(formats))
    question.all_tracks = not tracks
    question.active = active
    question.version += 1
    question.full_clean()
    question.save()
    question.tracks.set(tracks)
    return question


@transaction.atomic
def delete_cfp_question(*, question: CfpQuestion, user, delete_answers: bool = False) -> int:
    """Delete a question; returns how many answers went with it.

    A question that speakers answered is refused (ValidationError, code "has_answers") unless
    `delete_answers` says the organiser confirmed their loss; deactivating keeps them.
    Side effects: the question, its scope and (if confirmed) its answers deleted.
    """
    if not is_organiser(user, question.conference):
        raise PermissionDenied
    question = CfpQuestion.objects.select_for_update().get(pk=question.pk)
    answers = Answer.objects.filter(question=question)
    count = answers.count()
    if count and not delete_answers:
        raise ValidationError(
            _(
                "%(count)d submissions answered “%(question)s”: confirm that their answers go "
                "too, or stop asking it instead."
            )
            % {"count": count, "question": question.text},
            code="has_answers",
        )
    answers.delete()
    question.delete()
    return count


@transaction.atomic
def move_cfp_question(*, question: CfpQuestion, user, direction: str) -> None:
    """Swap the question with its neighbour above ("up") or below ("down"); at an end, nothing.

    Side effects: the positions of the conference's questions renumbered 0, 1, 2, ...
    """
    if not is_organiser(user, question.conference):
        raise PermissionDenied
    if direction not in ("up", "down"):
        raise ValidationError(_("Move a question up or down."))
    questions = list(
        CfpQuestion.objects.select_for_update()
        .filter(conference_id=question.conference_id)
        .order_by("position", "pk")
    )
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    changed = []
    for position, item in enumerate(questions):
        if item.position != position:
            item.position = position
            changed.append(item)
    CfpQuestion.objects.bulk_update(changed, ["position"])


@transaction.atomic
def save_cfp_answers(
    *,
    submission: Submission,
    user,
    answers: Mapping[CfpQuestion, object],
    record_history: bool = True,
) -> dict[str, list[str]]:
    """Store the speaker's answers: an empty one (None, "", []) removes the stored answer.

    Answers to questions not in `answers` (out of the submission's scope now) stay as they
    were. Returns {question: [old, new]} of what changed, in words. Side effects: Answer rows
    created, updated or deleted; with `record_history` (an edit, not the first submission)
    one "edited" SubmissionLog entry when anything changed.
    """
    if not is_submission_speaker(user, submission):
        raise PermissionDenied
    if any(question.conference_id != submission.conference_id for question in answers):
        raise ValidationError(_("A question of another conference."))
    stored = {a.question_id: a for a in Answer.objects.filter(submission=submission)}
    changes = {}
    for question, value in answers.items():
        answer = stored.get(question.pk)
        if value is None or value == "" or value == []:
            if answer is not None:
                changes[question.text] = [clip(answer.display), ""]
                answer.delete()
        elif answer is None:
            answer = Answer.objects.create(submission=submission, question=question, value=value)
            changes[question.text] = ["", clip(answer.display)]
        elif answer.value != value:
            old = answer.display
            answer.value = value
            answer.save(update_fields=["value", "updated_at"])
            changes[question.text] = [clip(old), clip(answer.display)]
    if changes and record_history:
        log_submission(submission=submission, actor=user, action=LogAction.EDITED, changes=changes)
    return changes
