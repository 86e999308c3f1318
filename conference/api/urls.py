"""The event's patterns of /api/v1/: conferences, tracks and rooms, the organisers' set-up and
registrations. conference/urls.py joins them with every app's api/urls.py under the `api`
namespace."""

from django.urls import path

from conference.api.common import CONFERENCE
from conference.api.views import public, registrations, setup

urlpatterns = [
    path("conferences/", public.ConferenceList.as_view(), name="conference-list"),
    path(CONFERENCE, public.ConferenceDetail.as_view(), name="conference-detail"),
    path(f"{CONFERENCE}tracks/", public.TrackList.as_view(), name="track-list"),
    path(f"{CONFERENCE}rooms/", public.RoomList.as_view(), name="room-list"),
    # Organisers.
    path(
        f"{CONFERENCE}registrations/",
        registrations.RegistrationList.as_view(),
        name="registration-list",
    ),
    path(
        f"{CONFERENCE}registrations/export/",
        registrations.RegistrationExport.as_view(),
        name="registration-export",
    ),
    path(
        f"{CONFERENCE}registrations/<int:pk>/check-in/",
        registrations.RegistrationCheckIn.as_view(),
        name="registration-check-in",
    ),
    # Organisers' set-up.
    path(f"{CONFERENCE}setup/tracks/", setup.TrackList.as_view(), name="setup-track-list"),
    path(
        f"{CONFERENCE}setup/tracks/<int:pk>/",
        setup.TrackDetail.as_view(),
        name="setup-track-detail",
    ),
    path(f"{CONFERENCE}setup/rooms/", setup.RoomList.as_view(), name="setup-room-list"),
    path(
        f"{CONFERENCE}setup/rooms/<int:pk>/", setup.RoomDetail.as_view(), name="setup-room-detail"
    ),
    path(
        f"{CONFERENCE}setup/ticket-types/",
        setup.TicketTypeList.as_view(),
        name="setup-ticket-type-list",
    ),
    path(
        f"{CONFERENCE}setup/ticket-types/<int:pk>/",
        setup.TicketTypeDetail.as_view(),
        name="setup-ticket-type-detail",
    ),
]
