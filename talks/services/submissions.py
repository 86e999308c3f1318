"""Writes of submissions: create, edit, and every state transition (one table, one service)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.language import detect_language
from conference.models import Conference, OutboxMail
from conference.rules import is_organiser
from conference.text import fold
from talks import selectors
from talks.enums import COUNTED_STATES, EDITABLE_STATES, Actor, LogAction, MailKind, State
from talks.models import CfpSettings, Submission, speakers_prefetch
from talks.rules import is_submission_organiser, is_submission_speaker
from talks.services.common import StaleEdit, clip, log_submission
from talks.services.mail import queue_submission_mail
from talks.signals import submission_text_changed

# Every allowed state change and who may make it; anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (State.DRAFT, State.SUBMITTED): Actor.SPEAKER,
    (State.DRAFT, State.WITHDRAWN): Actor.SPEAKER,
    (State.SUBMITTED, State.WITHDRAWN): Actor.SPEAKER,
    (State.SUBMITTED, State.ACCEPTED): Actor.ORGANISER,
    (State.SUBMITTED, State.REJECTED): Actor.ORGANISER,
    (State.ACCEPTED, State.CONFIRMED): Actor.SPEAKER,
    (State.ACCEPTED, State.WITHDRAWN): Actor.SPEAKER,
    (State.CONFIRMED, State.WITHDRAWN): Actor.SPEAKER,
    (State.ACCEPTED, State.CANCELLED): Actor.ORGANISER,
    (State.CONFIRMED, State.CANCELLED): Actor.ORGANISER,
}

# The e-mail each new state sends to the speakers.
STATE_MAIL = {
    State.SUBMITTED: MailKind.RECEIVED,
    State.ACCEPTED: MailKind.ACCEPTED,
    State.REJECTED: MailKind.REJECTED,
}

EDITABLE_FIELDS = (
    "title",
    "abstract",
    "format",
    "duration",
    "level",
    "language",
    "text_language",
)
TEXT_FIELDS = ("title", "abstract")


def detect_submission_language(*, title: str, abstract: str) -> str:
    """The language the title and abstract are written in: TextLanguage's "en" or "zh-hans"."""
    return detect_language(f"{title}. {abstract}")


def _text_language_changes(current: Submission, changes: dict) -> dict:
    """What an edit makes of the written language: the speaker's choice when `changes` has one
    ("" hands it back to detection), else kept if she chose it before, else detected again."""
    chosen = changes.pop("text_language", None)
    if chosen is None and not any(field in changes for field in TEXT_FIELDS):
        return changes
    if chosen is None:
        chosen = current.text_language if current.text_language_by_speaker else ""
    detected = detect_submission_language(
        title=changes.get("title", current.title),
        abstract=changes.get("abstract", current.abstract),
    )
    return {
        **changes,
        "text_language": chosen or detected,
        "text_language_by_speaker": bool(chosen),
    }


def _announce_text_change(submission: Submission) -> None:
    # Receivers queue their work with conference.dispatch: nothing runs if this transaction fails.
    submission_text_changed.send(sender=Submission, submission_id=submission.pk)


def _check_cfp_open(conference: Conference) -> None:
    if not conference.cfp_is_open(timezone.now()):
        raise ValidationError(_("The call for papers is closed."), code="cfp_closed")


def _check_format(cfp: CfpSettings, fmt: str) -> None:
    if fmt not in cfp.enabled_formats:
        raise ValidationError(
            {"format": _("This conference does not take that format.")}, code="format"
        )


def check_submission_limit(*, conference: Conference, users, exclude_pk: int | None = None):
    """Refuse when one of `users` already has the most submissions the conference allows.

    Locks the users' rows first (PostgreSQL), so two submissions sent at once by one speaker
    are counted one after the other instead of both slipping under the limit.
    """
    limit = CfpSettings.for_conference(conference).max_submissions_per_speaker
    if limit is None:
        return
    users = list(users)
    list(get_user_model().objects.select_for_update().filter(pk__in=[u.pk for u in users]))
    for user in users:
        count = (
            Submission.objects.filter(
                conference=conference, speakers=user, state__in=COUNTED_STATES
            )
            .exclude(pk=exclude_pk)
            .count()
        )
        if count >= limit:
            raise ValidationError(
                _(
                    "%(name)s already has %(limit)s submissions here, the most this "
                    "conference takes."
                )
                % {"name": selectors.speaker_display_name(user=user), "limit": limit},
                code="limit",
            )


@transaction.atomic
def create_submission(
    *,
    conference: Conference,
    speaker,
    title: str,
    abstract: str,
    format: str,
    duration: int,
    level: str = "",
    language: str = "",
    text_language: str = "",
    draft: bool = False,
) -> Submission:
    """Create a submission (or a draft) while the CfP is open, within the per-speaker limit.

    text_language: the language of the title and abstract as the speaker chose it; "" (not
    chosen) detects it from them (detect_submission_language).

    Side effects: the Submission with its speaker, a history entry, a "received" e-mail unless
    it is a draft, and (after commit) categorisation through submission_text_changed.
    """
    _check_cfp_open(conference)
    _check_format(CfpSettings.for_conference(conference), format)
    submission = Submission(
        conference=conference,
        title=title,
        abstract=abstract,
        format=format,
        duration=duration,
        level=level or "",
        language=language or "",
        text_language=text_language or detect_submission_language(title=title, abstract=abstract),
        text_language_by_speaker=bool(text_language),
        state=State.DRAFT if draft else State.SUBMITTED,
    )
    submission.full_clean()
    if not draft:
        check_submission_limit(conference=conference, users=[speaker])
    submission.save()
    submission.speakers.add(speaker, through_defaults={"position": 0})
    refresh_search_text(submission_ids=[submission.pk])
    log_submission(
        submission=submission, actor=speaker, action=LogAction.CREATED, state=submission.state
    )
    if not draft:
        queue_submission_mail(submission=submission, kind=MailKind.RECEIVED)
    _announce_text_change(submission)
    return submission


@transaction.atomic
def update_submission(
    *, submission: Submission, user=None, expected_version: int | None = None, **changes
) -> Submission:
    """Edit a submission before its decision while the CfP is open.

    `expected_version` is the version the edit form was loaded with: if the submission changed
    since, StaleEdit is raised and nothing is saved. With a `user`, they must be its speaker.
    Side effects: the changed fields and a new version, a history entry with old and new values,
    and a new categorisation (after commit) when the title or abstract changed. The written
    language is detected again from a changed text unless the speaker chose it ("" in
    text_language hands it back to detection).
    """
    if user is not None and not is_submission_speaker(user, submission):
        raise PermissionDenied
    _check_cfp_open(submission.conference)
    if submission.state not in EDITABLE_STATES:
        raise ValidationError(
            _("A decision was made: the submission can no longer be changed."), code="decided"
        )
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    # Compare with the row as stored: a ModelForm has already copied its input onto the
    # instance it was given.
    current = Submission.objects.get(pk=submission.pk)
    version = current.version if expected_version is None else expected_version
    if version != current.version:
        raise StaleEdit
    changes = _text_language_changes(current, changes)
    if "format" in changes and changes["format"] != current.format:
        _check_format(CfpSettings.for_conference(submission.conference), changes["format"])
    diff = {
        field: [clip(getattr(current, field)), clip(value)]
        for field, value in changes.items()
        if getattr(current, field) != value
    }
    for field, value in changes.items():
        setattr(submission, field, value)
    submission.full_clean()
    now = timezone.now()
    # Conditional on the version: a concurrent edit committed in between makes this match
    # nothing, on SQLite as on PostgreSQL.
    updated = Submission.objects.filter(pk=submission.pk, version=version).update(
        **changes, version=F("version") + 1, updated_at=now
    )
    if not updated:
        raise StaleEdit
    submission.version = version + 1
    submission.updated_at = now
    if diff:
        log_submission(submission=submission, actor=user, action=LogAction.EDITED, changes=diff)
    if any(field in diff for field in TEXT_FIELDS):
        refresh_search_text(submission_ids=[submission.pk])
        _announce_text_change(submission)
    return submission


def transition_actor(*, from_state: str, to_state: str) -> str | None:
    return TRANSITIONS.get((from_state, to_state))


def allowed_transitions(*, submission: Submission, user) -> list[str]:
    """The states this user may move the submission to now (for buttons, not for checks)."""
    allowed = []
    for (from_state, to_state), actor in TRANSITIONS.items():
        if from_state != submission.state:
            continue
        if actor == Actor.SPEAKER and is_submission_speaker(user, submission):
            allowed.append(to_state)
        elif actor == Actor.ORGANISER and is_submission_organiser(user, submission):
            allowed.append(to_state)
    return allowed


def _check_transition(*, submission: Submission, to_state: str, user) -> None:
    actor = transition_actor(from_state=submission.state, to_state=to_state)
    if actor is None:
        raise ValidationError(
            _("A submission that is %(from)s cannot become %(to)s.")
            % {
                "from": State(submission.state).label.lower(),
                "to": State(to_state).label.lower(),
            },
            code="transition",
        )
    if actor == Actor.SPEAKER and not is_submission_speaker(user, submission):
        raise PermissionDenied
    if actor == Actor.ORGANISER and not is_submission_organiser(user, submission):
        raise PermissionDenied


@transaction.atomic
def change_submission_state(*, submission: Submission, to_state: str, user) -> Submission:
    """Move a submission along the TRANSITIONS table, if this user may.

    Raises ValidationError for a transition the table does not have (or a draft sent after the
    CfP closed or over the limit) and PermissionDenied for the wrong person.
    Side effects: the new state and version, a history entry, and the state's e-mail to the
    speakers (received / accepted with a confirm link / rejected).
    """
    change_state_with_mails(submission=submission, to_state=to_state, user=user)
    return submission


def change_state_with_mails(*, submission: Submission, to_state: str, user) -> list[OutboxMail]:
    """change_submission_state, returning the e-mails it queued (the decision log keeps them,
    so that an undo can discard those still held). Call it inside a transaction."""
    _check_transition(submission=submission, to_state=to_state, user=user)
    from_state = submission.state
    if to_state == State.SUBMITTED:
        _check_cfp_open(submission.conference)
        check_submission_limit(
            conference=submission.conference,
            users=submission.speakers.all(),
            exclude_pk=submission.pk,
        )
    now = timezone.now()
    # Conditional on the state we checked: of two concurrent changes only the first applies.
    updated = Submission.objects.filter(pk=submission.pk, state=from_state).update(
        state=to_state, version=F("version") + 1, updated_at=now
    )
    if not updated:
        raise ValidationError(
            _("The submission changed meanwhile; nothing was done. Reload and try again."),
            code="stale",
        )
    submission.state = to_state
    submission.version += 1
    submission.updated_at = now
    log_submission(
        submission=submission,
        actor=user,
        action=LogAction.STATE,
        **{"from": from_state, "to": to_state},
    )
    if to_state in STATE_MAIL:
        return queue_submission_mail(submission=submission, kind=STATE_MAIL[to_state])
    return []


@transaction.atomic
def bulk_change_state(*, submissions, to_state: str, user) -> list[Submission]:
    """Accept or reject many submissions at once: all of them, or (on any error) none.

    Side effects: as change_submission_state, for each.
    """
    errors = []
    changed = []
    for submission in submissions:
        try:
            changed.append(
                change_submission_state(submission=submission, to_state=to_state, user=user)
            )
        except ValidationError as error:
            errors.append(f"“{submission.title}”: {' '.join(error.messages)}")
    if errors:
        # Raising leaves the atomic block: the ones already changed are rolled back too.
        raise ValidationError(errors, code="bulk")
    return changed


@transaction.atomic
def send_confirmation_reminders(*, conference: Conference, user) -> int:
    """Remind the speakers of every accepted, unconfirmed submission to confirm it.

    Side effects: one "reminder" e-mail per speaker and a history entry per submission.
    Returns the number of submissions reminded.
    """
    if not is_organiser(user, conference):
        raise PermissionDenied
    submissions = list(
        Submission.objects.filter(conference=conference, state=State.ACCEPTED).select_related(
            "conference", "track"
        )
    )
    for submission in submissions:
        queue_submission_mail(submission=submission, kind=MailKind.REMINDER)
        log_submission(submission=submission, actor=user, action=LogAction.REMINDED)
    return len(submissions)


def refresh_search_text(*, submission_ids) -> int:
    """Write the folded search columns (conference.text.fold) of these submissions: title and
    abstract into search_text, the speakers' display names into search_names.

    Called by every service that changes a title, an abstract, a speaker or a speaker's name.
    Side effects: one UPDATE per submission whose columns changed; returns how many.
    """
    submissions = Submission.objects.filter(pk__in=list(submission_ids)).prefetch_related(
        speakers_prefetch()
    )
    changed = []
    for submission in submissions:
        text = fold(f"{submission.title} {submission.abstract}")
        names = fold(
            " ".join(selectors.speaker_display_name(user=u) for u in submission.speakers.all())
        )
        if (text, names) != (submission.search_text, submission.search_names):
            submission.search_text, submission.search_names = text, names
            changed.append(submission)
    Submission.objects.bulk_update(changed, ["search_text", "search_names"])
    return len(changed)
