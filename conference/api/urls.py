"""The event's patterns of /api/v1/: conferences, tracks and rooms, the organisers' set-up and
registrations. conference/urls.py joins them with every app's api/urls.py under the `api`
namespace."""

from django.urls import include, path

from conference.api.common import CONFERENCE
from conference.api.views import public, registrations, root, setup

# /conferences/<slug>/registrations/...: organisers.
registration = [
    path("", registrations.RegistrationList.as_view(), name="registration-list"),
    path("export/", registrations.RegistrationExport.as_view(), name="registration-export"),
    path(
        "<int:pk>/check-in/",
        registrations.RegistrationCheckIn.as_view(),
        name="registration-check-in",
    ),
]

# /conferences/<slug>/setup/...: organisers.
set_up = [
    path("tracks/", setup.TrackList.as_view(), name="setup-track-list"),
    path("tracks/<int:pk>/", setup.TrackDetail.as_view(), name="setup-track-detail"),
    path("rooms/", setup.RoomList.as_view(), name="setup-room-list"),
    path("rooms/<int:pk>/", setup.RoomDetail.as_view(), name="setup-room-detail"),
    path("ticket-types/", setup.TicketTypeList.as_view(), name="setup-ticket-type-list"),
    path(
        "ticket-types/<int:pk>/", setup.TicketTypeDetail.as_view(), name="setup-ticket-type-detail"
    ),
]

urlpatterns = [
    path("", root.ApiRoot.as_view(), name="root"),
    path("conferences/", public.ConferenceList.as_view(), name="conference-list"),
    path(CONFERENCE, public.ConferenceDetail.as_view(), name="conference-detail"),
    path(f"{CONFERENCE}tracks/", public.TrackList.as_view(), name="track-list"),
    path(f"{CONFERENCE}rooms/", public.RoomList.as_view(), name="room-list"),
    path(f"{CONFERENCE}registrations/", include(registration)),
    path(f"{CONFERENCE}setup/", include(set_up)),
]
