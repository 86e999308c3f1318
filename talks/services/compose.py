"""E-mail written by an organiser to a group: speakers by their talks' state or track, the team,
registered attendees. Placeholders are checked against the group's, each message is filled for
its recipient, and the batch goes through conference.mail.queue_mail_batch (held, or sent at the
mail rate)."""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conference.enums import Role
from conference.mail import MailBatch, OutgoingMail, queue_mail_batch
from conference.models import Conference
from conference.recipients import (
    Recipient,
    attendee_recipients,
    team_recipients,
    unique_by_email,
)
from conference.rules import is_organiser
from talks import selectors
from talks.enums import COUNTED_STATES, PUBLIC_STATES, State
from talks.mail import fill_placeholders, one_line, validate_placeholder_names
from talks.models import SubmissionSpeaker

COMPOSE_KIND = "compose"
# One request writes every row (a few thousand rows is one INSERT); workers do the sending.
MAX_RECIPIENTS = 5000
SPEAKERS, TEAM, ATTENDEES = "speakers", "team", "attendees"

COMMON_PLACEHOLDERS = {
    "name": gettext_lazy("the recipient's name"),
    "email": gettext_lazy("the recipient's e-mail address"),
    "conference": gettext_lazy("the conference's name"),
}
FAMILY_PLACEHOLDERS = {
    SPEAKERS: {"talk_titles": gettext_lazy("the titles of the recipient's talks in the group")},
    TEAM: {"role": gettext_lazy("the recipient's role in the team")},
    ATTENDEES: {"ticket": gettext_lazy("the recipient's ticket type")},
}
# Speaker groups by the state of their talks: (label, states).
SPEAKER_GROUPS = {
    "accepted": (gettext_lazy("Speakers of accepted talks, not yet confirmed"), (State.ACCEPTED,)),
    "confirmed": (gettext_lazy("Speakers of confirmed talks"), (State.CONFIRMED,)),
    "programme": (gettext_lazy("Speakers of accepted and confirmed talks"), PUBLIC_STATES),
    "rejected": (gettext_lazy("Speakers of rejected talks"), (State.REJECTED,)),
    "undecided": (gettext_lazy("Speakers of talks waiting for a decision"), (State.SUBMITTED,)),
    "submitted": (gettext_lazy("Speakers of every submitted talk"), COUNTED_STATES),
}
TEAM_GROUPS = {
    "team": (gettext_lazy("The whole team"), None),
    "organisers": (gettext_lazy("Organisers"), Role.ORGANISER),
    "reviewers": (gettext_lazy("Reviewers"), Role.REVIEWER),
}
TRACK_PREFIX, TICKET_PREFIX = "track-", "ticket-"


@dataclass
class Group:
    value: str
    label: str
    family: str


@dataclass
class ComposePreview:
    group: Group
    count: int
    first: OutgoingMail | None
    # The first few addresses, to show whom the group reaches.
    addresses: list[str]
    # Changes with the group's members, the subject and the body: the page queues only what
    # the organiser saw previewed.
    fingerprint: str


def group_choices(*, conference: Conference) -> list[tuple[str, list[tuple[str, str]]]]:
    """The groups an organiser may write to, as grouped choices for a select."""
    tracks = [
        (
            f"{TRACK_PREFIX}{track.pk}",
            _("Speakers of accepted and confirmed talks in %(track)s") % {"track": track.name},
        )
        for track in conference.tracks.all()
    ]
    tickets = [
        (
            f"{TICKET_PREFIX}{ticket.pk}",
            _("Attendees with a “%(ticket)s” ticket") % {"ticket": ticket.name},
        )
        for ticket in conference.ticket_types.all()
    ]
    return [
        (
            _("Speakers"),
            [(value, str(label)) for value, (label, _states) in SPEAKER_GROUPS.items()],
        ),
        *([(_("Speakers of a track"), tracks)] if tracks else []),
        (_("Team"), [(value, str(label)) for value, (label, _role) in TEAM_GROUPS.items()]),
        (
            _("Attendees"),
            [
                ("attendees", _("Registered attendees (confirmed or checked in)")),
                *tickets,
                ("waiting", _("Attendees on the waiting list")),
            ],
        ),
    ]


def group_of(*, conference: Conference, value: str) -> Group:
    """The group that the value of `group_choices` names; ValidationError for any other."""
    for _heading, options in group_choices(conference=conference):
        for option, label in options:
            if option == value:
                return Group(value=value, label=label, family=_family(value))
    raise ValidationError(_("Choose one of the groups."), code="group")


def placeholders_for(*, family: str) -> dict:
    """{name: help} of the placeholders a message to a group of `family` may use."""
    return COMMON_PLACEHOLDERS | FAMILY_PLACEHOLDERS[family]


def validate_group_text(*, group: Group, text: str) -> None:
    """ValidationError naming any placeholder the group's recipients have no value for."""
    validate_placeholder_names(allowed=placeholders_for(family=group.family), text=text)


def recipients_of(*, conference: Conference, group: Group) -> list[Recipient]:
    """The group's people, one per address, in a stable order (by name, attendees as they
    registered); accounts that are inactive or have no address are left out."""
    value = group.value
    if value in SPEAKER_GROUPS:
        return _speakers(conference=conference, states=SPEAKER_GROUPS[value][1])
    if value.startswith(TRACK_PREFIX):
        track_id = int(value.removeprefix(TRACK_PREFIX))
        return _speakers(conference=conference, states=PUBLIC_STATES, track_id=track_id)
    if value in TEAM_GROUPS:
        return team_recipients(conference=conference, role=TEAM_GROUPS[value][1])
    if value.startswith(TICKET_PREFIX):
        ticket_type_id = int(value.removeprefix(TICKET_PREFIX))
        return attendee_recipients(conference=conference, ticket_type_id=ticket_type_id)
    return attendee_recipients(conference=conference, waiting=value == "waiting")


def render_group_mail(
    *, conference: Conference, recipient: Recipient, subject: str, body: str
) -> OutgoingMail:
    """The message for one recipient; values are copied as they are, never parsed."""
    values = {
        "name": recipient.name,
        "email": recipient.email,
        "conference": conference.name,
        **recipient.values,
    }
    return OutgoingMail(
        to=recipient.email,
        subject=one_line(fill_placeholders(subject, values))[:255],
        body=fill_placeholders(body, values),
    )


def preview_group_mail(
    *, conference: Conference, group: Group, subject: str, body: str
) -> ComposePreview:
    """How many the group reaches, and its first message as it will be sent."""
    recipients = recipients_of(conference=conference, group=group)
    first = None
    if recipients:
        first = render_group_mail(
            conference=conference, recipient=recipients[0], subject=subject, body=body
        )
    digest = hashlib.sha256()
    for part in (group.value, subject, body, *(recipient.email for recipient in recipients)):
        digest.update(part.encode())
        digest.update(b"\0")
    return ComposePreview(
        group=group,
        count=len(recipients),
        first=first,
        addresses=[recipient.email for recipient in recipients[:5]],
        fingerprint=digest.hexdigest()[:16],
    )


def queue_group_mail(
    *,
    conference: Conference,
    user,
    group: Group,
    subject: str,
    body: str,
    hold: bool,
) -> MailBatch:
    """Write one message to each of the group's people: held in the outbox for review (`hold`),
    else queued and sent at the mail rate.

    Raises PermissionDenied unless `user` organises the conference; ValidationError for an
    unknown placeholder, an empty group or one above MAX_RECIPIENTS.
    Side effects: one OutboxMail per recipient (kind "compose"); unless held, send tasks.
    """
    if not is_organiser(user, conference):
        raise PermissionDenied
    errors = {}
    for name, text in (("subject", subject), ("body", body)):
        try:
            validate_group_text(group=group, text=text)
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
    recipients = recipients_of(conference=conference, group=group)
    if not recipients:
        raise ValidationError(_("Nobody in this group has an e-mail address."), code="empty")
    if len(recipients) > MAX_RECIPIENTS:
        raise ValidationError(
            _("This group has %(count)d people; write to at most %(max)d at once.")
            % {"count": len(recipients), "max": MAX_RECIPIENTS},
            code="too_many",
        )
    reason = ""
    if hold:
        reason = _("Written to %(group)s: %(subject)s") % {
            "group": group.label,
            "subject": one_line(subject),
        }
    return queue_mail_batch(
        conference=conference,
        messages=[
            render_group_mail(
                conference=conference, recipient=recipient, subject=subject, body=body
            )
            for recipient in recipients
        ],
        kind=COMPOSE_KIND,
        hold=reason,
    )


def _family(value: str) -> str:
    if value in SPEAKER_GROUPS or value.startswith(TRACK_PREFIX):
        return SPEAKERS
    if value in TEAM_GROUPS:
        return TEAM
    return ATTENDEES


def _speakers(*, conference: Conference, states, track_id: int | None = None) -> list[Recipient]:
    links = (
        SubmissionSpeaker.objects.filter(
            submission__conference=conference,
            submission__state__in=states,
            user__is_active=True,
        )
        .select_related("user__speaker_profile", "submission")
        .order_by("submission__title", "submission_id")
    )
    if track_id is not None:
        links = links.filter(submission__track_id=track_id)
    people: dict[int, tuple] = {}
    for link in links:
        user, titles = people.setdefault(link.user_id, (link.user, []))
        titles.append(f"“{link.submission.title}”")
    recipients = [
        Recipient(
            email=user.email,
            name=selectors.speaker_display_name(user=user),
            values={"talk_titles": ", ".join(titles)},
        )
        for user, titles in people.values()
    ]
    return unique_by_email(sorted(recipients, key=lambda recipient: recipient.name.lower()))
