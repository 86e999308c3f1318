"""Organiser set-up pages. Every page but the invitation link is for the conference's organisers."""

import zoneinfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.models import RoomAvailability
from conference.registration.selectors import question_list, ticket_type_stats
from conference.rules import is_organiser
from conference.selectors import track_list
from conference.setup import selectors, services
from conference.setup.forms import (
    ConferenceForm,
    InvitationForm,
    QuestionForm,
    RoomAvailabilityForm,
    RoomForm,
    TicketTypeForm,
    TrackDeleteForm,
    TrackForm,
    add_service_errors,
)


def _edit_page(request, conference, *, form, title, back, extra=None):
    context = {"conference": conference, "form": form, "title": title, "back": back}
    return render(request, "conference/setup/form.html", context | (extra or {}))


def _delete_page(request, conference, *, obj, back, warning=""):
    context = {"conference": conference, "object": obj, "back": back, "warning": warning}
    return render(request, "conference/setup/confirm_delete.html", context)


def _saved(request, message, *, to, conference):
    messages.success(request, message)
    return redirect(to, slug=conference.slug)


# The conference ---------------------------------------------------------------------------------


@conference_view(is_organiser)
def conference_edit(request, conference):
    # Date-times typed together with a new time zone are meant in that new zone.
    with timezone.override(_posted_zone(request) or conference.tzinfo):
        return _conference_edit(request, conference)


def _posted_zone(request) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(request.POST.get("timezone", ""))
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return None


def _conference_edit(request, conference):
    form = ConferenceForm(request.POST or None, instance=conference)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_conference(conference=conference, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The conference is saved."), to="setup:conference", conference=conference
            )
    return render(
        request, "conference/setup/conference.html", {"conference": conference, "form": form}
    )


# Tracks -----------------------------------------------------------------------------------------


@conference_view(is_organiser)
def track_list_view(request, conference):
    return render(
        request,
        "conference/setup/track_list.html",
        {"conference": conference, "tracks": track_list(conference=conference)},
    )


@conference_view(is_organiser)
def track_create(request, conference):
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_track(conference=conference, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The track is added."), to="setup:tracks", conference=conference
            )
    return _edit_page(request, conference, form=form, title=_("New track"), back="setup:tracks")


@conference_view(is_organiser)
def track_edit(request, conference, pk):
    track = selectors.track_for_organiser(conference=conference, pk=pk)
    form = TrackForm(request.POST or None, instance=track)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_track(track=track, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The track is saved."), to="setup:tracks", conference=conference
            )
    return _edit_page(request, conference, form=form, title=_("Edit track"), back="setup:tracks")


@conference_view(is_organiser)
def track_delete(request, conference, pk):
    """Confirm with what the track holds; anything it holds moves to the track picked."""
    track = selectors.track_for_organiser(conference=conference, pk=pk)
    # Bound on every POST: a track holding nothing is deleted with an empty form.
    form = TrackDeleteForm(request.POST if request.method == "POST" else None, track=track)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_track(
                track=track,
                reassign_to=form.cleaned_data["reassign_to"],
                move_reviewers=form.cleaned_data["move_reviewers"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The track is deleted."), to="setup:tracks", conference=conference
            )
    holdings = selectors.track_holdings(track=track)
    return render(
        request,
        "conference/setup/track_delete.html",
        {
            "conference": conference,
            "track": track,
            "object": track,
            "form": form,
            "holdings": holdings,
            "holds_anything": any(holdings.values()),
        },
        status=400 if form.errors else 200,
    )


# Rooms ------------------------------------------------------------------------------------------


@conference_view(is_organiser)
def room_list(request, conference):
    return render(
        request,
        "conference/setup/room_list.html",
        {"conference": conference, "rooms": selectors.room_list(conference=conference)},
    )


@conference_view(is_organiser)
def room_create(request, conference):
    form = RoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            room = services.create_room(conference=conference, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The room is added: now say when it is available."))
            return redirect("setup:room_edit", slug=conference.slug, pk=room.pk)
    return _edit_page(request, conference, form=form, title=_("New room"), back="setup:rooms")


@conference_view(is_organiser)
def room_edit(request, conference, pk):
    room = selectors.room_for_organiser(conference=conference, pk=pk)
    form = RoomForm(request.POST or None, instance=room)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_room(room=room, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, _("The room is saved."), to="setup:rooms", conference=conference)
    return _room_page(request, conference, room, form=form, window_form=RoomAvailabilityForm())


def _room_page(request, conference, room, *, form, window_form):
    return render(
        request,
        "conference/setup/room_edit.html",
        {
            "conference": conference,
            "room": room,
            "form": form,
            "window_form": window_form,
            "windows": selectors.room_availability_list(room=room),
        },
    )


@conference_view(is_organiser)
@require_POST
def room_availability_add(request, conference, pk):
    room = selectors.room_for_organiser(conference=conference, pk=pk)
    window_form = RoomAvailabilityForm(request.POST, instance=RoomAvailability(room=room))
    if window_form.is_valid():
        try:
            services.add_room_availability(room=room, **window_form.cleaned_data)
        except ValidationError as error:
            add_service_errors(window_form, error)
        else:
            messages.success(request, _("The availability window is added."))
            return redirect("setup:room_edit", slug=conference.slug, pk=room.pk)
    return _room_page(
        request, conference, room, form=RoomForm(instance=room), window_form=window_form
    )


@conference_view(is_organiser)
@require_POST
def room_availability_delete(request, conference, pk, window_pk):
    room = selectors.room_for_organiser(conference=conference, pk=pk)
    window = selectors.room_availability_for_organiser(room=room, pk=window_pk)
    services.delete_room_availability(availability=window)
    messages.success(request, _("The availability window is deleted."))
    return redirect("setup:room_edit", slug=conference.slug, pk=room.pk)


@conference_view(is_organiser)
def room_delete(request, conference, pk):
    room = selectors.room_for_organiser(conference=conference, pk=pk)
    if request.method == "POST":
        try:
            services.delete_room(room=room)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("setup:rooms", slug=conference.slug)
        return _saved(request, _("The room is deleted."), to="setup:rooms", conference=conference)
    return _delete_page(request, conference, obj=room, back="setup:rooms")


# Ticket types -----------------------------------------------------------------------------------


@conference_view(is_organiser)
def ticket_type_list(request, conference):
    return render(
        request,
        "conference/setup/ticket_type_list.html",
        {"conference": conference, "ticket_types": ticket_type_stats(conference=conference)},
    )


@conference_view(is_organiser)
def ticket_type_create(request, conference):
    form = TicketTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_ticket_type(conference=conference, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request,
                _("The ticket type is added."),
                to="setup:ticket_types",
                conference=conference,
            )
    return _edit_page(
        request, conference, form=form, title=_("New ticket type"), back="setup:ticket_types"
    )


@conference_view(is_organiser)
def ticket_type_edit(request, conference, pk):
    ticket_type = selectors.ticket_type_for_organiser(conference=conference, pk=pk)
    form = TicketTypeForm(request.POST or None, instance=ticket_type)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_ticket_type(ticket_type=ticket_type, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request,
                _("The ticket type is saved."),
                to="setup:ticket_types",
                conference=conference,
            )
    return _edit_page(
        request, conference, form=form, title=_("Edit ticket type"), back="setup:ticket_types"
    )


@conference_view(is_organiser)
def ticket_type_delete(request, conference, pk):
    ticket_type = selectors.ticket_type_for_organiser(conference=conference, pk=pk)
    if request.method == "POST":
        try:
            services.delete_ticket_type(ticket_type=ticket_type)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("setup:ticket_types", slug=conference.slug)
        return _saved(
            request,
            _("The ticket type is deleted."),
            to="setup:ticket_types",
            conference=conference,
        )
    return _delete_page(request, conference, obj=ticket_type, back="setup:ticket_types")


# Registration questions -------------------------------------------------------------------------


@conference_view(is_organiser)
def question_list_view(request, conference):
    return render(
        request,
        "conference/setup/question_list.html",
        {"conference": conference, "questions": question_list(conference=conference)},
    )


@conference_view(is_organiser)
def question_create(request, conference):
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_question(conference=conference, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The question is added."), to="setup:questions", conference=conference
            )
    return _edit_page(
        request, conference, form=form, title=_("New question"), back="setup:questions"
    )


@conference_view(is_organiser)
def question_edit(request, conference, pk):
    question = selectors.question_for_organiser(conference=conference, pk=pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_question(question=question, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The question is saved."), to="setup:questions", conference=conference
            )
    return _edit_page(
        request, conference, form=form, title=_("Edit question"), back="setup:questions"
    )


@conference_view(is_organiser)
def question_delete(request, conference, pk):
    question = selectors.question_for_organiser(conference=conference, pk=pk)
    if request.method == "POST":
        services.delete_question(question=question)
        return _saved(
            request, _("The question is deleted."), to="setup:questions", conference=conference
        )
    warning = _("Every answer given to it is deleted too.")
    return _delete_page(request, conference, obj=question, back="setup:questions", warning=warning)


# Team -------------------------------------------------------------------------------------------


@conference_view(is_organiser)
def team(request, conference):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_member(
                conference=conference, invited_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("setup:team", slug=conference.slug)
    return render(
        request,
        "conference/setup/team.html",
        {
            "conference": conference,
            "form": form,
            "members": selectors.team_list(conference=conference),
            "invitations": selectors.open_invitation_list(conference=conference),
        },
    )


@conference_view(is_organiser)
@require_POST
def member_remove(request, conference, pk):
    membership = selectors.membership_for_organiser(conference=conference, pk=pk)
    try:
        services.remove_member(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(user)s is no longer in the team.") % {"user": membership.user.get_username()},
        )
    return redirect("setup:team", slug=conference.slug)


@conference_view(is_organiser)
@require_POST
def invitation_revoke(request, conference, pk):
    invitation = selectors.invitation_for_organiser(conference=conference, pk=pk)
    services.revoke_invitation(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect("setup:team", slug=conference.slug)


def invitation_accept(request, token):
    """The link in an invitation e-mail: anybody may look; accepting needs a logged-in account."""
    invitation = selectors.invitation_by_token(token=token)
    if request.method == "POST" and request.user.is_authenticated:
        membership = services.accept_invitation(invitation=invitation, user=request.user)
        messages.success(
            request,
            _("Welcome to the team of %(conference)s (%(role)s).")
            % {"conference": invitation.conference.name, "role": membership.get_role_display()},
        )
        return redirect(invitation.conference)
    return render(request, "conference/setup/invitation.html", {"invitation": invitation})
