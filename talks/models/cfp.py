"""A conference's call-for-papers settings and its e-mail templates."""

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from conference.language import pick
from conference.models import Conference
from talks.enums import DEFAULT_DURATIONS, Format, Language, Level, MailKind

MAIL_SUBJECT_MAX_LENGTH = 255
MAIL_BODY_MAX_LENGTH = 10000
MIN_DURATION = 5
MAX_DURATION = 480


def default_formats() -> dict:
    return {fmt.value: {"enabled": True, "duration": DEFAULT_DURATIONS[fmt]} for fmt in Format}


def default_levels() -> list[str]:
    return [level.value for level in Level]


def default_languages() -> list[str]:
    return [Language.ENGLISH.value, Language.CHINESE.value]


class CfpSettings(models.Model):
    """How a conference's call for papers works. The open/close dates live on Conference."""

    conference = models.OneToOneField(
        Conference, on_delete=models.CASCADE, related_name="cfp_settings"
    )
    # {format: {"enabled": bool, "duration": minutes}}; a disabled format keeps its duration.
    formats = models.JSONField(_("formats"), default=default_formats)
    levels = models.JSONField(_("levels"), default=default_levels)
    languages = models.JSONField(_("languages"), default=default_languages)
    # Empty: no limit (the default, as in pretalx).
    max_submissions_per_speaker = models.PositiveSmallIntegerField(
        _("most submissions per speaker"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    anonymised_review = models.BooleanField(_("anonymised review"), default=False)
    # The call's own words above the facts on the conference page, in English and in Chinese:
    # each shown in its language, the other where one is empty (conference.language.pick).
    text = models.TextField(_("call for papers text"), blank=True, max_length=MAIL_BODY_MAX_LENGTH)
    text_zh = models.TextField(
        _("call for papers text (Chinese)"), blank=True, max_length=MAIL_BODY_MAX_LENGTH
    )
    # A fraction 0–1; empty: never set a track automatically.
    auto_assign_threshold = models.FloatField(
        _("auto-assign threshold"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("call-for-papers settings")
        verbose_name_plural = _("call-for-papers settings")

    def __str__(self) -> str:
        return str(self.conference)

    @property
    def local_text(self) -> str:
        """The call's text in the active language, else in the other one."""
        return pick(self.text, self.text_zh, get_language())

    @classmethod
    def for_conference(cls, conference: Conference) -> "CfpSettings":
        """The conference's settings, or unsaved defaults; cached on the conference object."""
        try:
            return conference.cfp_settings
        except cls.DoesNotExist:
            # Assigning sets the reverse cache too: the next call asks the database nothing.
            return cls(conference=conference)

    @property
    def enabled_formats(self) -> list[Format]:
        return [fmt for fmt in Format if self.formats.get(fmt.value, {}).get("enabled")]

    def duration_for(self, fmt: str) -> int:
        return self.formats.get(fmt, {}).get("duration") or DEFAULT_DURATIONS[Format(fmt)]


class MailTemplate(models.Model):
    """An organiser's wording of one kind of e-mail, and whether it goes out at once or waits in
    the outbox for an organiser; without a row the built-in text is sent at once."""

    class Delivery(models.TextChoices):
        SEND = "send", _("Send at once")
        HOLD = "hold", _("Hold in the outbox for review")

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="mail_templates"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MailKind.choices)
    subject = models.CharField(_("subject"), max_length=MAIL_SUBJECT_MAX_LENGTH)
    body = models.TextField(
        _("body"),
        max_length=MAIL_BODY_MAX_LENGTH,
        validators=[MaxLengthValidator(MAIL_BODY_MAX_LENGTH)],
    )
    # The Chinese wording, sent to people whose language is Chinese (talks.mail); empty: the
    # English one goes to them too.
    subject_zh = models.CharField(
        _("subject (Chinese)"), max_length=MAIL_SUBJECT_MAX_LENGTH, blank=True
    )
    body_zh = models.TextField(
        _("body (Chinese)"),
        max_length=MAIL_BODY_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(MAIL_BODY_MAX_LENGTH)],
    )
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.SEND
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "kind"], name="mail_template_unique_kind"
            ),
        ]
        verbose_name = _("e-mail template")
        verbose_name_plural = _("e-mail templates")

    def __str__(self) -> str:
        return f"{self.conference}: {self.get_kind_display()}"
