"""Writes about speakers: profiles and co-speaker invitations."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from talks.enums import COUNTED_STATES, JOINABLE_STATES, LogAction
from talks.models import SpeakerInvitation, SpeakerProfile, Submission
from talks.rules import is_joinable, is_submission_speaker
from talks.services.common import StaleEdit, log_submission
from talks.services.mail import queue_invitation_mail
from talks.services.submissions import check_submission_limit, refresh_search_text

PROFILE_FIELDS = ("name", "bio", "affiliation", "links")
# Speakers plus pending invitations: a panel has a few people, not a crowd.
MAX_SPEAKERS = 6


@transaction.atomic
def update_speaker_profile(
    *, user, expected_version: int | None = None, photo=None, **fields
) -> SpeakerProfile:
    """Create or edit the user's speaker profile.

    `photo`: a new upload replaces the photo, False removes it, None keeps it. The old file is
    deleted after commit. `expected_version` guards against overwriting a concurrent edit.
    Side effects: the SpeakerProfile row, the photo file(s).
    """
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {', '.join(sorted(unknown))}")
    profile = SpeakerProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        profile = SpeakerProfile(user=user, version=0)
    if expected_version is not None and expected_version != profile.version:
        raise StaleEdit
    old_photo = profile.photo.name if profile.photo else ""
    for field, value in fields.items():
        setattr(profile, field, value)
    if isinstance(photo, UploadedFile):
        profile.photo = photo
    elif photo is False:
        profile.photo = None
    profile.full_clean()
    if profile.pk is None:
        profile.version = 1
        profile.save()
    else:
        # Conditional on the version (SQLite ignores select_for_update).
        if not SpeakerProfile.objects.filter(pk=profile.pk, version=profile.version).update(
            version=F("version") + 1
        ):
            raise StaleEdit
        profile.version += 1
        profile.save()
    if "name" in fields:
        refresh_search_text(
            submission_ids=user.submission_links.values_list("submission_id", flat=True)
        )
    new_photo = profile.photo.name if profile.photo else ""
    if old_photo and old_photo != new_photo:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    return profile


@transaction.atomic
def invite_co_speaker(*, submission: Submission, email: str, user) -> SpeakerInvitation:
    """Invite someone by e-mail to join the submission; inviting the same address again re-sends.

    Side effects: a SpeakerInvitation with a secret token, an e-mail with its link, a history
    entry.
    """
    if not is_submission_speaker(user, submission):
        raise PermissionDenied
    if not is_joinable(user, submission):
        raise ValidationError(_("This submission no longer takes co-speakers."))
    email = email.strip().lower()
    if submission.speakers.filter(email__iexact=email).exists():
        raise ValidationError(_("That person is already a speaker of this submission."))
    invitation = SpeakerInvitation.objects.filter(submission=submission, email=email).first()
    if invitation is None:
        pending = submission.invitations.filter(accepted_at__isnull=True).count()
        if submission.speakers.count() + pending >= MAX_SPEAKERS:
            raise ValidationError(
                _("A submission can have at most %(count)s speakers.") % {"count": MAX_SPEAKERS}
            )
        invitation = SpeakerInvitation.objects.create(
            submission=submission,
            email=email,
            token=secrets.token_urlsafe(32),
            invited_by=user,
        )
    elif invitation.accepted_at:
        raise ValidationError(_("That invitation was already accepted."))
    queue_invitation_mail(invitation=invitation, inviter=user)
    log_submission(submission=submission, actor=user, action=LogAction.INVITED, email=email)
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, user) -> Submission:
    """Join a submission as a co-speaker with an invitation's token.

    Side effects: the user is added to the submission's speakers, the invitation is marked
    accepted (it cannot be used again), a history entry.
    """
    invitation = (
        SpeakerInvitation.objects.select_for_update()
        .select_related("submission__conference")
        .filter(token=token, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation is not valid any more."), code="invalid")
    submission = invitation.submission
    if submission.state not in JOINABLE_STATES:
        raise ValidationError(_("This submission no longer takes co-speakers."))
    if submission.speakers.filter(pk=user.pk).exists():
        raise ValidationError(_("You are already a speaker of this submission."))
    if submission.state in COUNTED_STATES:
        check_submission_limit(conference=submission.conference, users=[user])
    # Co-speakers follow the submitter (position 0) in the order they join.
    submission.speakers.add(user, through_defaults={"position": submission.speakers.count()})
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    refresh_search_text(submission_ids=[submission.pk])
    log_submission(
        submission=submission, actor=user, action=LogAction.JOINED, email=invitation.email
    )
    return submission
