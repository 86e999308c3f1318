"""The conference itself: its tracks, rooms and organiser team."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from conference.enums import Role
from conference.language import pick


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class Conference(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    # The Chinese wording of what organisers write; shown in Chinese pages, the English one
    # where it is empty (and the other way round): local_name, local_description.
    name_zh = models.CharField(
        _("name (Chinese)"), max_length=200, blank=True, default="", db_default=""
    )
    description_zh = models.TextField(
        _("description (Chinese)"), blank=True, default="", db_default=""
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    cfp_opens_at = models.DateTimeField(_("call for papers opens"), null=True, blank=True)
    cfp_closes_at = models.DateTimeField(_("call for papers closes"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("conference:detail", args=[self.slug])

    @property
    def local_name(self) -> str:
        """The name in the active language, else in the other one."""
        return pick(self.name, self.name_zh, get_language())

    @property
    def local_description(self) -> str:
        return pick(self.description, self.description_zh, get_language())

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
        if self.cfp_opens_at and self.cfp_closes_at and self.cfp_closes_at <= self.cfp_opens_at:
            raise ValidationError(
                {"cfp_closes_at": _("The call for papers must close after it opens.")}
            )

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def cfp_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.cfp_opens_at and now < self.cfp_opens_at:
            return False
        return not (self.cfp_closes_at and now >= self.cfp_closes_at)


class Track(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"))
    # The zero-shot categoriser compares submissions with name + description: write it well.
    description = models.TextField(_("description"), blank=True)
    # The name stays the track's key (unique, the categoriser's label); these are its Chinese
    # words, for Chinese pages and for the zero-shot prior of Chinese submissions.
    name_zh = models.CharField(
        _("name (Chinese)"), max_length=100, blank=True, default="", db_default=""
    )
    description_zh = models.TextField(
        _("description (Chinese)"), blank=True, default="", db_default=""
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#4a6fa5",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #4a6fa5."))],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "slug"], name="track_unique_slug"),
            models.UniqueConstraint(fields=["conference", "name"], name="track_unique_name"),
        ]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")

    def __str__(self) -> str:
        return self.name

    @property
    def categoriser_text(self) -> str:
        return f"{self.name}. {self.description}".strip()

    @property
    def categoriser_text_zh(self) -> str:
        """What Chinese submissions are compared with: the Chinese words, else the English."""
        name, description = self.name_zh or self.name, self.description_zh or self.description
        return f"{name}. {description}".strip()

    @property
    def local_name(self) -> str:
        return pick(self.name, self.name_zh, get_language())

    @property
    def local_description(self) -> str:
        return pick(self.description, self.description_zh, get_language())


class Room(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity"), default=0)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "name"], name="room_unique_name"),
        ]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's role in one conference's team."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="memberships")
    # PROTECT: a user is anonymised, never deleted (conference.account); a deleted user must not
    # take a conference's last organiser with them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # Explicit, so that a reviewer's scope never widens when her last track is deleted: with the
    # flag off she reviews only her ReviewerScope's tracks, and with none of them nothing.
    reviews_all_tracks = models.BooleanField(_("reviews every track"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "user"], name="membership_unique_user"),
        ]
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) @ {self.conference}"
