from django.urls import path, register_converter

from scheduling import views
from scheduling.links import IdConverter
from scheduling.views import solver

register_converter(IdConverter, "id")

app_name = "scheduling"

# Everything below /c/<slug>/schedule/: (suffix, view, name).
_pages = [
    ("releases/", views.releases, "releases"),
    ("tracks.css", views.track_css, "track_css"),
    # attendees
    ("talks/<id:pk>/star/", views.star, "star"),
    ("mine/", views.my_agenda, "my_agenda"),
    ("mine/import/", views.stars_import, "stars_import"),
    ("mine/reset/", views.calendar_feed_reset, "feed_reset"),
    ("feed/<str:token>.ics", views.calendar_feed, "feed"),
    # speakers
    ("availability/", views.availability, "availability"),
    ("mine/talks.ics", views.my_talks_ics, "my_talks_ics"),
    # organisers: the editor, its JSON endpoints and its forms for people without JavaScript
    ("editor/", views.editor, "editor"),
    ("editor/state/", views.api_state, "api_state"),
    ("editor/items/", views.api_items, "api_items"),
    ("editor/items/<id:pk>/", views.api_item, "api_item"),
    ("editor/items/<id:pk>/silence/", views.api_silence, "api_silence"),
    ("editor/items/<id:pk>/edit/", views.item_edit, "item_edit"),
    ("editor/items/<id:pk>/unschedule/", views.item_unschedule, "item_unschedule"),
    ("editor/items/<id:pk>/silence-form/", views.item_silence, "item_silence"),
    ("editor/place/<int:submission>/", views.place_talk, "place_talk"),
    ("editor/breaks/new/", views.break_create, "break_create"),
    ("editor/preview/", views.preview, "preview"),
    ("editor/publish/", views.publish, "publish"),
    ("editor/stars/", views.star_counts, "star_counts"),
    # organisers: the automatic draft schedule
    ("solver/", solver.solver_settings, "solver"),
    ("solver/runs/<id:pk>/", solver.solver_run, "solver_run"),
    ("solver/runs/<id:pk>/status/", solver.solver_run_status, "solver_run_status"),
    ("solver/runs/<id:pk>/stop/", solver.solver_run_stop, "solver_run_stop"),
    ("solver/runs/<id:pk>/apply/", solver.solver_run_apply, "solver_run_apply"),
    ("solver/runs/<id:pk>/again/", solver.solver_run_again, "solver_run_again"),
    ("solver/applied/<id:pk>/undo/", solver.solver_application_undo, "solver_undo"),
]

# The public agenda and its exports exist for the latest release at a stable address and for
# every release under v/<version>/.
_release_pages = [
    ("", views.agenda, "agenda"),
    ("talks/<id:pk>/", views.talk, "talk"),
    ("talks/<id:pk>.ics", views.talk_ics, "talk_ics"),
    ("speakers/<id:pk>/", views.speaker, "speaker"),
    ("schedule.<str:kind>", views.export, "export"),
]

urlpatterns = [path("agendas/", views.index, name="index")]
urlpatterns += [
    path(f"c/<slug:slug>/schedule/{suffix}", view, name=name) for suffix, view, name in _pages
]
for suffix, view, name in _release_pages:
    urlpatterns += [
        path(f"c/<slug:slug>/schedule/{suffix}", view, name=name),
        path(f"c/<slug:slug>/schedule/v/<slug:version>/{suffix}", view, name=f"release_{name}"),
    ]
