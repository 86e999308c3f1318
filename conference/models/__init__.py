"""Event domain models, one module per concept."""

from conference.models.event import Conference, Membership, Room, Track

__all__ = ["Conference", "Membership", "Room", "Track"]
