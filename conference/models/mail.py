"""Every e-mail the application sends, kept so organisers can see what went out."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models.event import Conference


class OutboxMail(models.Model):
    """queued → sent, or → failed after MAX_ATTEMPTS (conference/mail.py); failed → queued again
    when an organiser presses "Send again"; held → queued when an organiser releases it, or →
    discarded (kept for the record, never sent) when she discards it."""

    class Status(models.TextChoices):
        HELD = "held", _("Held")
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        DISCARDED = "discarded", _("Discarded")

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
    # While queued: when the sweep next looks at it (a retry after a failure, the moment the
    # current task counts as lost, or, with no attempt yet, the minute the rate limit gives a
    # released batch's message). Empty once sent or failed.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    discarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The outbox page filters a conference's messages by status (held first).
            models.Index(fields=["conference", "status"], name="outboxmail_conf_status"),
            # The rate limit counts what was sent in the last minute.
            models.Index(fields=["sent_at"], name="outboxmail_sent_at"),
        ]
        verbose_name = _("e-mail")
        verbose_name_plural = _("outbox")

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    @property
    def can_send_again(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    @property
    def is_scheduled(self) -> bool:
        """Queued by a release but not handed to a worker yet: it waits for its minute."""
        return self.status == self.Status.QUEUED and self.attempts == 0
