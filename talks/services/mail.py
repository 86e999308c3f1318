"""The call for papers' e-mails, queued through conference.mail.queue_mail."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from conference.links import absolute_url
from conference.mail import hold_reason_in_effect, queue_mail
from conference.models import Conference, OutboxMail
from conference.rules import is_organiser
from talks import selectors
from talks.enums import MailKind
from talks.mail import DEFAULTS, fill_placeholders, one_line
from talks.models import MailTemplate, SpeakerInvitation, Submission
from talks.services.cfp import update_mail_templates


def confirm_link(submission: Submission) -> str:
    return absolute_url(reverse("talks:submission_state", args=[submission.pk, "confirm"]))


def mail_template_in(*, conference: Conference, kind: str, language: str) -> tuple[str, str]:
    """(subject, body) of `kind` in `language` ("en" or "zh-hans"): the conference's Chinese
    wording for Chinese when it has one, else its English one, else the built-in text
    translated into `language`."""
    template = MailTemplate.objects.filter(conference=conference, kind=kind).first()
    if template and language.startswith("zh") and template.subject_zh and template.body_zh:
        return template.subject_zh, template.body_zh
    if template:
        return template.subject, template.body
    subject, body = DEFAULTS[kind]
    with translation.override(language):
        return str(subject), str(body)


def queue_submission_mail(*, submission: Submission, kind: str) -> list[OutboxMail]:
    """E-mail every speaker of the submission (each by name) the conference's text of `kind`.

    In the submission's written language (Submission.text_language): a speaker who wrote her
    abstract in Chinese reads Chinese; the conference's and track's names follow it.
    Side effects: one OutboxMail per speaker with an address, sent after commit.
    """
    conference = submission.conference
    language = submission.text_language or "en"
    subject, body = mail_template_in(conference=conference, kind=kind, language=language)
    hold = template_hold_reason(conference=conference, kind=kind)
    with translation.override(language):
        values = {
            "title": submission.title,
            "conference": conference.local_name,
            "track": submission.track.local_name if submission.track_id else "—",
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
                hold=hold,
            )
        )
    return mails


def queue_invitation_mail(*, invitation: SpeakerInvitation, inviter) -> OutboxMail:
    """E-mail a co-speaker invitation with its accept link, in the submission's written
    language (the invited person may have no account yet). Side effects: one OutboxMail."""
    submission = invitation.submission
    conference = submission.conference
    language = submission.text_language or "en"
    subject, body = mail_template_in(
        conference=conference, kind=MailKind.INVITATION, language=language
    )
    with translation.override(language):
        name = conference.local_name
    values = {
        "inviter": selectors.speaker_display_name(user=inviter),
        "title": submission.title,
        "conference": name,
        "accept_link": absolute_url(reverse("talks:invitation_accept", args=[invitation.token])),
    }
    return queue_mail(
        to=invitation.email,
        subject=one_line(fill_placeholders(subject, values)),
        body=fill_placeholders(body, values),
        conference=conference,
        kind=MailKind.INVITATION,
        hold=template_hold_reason(conference=conference, kind=MailKind.INVITATION),
    )


def template_hold_reason(*, conference: Conference, kind: str) -> str:
    """Why a message of `kind` waits in the outbox, if its template says hold; "" to send it.

    Inside a `held_mail()` block (a bulk decision, a release) that block's reason is kept, so
    that the outbox groups the batch's messages under one reason.
    """
    if hold_reason_in_effect():
        return ""
    held = MailTemplate.objects.filter(
        conference=conference, kind=kind, delivery=MailTemplate.Delivery.HOLD
    ).exists()
    if not held:
        return ""
    return _("“%(template)s” e-mails wait for review") % {"template": MailKind(kind).label}


@transaction.atomic
def save_mail_templates(
    *,
    conference: Conference,
    user,
    templates: dict[str, tuple[str, str]],
    deliveries: dict[str, str],
    fingerprint: str | None = None,
) -> None:
    """Save the wording (`update_mail_templates`, same rules and errors) and the delivery of
    each kind (`deliveries`: {kind: MailTemplate.Delivery}), all or nothing.

    A kind held for review keeps a row even with the built-in text: the row then holds that text
    as the page showed it.
    Side effects: MailTemplate rows created, changed or deleted.
    """
    if not is_organiser(user, conference):
        raise PermissionDenied
    update_mail_templates(
        conference=conference, user=user, templates=templates, fingerprint=fingerprint
    )
    for kind, delivery in deliveries.items():
        MailKind(kind)
        delivery = MailTemplate.Delivery(delivery)
        updated = MailTemplate.objects.filter(conference=conference, kind=kind).update(
            delivery=delivery
        )
        if not updated and delivery == MailTemplate.Delivery.HOLD:
            subject, body = DEFAULTS[kind]
            MailTemplate.objects.create(
                conference=conference,
                kind=kind,
                subject=str(subject),
                body=str(body),
                delivery=delivery,
            )
