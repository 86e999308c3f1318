"""Every e-mail the application sends, kept so organisers can see what went out."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models.event import Conference


class OutboxMail(models.Model):
    """queued → sent, or → failed after MAX_ATTEMPTS (conference/mail.py); failed → queued again
    when an organiser presses "Send again"; held → queued when an organiser releases it."""

    class Status(models.TextChoices):
        HELD = "held", _("Held")
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, null=True, blank=True, related_name="outbox"
    )
    kind = models.CharField(_("kind"), max_length=50, blank=True)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    # Why a held message waits for an organiser (a bulk decision, a schedule release, ...).
    held_reason = models.CharField(_("held because"), max_length=200, blank=True)
    # The last error; cleared when the message is sent.
    error = models.TextField(_("error"), blank=True)
    # How many times the message was handed to a worker (first dispatch, back-off retries, and
    # re-dispatches of a task that was lost).
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # While queued: when the sweep next looks at it (a retry after a failure, or the moment the
    # current task counts as lost). Empty once sent or failed.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("outbox")

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    @property
    def can_send_again(self) -> bool:
        return self.status == self.Status.FAILED
