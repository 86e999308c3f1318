"""Attendees' personal agendas: starred talks and a secret calendar feed."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from talks.models import Submission


class Favourite(models.Model):
    """A talk a logged-in person starred. Anonymous visitors keep theirs in localStorage."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "submission"], name="favourite_unique"),
        ]
        verbose_name = _("starred talk")
        verbose_name_plural = _("starred talks")

    def __str__(self) -> str:
        return f"{self.user} ★ {self.submission}"


def new_nonce() -> str:
    return secrets.token_hex(16)


class CalendarFeed(models.Model):
    """The secret behind a person's iCal feed URL.

    Only a nonce is stored: the token is an HMAC of it under SECRET_KEY, so a copy of the
    database alone does not give anybody's feed address. A new nonce revokes the old address.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    nonce = models.CharField(max_length=32, default=new_nonce)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def token(self) -> str:
        digest = salted_hmac("scheduling.calendar-feed", f"{self.user_id}:{self.nonce}")
        return f"{self.user_id}-{digest.hexdigest()[:32]}"

    def matches(self, token: str) -> bool:
        return constant_time_compare(self.token, token)
