"""Who a group e-mail of the event domain goes to: the team, and registered attendees.

The talks app adds the speaker groups (talks/services/compose.py); both give `Recipient`s, one
per address (the first one found wins), people without an address left out.
"""

from dataclasses import dataclass, field

from conference.enums import Role
from conference.models import Conference, Registration


@dataclass
class Recipient:
    email: str
    name: str
    # Values of the group's own placeholders (a speaker's {talk_titles}, an attendee's {ticket}).
    values: dict[str, str] = field(default_factory=dict)


def unique_by_email(recipients) -> list[Recipient]:
    """One Recipient per address, compared without case; those without an address left out."""
    seen, unique = set(), []
    for recipient in recipients:
        key = recipient.email.strip().lower()
        if key and key not in seen:
            seen.add(key)
            unique.append(recipient)
    return unique


def team_recipients(*, conference: Conference, role: str | None = None) -> list[Recipient]:
    """The conference's team (only those of `role` if given), by name."""
    memberships = conference.memberships.select_related("user").filter(user__is_active=True)
    if role is not None:
        memberships = memberships.filter(role=Role(role))
    recipients = [
        Recipient(
            email=membership.user.email,
            name=membership.user.get_full_name() or membership.user.get_username(),
            values={"role": str(Role(membership.role).label)},
        )
        for membership in memberships
    ]
    return unique_by_email(sorted(recipients, key=lambda recipient: recipient.name.lower()))


def attendee_recipients(
    *,
    conference: Conference,
    ticket_type_id: int | None = None,
    waiting: bool = False,
) -> list[Recipient]:
    """Registered attendees (confirmed or checked in; of one ticket type if given), or with
    `waiting` those on the waiting list, in the order they registered."""
    states = [Registration.State.WAITLISTED] if waiting else list(Registration.SEAT_STATES)
    registrations = conference.registrations.filter(state__in=states).select_related("ticket_type")
    if ticket_type_id is not None:
        registrations = registrations.filter(ticket_type_id=ticket_type_id)
    return unique_by_email(
        Recipient(
            email=registration.email,
            name=registration.name,
            values={"ticket": registration.ticket_type.name},
        )
        for registration in registrations
    )
