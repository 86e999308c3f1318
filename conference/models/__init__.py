"""Event domain models, one module per concept."""

from conference.models.event import Conference, Membership, Room, Track
from conference.models.mail import OutboxMail

__all__ = ["Conference", "Membership", "OutboxMail", "Room", "Track"]
from conference.models.registration import Answer, Question, Registration, TicketType  # noqa: E402
from conference.models.team import Invitation  # noqa: E402
from conference.models.venue import RoomAvailability  # noqa: E402

__all__ += ["Answer", "Invitation", "Question", "Registration", "RoomAvailability", "TicketType"]
from conference.models.tokens import ApiToken  # noqa: E402

__all__ += ["ApiToken"]
from conference.models.outbox import OutboxTask  # noqa: E402

__all__ += ["OutboxTask"]
from conference.models.accounts import AccountEmail  # noqa: E402

__all__ += ["AccountEmail"]
