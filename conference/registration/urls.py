from django.urls import path

from conference.registration import views

app_name = "registrations"
urlpatterns = [
    path("c/<slug:slug>/register/", views.register, name="register"),
    path("c/<slug:slug>/register/sent/", views.register_sent, name="register_sent"),
    path("registration/<str:token>/", views.manage, name="manage"),
    path("registration/<str:token>/confirm/", views.confirm, name="confirm"),
    path("registration/<str:token>/cancel/", views.cancel, name="cancel"),
    path("registration/<str:token>/name/", views.change_name, name="change_name"),
    path("registration/<str:token>/ticket.pdf", views.ticket, name="ticket"),
    path("c/<slug:slug>/registrations/", views.dashboard, name="dashboard"),
    path("c/<slug:slug>/registrations/attendees/", views.attendee_list, name="attendee_list"),
    path(
        "c/<slug:slug>/registrations/attendees.csv", views.attendee_export, name="attendee_export"
    ),
    path("c/<slug:slug>/check-in/", views.check_in, name="check_in"),
    path("c/<slug:slug>/check-in/<int:pk>/", views.check_in_one, name="check_in_one"),
]
