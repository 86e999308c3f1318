"""Writes of a conference's call-for-papers settings and e-mail templates."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from conference.models import Conference
from conference.rules import is_organiser
from talks import selectors
from talks.enums import DEFAULT_DURATIONS, Format, Language, Level, MailKind
from talks.mail import validate_placeholders
from talks.models import CfpSettings, MailTemplate
from talks.models.cfp import (
    MAIL_BODY_MAX_LENGTH,
    MAIL_SUBJECT_MAX_LENGTH,
    MAX_DURATION,
    MIN_DURATION,
    default_formats,
)
from talks.services.common import StaleEdit


@transaction.atomic
def update_cfp_settings(
    *,
    conference: Conference,
    user,
    expected_version: int,
    cfp_opens_at: datetime | None,
    cfp_closes_at: datetime | None,
    formats: dict[str, dict],
    levels: list[str],
    languages: list[str],
    max_submissions_per_speaker: int | None,
    anonymised_review: bool,
    auto_assign_threshold: float | None,
    text: str | None = None,
    text_zh: str | None = None,
) -> CfpSettings:
    """Save the CfP settings and the conference's CfP dates together (or neither).

    text / text_zh: the call's words in English and in Chinese (None: unchanged).

    `formats` is {format: {"enabled": bool, "duration": minutes}}; at least one enabled.
    Side effects: the CfpSettings row (created on first save) with a new version, and the
    conference's cfp_opens_at / cfp_closes_at.
    """
    if not is_organiser(user, conference):
        raise PermissionDenied
    unknown = set(formats) - set(Format.values)
    if unknown or set(levels) - set(Level.values) or set(languages) - set(Language.values):
        raise ValidationError(_("Unknown format, level or language."))
    if not any(entry.get("enabled") for entry in formats.values()):
        raise ValidationError({"formats": _("Enable at least one format.")})
    conference.cfp_opens_at, conference.cfp_closes_at = cfp_opens_at, cfp_closes_at
    conference.clean()
    settings, _created = CfpSettings.objects.get_or_create(conference=conference)
    values = {
        "formats": _merge_formats(current=settings.formats, changes=formats),
        "levels": [level for level in Level.values if level in levels],
        "languages": [language for language in Language.values if language in languages],
        "max_submissions_per_speaker": max_submissions_per_speaker,
        "anonymised_review": anonymised_review,
        "auto_assign_threshold": auto_assign_threshold,
    }
    values |= {
        field: value for field, value in (("text", text), ("text_zh", text_zh)) if value is not None
    }
    for field, value in values.items():
        setattr(settings, field, value)
    settings.full_clean()
    # Conditional on the version the form was loaded with: a concurrent save wins, this fails.
    if not CfpSettings.objects.filter(pk=settings.pk, version=expected_version).update(
        **values, version=F("version") + 1
    ):
        raise StaleEdit
    conference.save(update_fields=["cfp_opens_at", "cfp_closes_at"])
    settings.refresh_from_db()
    conference.cfp_settings = settings
    return settings


def _merge_formats(*, current: dict, changes: dict) -> dict:
    merged = {}
    for fmt in Format.values:
        entry = changes.get(fmt) or current.get(fmt) or default_formats()[fmt]
        duration = int(entry.get("duration") or DEFAULT_DURATIONS[fmt])
        if not MIN_DURATION <= duration <= MAX_DURATION:
            raise ValidationError(
                {
                    "formats": _("A duration must be %(min)s to %(max)s minutes.")
                    % {"min": MIN_DURATION, "max": MAX_DURATION}
                }
            )
        merged[fmt] = {"enabled": bool(entry.get("enabled")), "duration": duration}
    return merged


@transaction.atomic
def update_mail_templates(
    *,
    conference: Conference,
    user,
    templates: dict[str, tuple[str, ...]],
    fingerprint: str | None = None,
) -> list[MailTemplate]:
    """Save the organisers' wording of each e-mail kind: all of them, or none on any error.

    `templates` is {kind: (subject, body)} or {kind: (subject, body, subject_zh, body_zh)}; an
    empty subject and body bring back the built-in text; the Chinese pair is optional (empty:
    Chinese speakers get the English wording) but needs the English pair beside it.
    Unknown placeholders are refused (ValidationError naming them). With `fingerprint`
    (selectors.mail_templates_fingerprint when the form was loaded), a save made after
    somebody else's is refused (StaleEdit) instead of overwriting it.
    Side effects: MailTemplate rows created, changed or deleted.
    """
    if not is_organiser(user, conference):
        raise PermissionDenied
    # Two organisers saving at once: the second waits here, then sees the first's fingerprint.
    Conference.objects.select_for_update().only("pk").get(pk=conference.pk)
    if fingerprint is not None:
        if fingerprint != selectors.mail_templates_fingerprint(conference=conference):
            raise StaleEdit()
    templates = {kind: (*wording, "", "")[:4] for kind, wording in templates.items()}
    errors = {}
    for kind, (subject, body, subject_zh, body_zh) in templates.items():
        MailKind(kind)
        if not subject and not body and not subject_zh and not body_zh:
            continue
        problems = []
        if not subject or not body:
            problems.append(_("Write both a subject and a body, or leave both empty."))
        if bool(subject_zh) != bool(body_zh):
            problems.append(
                _("Write both a Chinese subject and a Chinese body, or leave both empty.")
            )
        if max(len(subject), len(subject_zh)) > MAIL_SUBJECT_MAX_LENGTH or (
            max(len(body), len(body_zh)) > MAIL_BODY_MAX_LENGTH
        ):
            problems.append(_("The subject or the body is too long."))
        for text in (subject, body, subject_zh, body_zh):
            try:
                validate_placeholders(kind=kind, text=text)
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            errors[kind] = problems
    if errors:
        raise ValidationError(errors)
    saved = []
    for kind, (subject, body, subject_zh, body_zh) in templates.items():
        if not subject and not body:
            MailTemplate.objects.filter(conference=conference, kind=kind).delete()
            continue
        template, _created = MailTemplate.objects.update_or_create(
            conference=conference,
            kind=kind,
            defaults={
                "subject": subject,
                "body": body,
                "subject_zh": subject_zh,
                "body_zh": body_zh,
            },
        )
        saved.append(template)
    return saved


def set_auto_assign_threshold(*, conference: Conference, threshold: float | None) -> CfpSettings:
    """Store the threshold the model registry derived from the organiser's target precision
    (None: never set a track automatically). No permission check: the caller made it.

    Side effects: the CfpSettings row (created with defaults if missing), its version + 1.
    """
    settings, _created = CfpSettings.objects.get_or_create(conference=conference)
    CfpSettings.objects.filter(pk=settings.pk).update(
        auto_assign_threshold=threshold, version=F("version") + 1
    )
    settings.refresh_from_db()
    conference.cfp_settings = settings
    return settings
