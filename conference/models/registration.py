"""Attendee registration: ticket types with quotas, questions, registrations and answers."""

import hashlib
import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from conference.language import pick
from conference.models.event import Conference
from conference.text import fold

# A pending registration's link must be used within this time, or the person registers again.
PENDING_LINK_VALID_FOR = timedelta(hours=48)
# Manage links stay usable for a while after the conference, for receipts and questions.
MANAGE_LINK_VALID_AFTER_END = timedelta(days=30)
# No 0/O or 1/I: codes are read aloud and typed at the door.
CHECK_IN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CHECK_IN_CODE_LENGTH = 8


def new_check_in_code() -> str:
    return "".join(secrets.choice(CHECK_IN_ALPHABET) for _ in range(CHECK_IN_CODE_LENGTH))


def new_token_nonce() -> str:
    return secrets.token_hex(16)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def manage_token_for(nonce: str) -> str:
    """The secret of a registration's manage link: an HMAC of its nonce with SECRET_KEY."""
    return salted_hmac("conference.registration.manage", nonce).hexdigest()


class TicketType(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="ticket_types"
    )
    name = models.CharField(_("name"), max_length=100)
    name_zh = models.CharField(
        _("name (Chinese)"), max_length=100, blank=True, default="", db_default=""
    )
    description = models.TextField(_("description"), blank=True)
    # Shown only: nobody pays through this application.
    price = models.DecimalField(
        _("price"), max_digits=10, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="CNY",
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter code such as CNY."))],
    )
    quota = models.PositiveIntegerField(_("seats"))
    sale_starts_at = models.DateTimeField(_("sale starts"), null=True, blank=True)
    sale_ends_at = models.DateTimeField(_("sale ends"), null=True, blank=True)
    is_visible = models.BooleanField(
        _("visible"), default=True, help_text=_("Hidden ticket types cannot be registered for.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "name"], name="ticket_type_unique_name"),
        ]
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the active language, else in the other one."""
        return pick(self.name, self.name_zh, get_language())

    def clean(self) -> None:
        if self.sale_starts_at and self.sale_ends_at and self.sale_ends_at <= self.sale_starts_at:
            raise ValidationError({"sale_ends_at": _("The sale must end after it starts.")})

    def sale_state(self, now=None) -> str:
        """ "not_yet", "on_sale" or "closed": where `now` lies against the sale window."""
        now = now or timezone.now()
        if self.sale_starts_at and now < self.sale_starts_at:
            return "not_yet"
        if self.sale_ends_at and now >= self.sale_ends_at:
            return "closed"
        return "on_sale"

    def is_on_sale(self, now=None) -> bool:
        return self.sale_state(now) == "on_sale"


class Question(models.Model):
    """A question the organisers add to the registration form."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("One of several choices")
        YES_NO = "yes_no", _("Yes or no")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For a choice question: one choice per line.")
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.kind == self.Kind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})


class Registration(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Pending e-mail confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        CHECKED_IN = "checked_in", _("Checked in")

    # The states that hold a seat of the ticket type's quota.
    SEAT_STATES = (State.CONFIRMED, State.CHECKED_IN)
    # A person has at most one registration in these states per conference.
    ACTIVE_STATES = (State.PENDING, State.CONFIRMED, State.WAITLISTED, State.CHECKED_IN)

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="registrations"
    )
    # RESTRICT, not PROTECT: a ticket type with registrations cannot be deleted on its own, but
    # deleting the whole conference still deletes both.
    ticket_type = models.ForeignKey(
        TicketType, on_delete=models.RESTRICT, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    # conference.text.fold(name): the attendee list and the check-in desk find "Müller" by
    # typing "muller" on any database (SQLite's LIKE folds ASCII only, PostgreSQL's nothing).
    search_name = models.TextField(default="", blank=True, editable=False)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    check_in_code = models.CharField(
        _("check-in code"), max_length=16, unique=True, default=new_check_in_code, editable=False
    )
    # The manage link's token is an HMAC of this nonce with SECRET_KEY: every e-mail can carry
    # the same link, yet the database holds only the nonce and the token's SHA-256.
    token_nonce = models.CharField(max_length=32, default=new_token_nonce, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    link_sent_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "email"],
                condition=~models.Q(state="cancelled"),
                name="registration_unique_active_email",
            ),
        ]
        # Seat counts filter on (ticket_type, state); the waiting list also orders by time.
        indexes = [models.Index(fields=["ticket_type", "state", "waitlisted_at"])]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> ({self.get_state_display()})"

    def save(self, *args, **kwargs):
        # The one place that sees every write of `name` (services, admin, factories), so the
        # folded copy can never fall behind; a save of some fields that include the name
        # writes the copy with it.
        self.search_name = fold(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def manage_token(self) -> str:
        return manage_token_for(self.token_nonce)

    def get_manage_url(self) -> str:
        return reverse("registrations:manage", args=[self.manage_token])

    def link_expires_at(self):
        if self.state == self.State.PENDING:
            return self.link_sent_at + PENDING_LINK_VALID_FOR
        end = datetime.combine(self.conference.end_date, time.max, tzinfo=self.conference.tzinfo)
        return end + MANAGE_LINK_VALID_AFTER_END

    @property
    def holds_seat(self) -> bool:
        return self.state in self.SEAT_STATES


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Text as typed, the chosen choice, or "yes"/"no".
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["question__position", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="answer_unique"),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"
