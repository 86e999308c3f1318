"""Writes of the organiser set-up: the conference, tracks, rooms, ticket types, questions, team."""

import secrets
from datetime import date, time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from conference.enums import Role
from conference.mail import queue_mail
from conference.models import (
    Conference,
    Invitation,
    Membership,
    Question,
    Room,
    RoomAvailability,
    TicketType,
    Track,
)
from conference.models.registration import hash_token
from conference.registration.services import promote_waiting_registrations, seats_taken


def _save(instance: models.Model, changes: dict) -> models.Model:
    for field, value in changes.items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def update_conference(*, conference: Conference, **changes) -> Conference:
    """Change the conference's details (name, dates, time zone, venue, description, CfP window).

    Side effects: the Conference row.
    """
    return _save(conference, changes)


def _unique_track_slug(conference: Conference, name: str) -> str:
    # slugify drops non-Latin letters ("自然语言处理" → ""): such names get "track", "track-2"...
    base = slugify(name)[:40] or "track"
    taken = set(conference.tracks.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def create_track(*, conference: Conference, **fields) -> Track:
    """Add a track; its slug comes from the name. Side effects: a Track row."""
    track = Track(
        conference=conference, slug=_unique_track_slug(conference, fields.get("name", ""))
    )
    return _save(track, fields)


@transaction.atomic
def update_track(*, track: Track, **changes) -> Track:
    """Change a track; the slug stays, so links and exports keep working. Side effects: the row."""
    return _save(track, changes)


def delete_track(*, track: Track) -> None:
    """Delete a track. Side effects: its submissions lose their track; its predictions go."""
    track.delete()


@transaction.atomic
def create_room(*, conference: Conference, **fields) -> Room:
    """Side effects: a Room row."""
    return _save(Room(conference=conference), fields)


@transaction.atomic
def update_room(*, room: Room, **changes) -> Room:
    """Side effects: the Room row."""
    return _save(room, changes)


def delete_room(*, room: Room) -> None:
    """Delete a room with nothing scheduled in it; raises ValidationError otherwise.

    Its schedule items would go with it (talks dropping out of the working copy unseen), so
    they must be moved or unscheduled first. Side effects: the room and its availability
    windows are deleted.
    """
    scheduled = room.schedule_items.count()
    if scheduled:
        raise ValidationError(
            ngettext(
                "%(count)d item is scheduled in this room: move it to another room first.",
                "%(count)d items are scheduled in this room: move them to another room first.",
                scheduled,
            )
            % {"count": scheduled}
        )
    room.delete()


@transaction.atomic
def add_room_availability(
    *, room: Room, date: date, starts_at: time, ends_at: time
) -> RoomAvailability:
    """Add a window in which the room can be used (wall-clock times of the conference's zone).

    Raises ValidationError if it overlaps another window of the room on that day.
    Side effects: a RoomAvailability row.
    """
    overlapping = room.availabilities.filter(
        date=date, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if overlapping.exists():
        raise ValidationError(_("This window overlaps another one of the room on that day."))
    return _save(
        RoomAvailability(room=room), {"date": date, "starts_at": starts_at, "ends_at": ends_at}
    )


def delete_room_availability(*, availability: RoomAvailability) -> None:
    """Side effects: the window is deleted."""
    availability.delete()


@transaction.atomic
def create_ticket_type(*, conference: Conference, **fields) -> TicketType:
    """Side effects: a TicketType row."""
    return _save(TicketType(conference=conference), fields)


@transaction.atomic
def update_ticket_type(*, ticket_type: TicketType, **changes) -> TicketType:
    """Change a ticket type; a raised quota goes to the waiting list at once.

    Raises ValidationError if the quota would drop below the seats already taken.
    Side effects: the TicketType row; waiting registrations promoted (and e-mailed) when seats
    became free, in this transaction, under the ticket type's row lock.
    """
    locked = TicketType.objects.select_for_update().get(pk=ticket_type.pk)
    taken = seats_taken(ticket_type=locked)
    if "quota" in changes and changes["quota"] < taken:
        raise ValidationError(
            {
                "quota": _(
                    "%(taken)d seats are taken already: the quota cannot be lower than that."
                )
                % {"taken": taken}
            }
        )
    _save(locked, changes)
    promote_waiting_registrations(ticket_type=locked)
    return locked


def delete_ticket_type(*, ticket_type: TicketType) -> None:
    """Delete a ticket type nobody registered for; raises ValidationError otherwise."""
    if ticket_type.registrations.exists():
        raise ValidationError(
            _("People registered for this ticket type: hide it instead of deleting it.")
        )
    ticket_type.delete()


@transaction.atomic
def create_question(*, conference: Conference, **fields) -> Question:
    """Side effects: a Question row."""
    return _save(Question(conference=conference), fields)


@transaction.atomic
def update_question(*, question: Question, **changes) -> Question:
    """Side effects: the Question row (answers given before keep their text)."""
    return _save(question, changes)


def delete_question(*, question: Question) -> None:
    """Side effects: the question and every answer to it are deleted."""
    question.delete()


# Team -------------------------------------------------------------------------------------------


@transaction.atomic
def invite_member(*, conference: Conference, email: str, role: str, invited_by) -> Invitation:
    """E-mail a secret link that makes whoever opens it, logged in, a member with `role`.

    An open invitation to the same address is replaced. Raises ValidationError if a member of
    the team already uses that address.
    Side effects: an Invitation row (only the token's hash); one OutboxMail with the link.
    """
    email = email.strip().lower()
    user_model = get_user_model()
    if user_model.objects.filter(email__iexact=email, memberships__conference=conference).exists():
        raise ValidationError(_("%(email)s is in the team already.") % {"email": email})
    conference.invitations.filter(email=email, accepted_at__isnull=True).delete()
    token = secrets.token_urlsafe(32)
    invitation = _save(
        Invitation(conference=conference, invited_by=invited_by, token_hash=hash_token(token)),
        {"email": email, "role": role},
    )
    link = settings.SITE_URL + reverse("setup:invitation", args=[token])
    body = render_to_string(
        "conference/setup/email/invitation.txt",
        {"invitation": invitation, "conference": conference, "link": link, "by": invited_by},
    )
    queue_mail(
        to=email,
        subject=_("%(conference)s: you are invited to the team") % {"conference": conference.name},
        body=body,
        conference=conference,
        kind="team.invitation",
    )
    return invitation


def revoke_invitation(*, invitation: Invitation) -> None:
    """Side effects: the invitation is deleted; its link stops working."""
    invitation.delete()


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user) -> Membership:
    """Make `user` a member of the inviting conference's team. An invitation works once.

    An organiser who accepts a reviewer invitation stays an organiser.
    Side effects: a Membership row (or its role raised); the invitation marked accepted.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open():
        raise ValidationError(_("This invitation was used already or has expired."))
    membership, created = Membership.objects.get_or_create(
        conference_id=invitation.conference_id, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Role.ORGANISER and membership.role != Role.ORGANISER:
        membership.role = Role.ORGANISER
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def remove_member(*, membership: Membership) -> None:
    """Take a person off the team. Raises ValidationError for the last organiser.

    Side effects: the Membership row is deleted.
    """
    # Locking the conference row serialises removals: two organisers cannot remove each other.
    Conference.objects.select_for_update().get(pk=membership.conference_id)
    if membership.role == Role.ORGANISER:
        organisers = Membership.objects.filter(
            conference_id=membership.conference_id, role=Role.ORGANISER
        )
        if organisers.count() <= 1:
            raise ValidationError(_("The last organiser cannot be removed: invite another first."))
    membership.delete()
