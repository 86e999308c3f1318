"""When speakers can give their talks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models import Conference


class SpeakerAvailability(models.Model):
    """The windows in which a speaker can be on stage at one conference.

    `windows` is a list of {"start": ISO 8601 UTC, "end": ISO 8601 UTC}. No row, or no
    windows, means the speaker said nothing: every time is fine.
    """

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="speaker_availabilities"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="speaker_availabilities"
    )
    windows = models.JSONField(_("available"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "user"], name="speaker_availability_unique_user"
            ),
        ]
        verbose_name = _("speaker availability")
        verbose_name_plural = _("speaker availabilities")

    def __str__(self) -> str:
        return f"{self.user} @ {self.conference}"
