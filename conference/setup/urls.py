from django.urls import path

from conference.setup import views

app_name = "setup"
urlpatterns = [
    path("c/<slug:slug>/setup/", views.conference_edit, name="conference"),
    path("c/<slug:slug>/setup/tracks/", views.track_list_view, name="tracks"),
    path("c/<slug:slug>/setup/tracks/new/", views.track_create, name="track_create"),
    path("c/<slug:slug>/setup/tracks/<int:pk>/", views.track_edit, name="track_edit"),
    path("c/<slug:slug>/setup/tracks/<int:pk>/delete/", views.track_delete, name="track_delete"),
    path("c/<slug:slug>/setup/rooms/", views.room_list, name="rooms"),
    path("c/<slug:slug>/setup/rooms/new/", views.room_create, name="room_create"),
    path("c/<slug:slug>/setup/rooms/<int:pk>/", views.room_edit, name="room_edit"),
    path("c/<slug:slug>/setup/rooms/<int:pk>/delete/", views.room_delete, name="room_delete"),
    path(
        "c/<slug:slug>/setup/rooms/<int:pk>/availability/",
        views.room_availability_add,
        name="room_availability_add",
    ),
    path(
        "c/<slug:slug>/setup/rooms/<int:pk>/availability/<int:window_pk>/delete/",
        views.room_availability_delete,
        name="room_availability_delete",
    ),
    path("c/<slug:slug>/setup/tickets/", views.ticket_type_list, name="ticket_types"),
    path("c/<slug:slug>/setup/tickets/new/", views.ticket_type_create, name="ticket_type_create"),
    path("c/<slug:slug>/setup/tickets/<int:pk>/", views.ticket_type_edit, name="ticket_type_edit"),
    path(
        "c/<slug:slug>/setup/tickets/<int:pk>/delete/",
        views.ticket_type_delete,
        name="ticket_type_delete",
    ),
    path("c/<slug:slug>/setup/questions/", views.question_list_view, name="questions"),
    path("c/<slug:slug>/setup/questions/new/", views.question_create, name="question_create"),
    path("c/<slug:slug>/setup/questions/<int:pk>/", views.question_edit, name="question_edit"),
    path(
        "c/<slug:slug>/setup/questions/<int:pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path("c/<slug:slug>/setup/team/", views.team, name="team"),
    path("c/<slug:slug>/setup/team/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "c/<slug:slug>/setup/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("team/invitations/<str:token>/", views.invitation_accept, name="invitation"),
]
