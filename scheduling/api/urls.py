"""The schedule's patterns of /api/v1/ (the `api` namespace is given in conference/urls.py)."""

from django.urls import path

from scheduling.api import views

conference = "conferences/<slug:slug>/"

urlpatterns = [
    path(f"{conference}schedule/", views.PublishedSchedule.as_view(), name="schedule"),
    path(f"{conference}schedule/releases/", views.ReleaseList.as_view(), name="release-list"),
    path(
        f"{conference}schedule/items/<int:pk>/move/",
        views.MoveScheduleItem.as_view(),
        name="schedule-item-move",
    ),
]
