"""Views of the scheduling app, one module per audience."""

from scheduling.views.api import api_item, api_items, api_silence, api_state
from scheduling.views.availability import availability
from scheduling.views.editor import (
    break_create,
    editor,
    item_edit,
    item_silence,
    item_unschedule,
    place_talk,
    preview,
    publish,
    star_counts,
)
from scheduling.views.personal import (
    calendar_feed,
    calendar_feed_reset,
    my_agenda,
    my_talks_ics,
    star,
    stars_import,
)
from scheduling.views.public import (
    agenda,
    export,
    index,
    releases,
    speaker,
    talk,
    talk_ics,
    track_css,
)

__all__ = [
    "agenda",
    "api_item",
    "api_items",
    "api_silence",
    "api_state",
    "availability",
    "break_create",
    "calendar_feed",
    "calendar_feed_reset",
    "editor",
    "export",
    "index",
    "item_edit",
    "item_silence",
    "item_unschedule",
    "my_agenda",
    "my_talks_ics",
    "place_talk",
    "preview",
    "publish",
    "releases",
    "speaker",
    "star",
    "star_counts",
    "stars_import",
    "talk",
    "talk_ics",
    "track_css",
]
