"""Tasks waiting to reach the broker: written in the transaction of the change that needs them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxTask(models.Model):
    """One Celery task to publish; `published_at` stays empty until the broker took it."""

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("queued task")
        verbose_name_plural = _("queued tasks")
        indexes = [
            # The sweep's two questions: what is still unpublished, what is old enough to purge.
            models.Index(fields=["published_at", "created_at"], name="outboxtask_sweep"),
        ]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
