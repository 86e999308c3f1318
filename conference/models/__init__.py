"""Event domain models, one module per concept."""

from conference.models.event import Conference, Membership, Room, Track
from conference.models.mail import OutboxMail

__all__ = ["Conference", "Membership", "OutboxMail", "Room", "Track"]
