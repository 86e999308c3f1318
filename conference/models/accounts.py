"""Which e-mail address of an account is confirmed, and the one it asked to change to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountEmail(models.Model):
    """Made when a person signs up here or asks for a new address (conference/account_email.py).

    An account without one (made by an organiser, in the admin or by the demo seed) counts as
    confirmed: only addresses that people typed themselves have to prove they are theirs.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_email"
    )
    # The last address whose link was followed; the account's address is confirmed while it
    # is this one (an admin who changes user.email makes it unconfirmed again).
    confirmed_email = models.EmailField(_("confirmed address"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # A new address asked for on the account page: user.email stays until its link is followed.
    pending_email = models.EmailField(_("new address"), blank=True)
    # When the last link was queued, so "send the link again" cannot flood a mailbox.
    link_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("account e-mail")
        verbose_name_plural = _("account e-mails")

    def __str__(self) -> str:
        return f"{self.user} <{self.confirmed_email}>"

    def confirms(self, email: str) -> bool:
        return bool(email) and self.confirmed_email.lower() == email.lower()
