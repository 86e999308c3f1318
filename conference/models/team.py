"""Invitations to join a conference's team."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conference.enums import Role
from conference.models.event import Conference

INVITATION_VALID_FOR = timedelta(days=14)


class Invitation(models.Model):
    """An e-mailed link that makes whoever opens it, logged in, a member with `role`.

    Only a SHA-256 of the secret token is stored: the link itself exists only in the e-mail.
    """

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()}) @ {self.conference}"

    @property
    def expires_at(self):
        return self.created_at + INVITATION_VALID_FOR

    def is_open(self, now=None) -> bool:
        return self.accepted_at is None and (now or timezone.now()) < self.expires_at
