"""Conflicts of interest between reviewers and submissions: computed, never stored.

A reviewer is in conflict with a submission when she is one of its speakers (or was invited as
one), declared a conflict in her bid, or — as the conference's AssignmentSettings say — shares an
affiliation or an e-mail domain with one of its speakers. Public mail domains (gmail.com, qq.com)
never count: many unrelated people share them.

Read on every review page view (conflict_reason) and for every list (conflicted_submission_ids),
so each function costs a fixed handful of queries, whatever the number of submissions.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Membership
from conference.text import fold
from talks.models import (
    AssignmentSettings,
    BidLevel,
    ReviewerBid,
    SpeakerInvitation,
    Submission,
    SubmissionSpeaker,
)

SPEAKER = "speaker"
CO_SPEAKER = "co_speaker"
DECLARED = "declared"
AFFILIATION = "affiliation"
EMAIL_DOMAIN = "email_domain"

# The reason shown when several hold: the first of these.
REASON_ORDER = (SPEAKER, CO_SPEAKER, DECLARED, AFFILIATION, EMAIL_DOMAIN)

CONFLICT_TEXT: dict[str, str] = {
    SPEAKER: _("The reviewer is the speaker of this submission."),
    CO_SPEAKER: _("The reviewer is a co-speaker of this submission."),
    DECLARED: _("The reviewer declared a conflict of interest with this submission."),
    AFFILIATION: _("The reviewer shares an affiliation with a speaker of this submission."),
    EMAIL_DOMAIN: _("The reviewer shares an e-mail domain with a speaker of this submission."),
}


def assignment_settings_for(*, conference: Conference) -> AssignmentSettings:
    """The conference's assignment settings, or unsaved defaults when none were saved."""
    try:
        return conference.assignment_settings
    except AssignmentSettings.DoesNotExist:
        return AssignmentSettings(conference=conference)


def public_domains(settings: AssignmentSettings) -> set[str]:
    """The settings' public mail domains, one per line (commas and spaces also separate)."""
    text = (settings.public_email_domains or "").replace(",", " ")
    return {word.strip().lstrip("@").lower() for word in text.split() if word.strip("@ ")}


def normalise_affiliation(text: str) -> str:
    """Case, accents, punctuation and spacing ignored: "ACME Corp." is "acme corp"."""
    folded = fold(text)
    kept = "".join(ch if ch.isalnum() else " " for ch in folded)
    return " ".join(kept.split())


# Names reserved for documentation and tests (RFC 2606, RFC 6761): no real organisation mails
# from them, while demo and test accounts share them by the hundred, so they never conflict.
RESERVED_DOMAINS = {"example.com", "example.org", "example.net"}
RESERVED_TLDS = {"example", "test", "invalid", "localhost"}


def email_domain(email: str) -> str:
    """The address's domain, lower-case; "" for none and for reserved (example) domains."""
    if "@" not in (email or ""):
        return ""
    domain = email.rsplit("@", 1)[1].strip().lower().rstrip(".")
    if domain in RESERVED_DOMAINS or domain.rsplit(".", 1)[-1] in RESERVED_TLDS:
        return ""
    return domain


def _team_user_ids(conference: Conference) -> list[int]:
    return list(Membership.objects.filter(conference=conference).values_list("user_id", flat=True))


def conflicts_for(
    *,
    conference: Conference,
    reviewer_ids: Iterable[int] | None = None,
    submission_ids: Iterable[int] | None = None,
) -> dict[tuple[int, int], str]:
    """{(submission id, reviewer user id): reason code} for every conflicted pair.

    `reviewer_ids` None: the conference's team (every membership); `submission_ids` None: every
    submission of the conference. Reason codes are those of CONFLICT_TEXT; a pair with several
    reasons gets the first of REASON_ORDER. Ids outside the conference are ignored.
    """
    settings = assignment_settings_for(conference=conference)
    reviewers = list(reviewer_ids) if reviewer_ids is not None else _team_user_ids(conference)
    if not reviewers:
        return {}
    submissions = Submission.objects.filter(conference=conference)
    if submission_ids is not None:
        submissions = submissions.filter(pk__in=list(submission_ids))
    submission_pks = list(submissions.values_list("pk", flat=True))
    if not submission_pks:
        return {}
    reviewer_set = set(reviewers)
    found: dict[tuple[int, int], set[str]] = defaultdict(set)

    links = list(
        SubmissionSpeaker.objects.filter(submission_id__in=submission_pks).values_list(
            "submission_id",
            "user_id",
            "position",
            "user__email",
            "user__speaker_profile__affiliation",
        )
    )
    for submission_id, user_id, position, _email, _affiliation in links:
        if user_id in reviewer_set:
            found[(submission_id, user_id)].add(SPEAKER if position == 0 else CO_SPEAKER)

    User = get_user_model()
    people = {
        pk: (email or "", affiliation or "")
        for pk, email, affiliation in User.objects.filter(pk__in=reviewer_set).values_list(
            "pk", "email", "speaker_profile__affiliation"
        )
    }
    # An invited co-speaker who has not accepted yet already knows the submission.
    by_email: dict[str, list[int]] = defaultdict(list)
    for pk, (email, _affiliation) in people.items():
        if email:
            by_email[email.lower()].append(pk)
    if by_email:
        invitations = SpeakerInvitation.objects.filter(
            submission_id__in=submission_pks, accepted_at__isnull=True
        ).values_list("submission_id", "email")
        for submission_id, email in invitations:
            for pk in by_email.get((email or "").lower(), ()):
                found[(submission_id, pk)].add(CO_SPEAKER)

    bids = ReviewerBid.objects.filter(
        submission_id__in=submission_pks, reviewer_id__in=reviewer_set, level=BidLevel.CONFLICT
    ).values_list("submission_id", "reviewer_id")
    for submission_id, reviewer_id in bids:
        found[(submission_id, reviewer_id)].add(DECLARED)

    if settings.conflict_same_affiliation:
        speakers_of: dict[str, set[int]] = defaultdict(set)
        for submission_id, _user_id, _position, _email, affiliation in links:
            key = normalise_affiliation(affiliation or "")
            if key:
                speakers_of[key].add(submission_id)
        for pk, (_email, affiliation) in people.items():
            for submission_id in speakers_of.get(normalise_affiliation(affiliation), ()):
                found[(submission_id, pk)].add(AFFILIATION)

    if settings.conflict_same_email_domain:
        public = public_domains(settings)
        speakers_at: dict[str, set[int]] = defaultdict(set)
        for submission_id, _user_id, _position, email, _affiliation in links:
            domain = email_domain(email)
            if domain and domain not in public:
                speakers_at[domain].add(submission_id)
        for pk, (email, _affiliation) in people.items():
            for submission_id in speakers_at.get(email_domain(email), ()):
                found[(submission_id, pk)].add(EMAIL_DOMAIN)

    return {
        pair: next(code for code in REASON_ORDER if code in codes) for pair, codes in found.items()
    }


def conflict_reason(*, submission: Submission, user) -> str | None:
    """The reason code of the user's conflict with the submission, or None (a few queries)."""
    if user is None or not getattr(user, "pk", None):
        return None
    conflicts = conflicts_for(
        conference=submission.conference, reviewer_ids=[user.pk], submission_ids=[submission.pk]
    )
    return conflicts.get((submission.pk, user.pk))


def conflicted_submission_ids(*, conference: Conference, user) -> set[int]:
    """Ids of the conference's submissions the user may not review (to filter lists)."""
    if user is None or not getattr(user, "pk", None):
        return set()
    conflicts = conflicts_for(conference=conference, reviewer_ids=[user.pk])
    return {submission_id for submission_id, _user_id in conflicts}
