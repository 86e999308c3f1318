"""Writes of the organiser set-up: the conference, tracks, rooms, ticket types, questions, team."""

import secrets
from datetime import date, time

from django.apps import apps
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
from conference.links import absolute_url
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
from conference.setup import selectors


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


def _holdings_in_words(holdings: dict[str, int]) -> str:
    words = {
        "submissions": lambda n: ngettext("%(n)d submission", "%(n)d submissions", n),
        "suggestions": lambda n: ngettext(
            "%(n)d undecided submission suggested for it",
            "%(n)d undecided submissions suggested for it",
            n,
        ),
        "scheduled": lambda n: ngettext("%(n)d scheduled talk", "%(n)d scheduled talks", n),
        "predictions": lambda n: ngettext("%(n)d prediction", "%(n)d predictions", n),
        "reviewers": lambda n: ngettext(
            "%(n)d reviewer limited to it", "%(n)d reviewers limited to it", n
        ),
    }
    return ", ".join(words[kind](n) % {"n": n} for kind, n in holdings.items() if n)


def _relabel_top(top: list, *, old: Track, new: Track) -> list:
    """A prediction's top-k with the old track's probability added to the new track's."""
    merged: dict[str, dict] = {}
    for entry in top:
        if entry.get("track") == old.slug:
            entry = {**entry, "track": new.slug, "label": new.name}
        if entry["track"] in merged:
            merged[entry["track"]]["probability"] += entry.get("probability", 0)
        else:
            merged[entry["track"]] = dict(entry)
    return sorted(merged.values(), key=lambda entry: -entry.get("probability", 0))


@transaction.atomic
def delete_track(
    *, track: Track, reassign_to: Track | None = None, move_reviewers: bool = True
) -> dict[str, int]:
    """Delete a track, first moving what it holds to `reassign_to`; returns what was moved.

    Without `reassign_to`, a track that holds anything (see selectors.track_holdings) is
    refused with a ValidationError that counts it: nothing of people's work goes silently.
    With it, in this transaction: submissions move to it keeping their track_source (a
    reviewer's decision stays a decision) and their review examples are relabelled;
    undecided suggestions move; predictions are relabelled, the old track's probability added
    to the new one's, rather than dropped, because dropping them would leave those
    submissions unsuggested (out of every limited reviewer's queue) until a worker
    re-categorised them; scheduled talks follow their submissions (the working copy's
    revision grows, the editor shows unpublished changes); reviewers limited to the old track
    review the new one instead, or with `move_reviewers` off just lose it from their scope (a
    reviewer left with no tracks then sees nothing, never everything).
    Side effects: the rows above updated; the Track row deleted.
    """
    # Locking the track waits for categorisations writing predictions for it to commit, so
    # that the counts and moves below see their rows.
    track = Track.objects.select_for_update().get(pk=track.pk)
    holdings = selectors.track_holdings(track=track)
    if reassign_to is not None:
        if reassign_to.pk == track.pk or reassign_to.conference_id != track.conference_id:
            raise ValidationError(
                {"reassign_to": _("Pick another track of this conference.")}, code="invalid"
            )
        reassign_to = Track.objects.select_for_update().get(pk=reassign_to.pk)
    elif any(holdings.values()):
        raise ValidationError(
            _("“%(track)s” holds %(what)s: choose a track to move them to.")
            % {"track": track.name, "what": _holdings_in_words(holdings)},
            code="track_in_use",
            params=holdings,
        )
    if reassign_to is not None:
        _move_track_holdings(
            track=track, to=reassign_to, holdings=holdings, move_reviewers=move_reviewers
        )
    track.delete()
    return holdings


def _move_track_holdings(
    *, track: Track, to: Track, holdings: dict[str, int], move_reviewers: bool
) -> None:
    # The event domain imports nothing of talks or scheduling: their models by name.
    LabelledExample = apps.get_model("talks", "LabelledExample")
    Schedule = apps.get_model("scheduling", "Schedule")
    moved = list(track.submissions.values_list("pk", flat=True))
    track.submissions.update(track=to)
    track.suggested_submissions.update(suggested_track=to)
    LabelledExample.objects.filter(submission_id__in=moved, label=track.name).update(label=to.name)
    for prediction in track.predictions.all():
        prediction.top = _relabel_top(prediction.top, old=track, new=to)
        prediction.track = to
        prediction.confidence = next(
            (e["probability"] for e in prediction.top if e["track"] == to.slug),
            prediction.confidence,
        )
        prediction.save(update_fields=["top", "track", "confidence"])
    links = Track.reviewer_scopes.through.objects
    if move_reviewers:
        has_new = links.filter(track=to).values("reviewerscope_id")
        links.filter(track=track, reviewerscope_id__in=has_new).delete()
        links.filter(track=track).update(track=to)
    else:
        links.filter(track=track).delete()
    if holdings["scheduled"]:
        Schedule.objects.filter(conference_id=track.conference_id).update(
            revision=models.F("revision") + 1
        )


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
    link = absolute_url(reverse("setup:invitation", args=[token]))
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
