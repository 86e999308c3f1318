"""The call for papers' e-mails, queued through conference.mail.queue_mail."""

from django.conf import settings
from django.urls import reverse

from conference.mail import queue_mail
from conference.models import OutboxMail
from talks import selectors
from talks.enums import MailKind
from talks.mail import fill_placeholders, one_line
from talks.models import SpeakerInvitation, Submission


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def confirm_link(submission: Submission) -> str:
    return absolute_url(reverse("talks:submission_state", args=[submission.pk, "confirm"]))


def queue_submission_mail(*, submission: Submission, kind: str) -> list[OutboxMail]:
    """E-mail every speaker of the submission (each by name) the conference's text of `kind`.

    Side effects: one OutboxMail per speaker with an address, sent after commit.
    """
    conference = submission.conference
    subject, body = selectors.mail_template_for(conference=conference, kind=kind)
    values = {
        "title": submission.title,
        "conference": conference.name,
        "track": submission.track.name if submission.track_id else "—",
        "submission_link": absolute_url(submission.get_absolute_url()),
        "confirm_link": confirm_link(submission),
    }
    mails = []
    for speaker in selectors.speakers_of(submission=submission):
        if not speaker.email:
            continue
        values["speaker"] = selectors.speaker_display_name(user=speaker)
        mails.append(
            queue_mail(
                to=speaker.email,
                subject=one_line(fill_placeholders(subject, values)),
                body=fill_placeholders(body, values),
                conference=conference,
                kind=kind,
            )
        )
    return mails


def queue_invitation_mail(*, invitation: SpeakerInvitation, inviter) -> OutboxMail:
    """E-mail a co-speaker invitation with its accept link. Side effects: one OutboxMail."""
    submission = invitation.submission
    conference = submission.conference
    subject, body = selectors.mail_template_for(conference=conference, kind=MailKind.INVITATION)
    values = {
        "inviter": selectors.speaker_display_name(user=inviter),
        "title": submission.title,
        "conference": conference.name,
        "accept_link": absolute_url(reverse("talks:invitation_accept", args=[invitation.token])),
    }
    return queue_mail(
        to=invitation.email,
        subject=one_line(fill_placeholders(subject, values)),
        body=fill_placeholders(body, values),
        conference=conference,
        kind=MailKind.INVITATION,
    )
