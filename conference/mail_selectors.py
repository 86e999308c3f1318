"""Reads of the outbox: held messages grouped by why they wait, and the rest by status."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from conference.models import Conference, OutboxMail

# The statuses the outbox page's list filters by; held messages have a section of their own.
LISTED_STATUSES = [
    OutboxMail.Status.QUEUED,
    OutboxMail.Status.SENT,
    OutboxMail.Status.FAILED,
    OutboxMail.Status.DISCARDED,
]


@dataclass(frozen=True)
class HeldGroup:
    reason: str
    count: int


def held_groups(*, conference: Conference) -> list[HeldGroup]:
    """Why messages are held, with how many each, by reason (as `held_mail_list`; one query)."""
    rows = (
        conference.outbox.filter(status=OutboxMail.Status.HELD)
        .values("held_reason")
        .annotate(count=Count("pk"))
        .order_by("held_reason")
    )
    return [HeldGroup(reason=row["held_reason"], count=row["count"]) for row in rows]


def held_mail_list(*, conference: Conference, reason: str | None = None) -> QuerySet[OutboxMail]:
    """The held messages in the order of `held_groups`'s groups, oldest first within each."""
    held = conference.outbox.filter(status=OutboxMail.Status.HELD)
    if reason is not None:
        held = held.filter(held_reason=reason)
    return held.order_by("held_reason", "created_at", "pk")


def outbox_mail_list(*, conference: Conference, status: str = "") -> QuerySet[OutboxMail]:
    """Every message of the conference but the held ones (or only those of `status`), newest
    first."""
    if status:
        return conference.outbox.filter(status=status)
    return conference.outbox.exclude(status=OutboxMail.Status.HELD)


def outbox_mail(*, conference: Conference, pk: int) -> OutboxMail | None:
    return conference.outbox.filter(pk=pk).first()
