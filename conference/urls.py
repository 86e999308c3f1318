from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from conference import views

conference_patterns = (
    [
        path("c/<slug:slug>/", views.conference_detail, name="detail"),
        path("c/<slug:slug>/outbox/", views.outbox, name="outbox"),
    ],
    "conference",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("", include(conference_patterns)),
    path("", include("talks.urls")),
    path("ml/", include("modeldemo.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", views.signup, name="signup"),
    path("admin/", admin.site.urls),
]

# Issue 3: organiser set-up pages and attendee registration.
urlpatterns += [
    path("", include("conference.setup.urls")),
    path("", include("conference.registration.urls")),
]
