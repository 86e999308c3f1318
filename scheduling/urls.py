from django.urls import path, register_converter

from scheduling import views
from scheduling.links import IdConverter

register_converter(IdConverter, "id")

app_name = "scheduling"

# The public agenda and its exports exist for the latest release at a stable address and for
# every release under v/<version>/.
_release_pages = [
    ("", views.agenda, "agenda"),
    ("talks/<id:pk>/", views.talk, "talk"),
    ("talks/<id:pk>.ics", views.talk_ics, "talk_ics"),
    ("speakers/<id:pk>/", views.speaker, "speaker"),
    ("schedule.<str:kind>", views.export, "export"),
]

urlpatterns = [
    path("agendas/", views.index, name="index"),
    path("c/<slug:slug>/schedule/releases/", views.releases, name="releases"),
    path("c/<slug:slug>/schedule/tracks.css", views.track_css, name="track_css"),
    # attendees
    path("c/<slug:slug>/schedule/talks/<id:pk>/star/", views.star, name="star"),
    path("c/<slug:slug>/schedule/mine/", views.my_agenda, name="my_agenda"),
    path("c/<slug:slug>/schedule/mine/import/", views.stars_import, name="stars_import"),
    path("c/<slug:slug>/schedule/mine/reset/", views.calendar_feed_reset, name="feed_reset"),
    path("c/<slug:slug>/schedule/feed/<str:token>.ics", views.calendar_feed, name="feed"),
    # speakers
    path("c/<slug:slug>/schedule/availability/", views.availability, name="availability"),
    # organisers: the editor and its JSON endpoints
    path("c/<slug:slug>/schedule/editor/", views.editor, name="editor"),
    path("c/<slug:slug>/schedule/editor/state/", views.api_state, name="api_state"),
    path("c/<slug:slug>/schedule/editor/items/", views.api_items, name="api_items"),
    path("c/<slug:slug>/schedule/editor/items/<id:pk>/", views.api_item, name="api_item"),
    path(
        "c/<slug:slug>/schedule/editor/items/<id:pk>/silence/",
        views.api_silence,
        name="api_silence",
    ),
    # organisers: the editor's forms for people without JavaScript
    path(
        "c/<slug:slug>/schedule/editor/place/<int:submission>/",
        views.place_talk,
        name="place_talk",
    ),
    path("c/<slug:slug>/schedule/editor/breaks/new/", views.break_create, name="break_create"),
    path("c/<slug:slug>/schedule/editor/items/<id:pk>/edit/", views.item_edit, name="item_edit"),
    path(
        "c/<slug:slug>/schedule/editor/items/<id:pk>/unschedule/",
        views.item_unschedule,
        name="item_unschedule",
    ),
    path(
        "c/<slug:slug>/schedule/editor/items/<id:pk>/silence-form/",
        views.item_silence,
        name="item_silence",
    ),
    path("c/<slug:slug>/schedule/editor/preview/", views.preview, name="preview"),
    path("c/<slug:slug>/schedule/editor/publish/", views.publish, name="publish"),
    path("c/<slug:slug>/schedule/editor/stars/", views.star_counts, name="star_counts"),
]

for suffix, view, name in _release_pages:
    urlpatterns += [
        path(f"c/<slug:slug>/schedule/{suffix}", view, name=name),
        path(f"c/<slug:slug>/schedule/v/<slug:version>/{suffix}", view, name=f"release_{name}"),
    ]
