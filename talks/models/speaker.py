"""Speaker profiles and invitations of co-speakers."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from talks.models.submission import Submission

PHOTO_MAX_BYTES = 2 * 1024 * 1024
BIO_MAX_LENGTH = 2000
LINKS_MAX_LENGTH = 1000


def validate_photo_size(photo) -> None:
    if photo and photo.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo must be 2 MB or smaller."))


PHOTO_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def validate_photo_is_image(photo) -> None:
    """A new upload must really be an image (not only be named like one)."""
    if not photo or getattr(photo, "_committed", True):
        return
    from PIL import Image

    upload = photo.file
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        raise ValidationError(_("Upload a real image: JPEG, PNG, GIF or WebP.")) from error
    finally:
        upload.seek(0)
    if kind not in PHOTO_FORMATS:
        raise ValidationError(_("Upload a real image: JPEG, PNG, GIF or WebP."))


def photo_path(instance, filename: str) -> str:
    # A random name: the uploader's file name is neither trusted nor shown.
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"speakers/{uuid.uuid4().hex}{suffix}"


class SpeakerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="speaker_profile"
    )
    name = models.CharField(_("name"), max_length=100)
    bio = models.TextField(
        _("biography"),
        max_length=BIO_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(BIO_MAX_LENGTH)],
    )
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to=photo_path,
        blank=True,
        validators=[validate_photo_size, validate_photo_is_image],
    )
    # One http(s) address per line.
    links = models.TextField(
        _("links"),
        max_length=LINKS_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(LINKS_MAX_LENGTH)],
    )
    version = models.PositiveIntegerField(default=1)
    # Indexed: every public agenda page asks for the latest change of any profile
    # (selectors.profiles_changed_at), a lookup with it where a scan grows with the accounts.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("speaker profile")
        verbose_name_plural = _("speaker profiles")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check = URLValidator(schemes=["http", "https"])
        for link in self.link_list:
            try:
                check(link)
            except ValidationError:
                raise ValidationError(
                    {"links": _("“%(link)s” is not an http(s) address.") % {"link": link[:100]}}
                ) from None

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class SpeakerInvitation(models.Model):
    """An e-mailed invitation to join a submission as a co-speaker; the token is the key."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "email"], name="invitation_unique_email"),
        ]
        verbose_name = _("co-speaker invitation")
        verbose_name_plural = _("co-speaker invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.submission}"
