"""The schedule's patterns of /api/v1/ (the `api` namespace is given in conference/urls.py)."""

from django.urls import path

from scheduling.api import solver, views

conference = "conferences/<slug:slug>/"

urlpatterns = [
    path(f"{conference}schedule/", views.PublishedSchedule.as_view(), name="schedule"),
    path(f"{conference}schedule/releases/", views.ReleaseList.as_view(), name="release-list"),
    path(
        f"{conference}schedule/items/<int:pk>/move/",
        views.MoveScheduleItem.as_view(),
        name="schedule-item-move",
    ),
    path(f"{conference}schedule/solve/", solver.StartSolve.as_view(), name="schedule-solve"),
    path(
        f"{conference}schedule/solve/<int:pk>/",
        solver.SolveRun.as_view(),
        name="schedule-solve-run",
    ),
    path(
        f"{conference}schedule/solve/<int:pk>/stop/",
        solver.StopRun.as_view(),
        name="schedule-solve-stop",
    ),
    path(
        f"{conference}schedule/solve/<int:pk>/apply/",
        solver.ApplyRun.as_view(),
        name="schedule-solve-apply",
    ),
    path(
        f"{conference}schedule/solve/<int:pk>/undo/",
        solver.UndoRun.as_view(),
        name="schedule-solve-undo",
    ),
]
