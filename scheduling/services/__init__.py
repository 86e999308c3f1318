"""Writes of the scheduling app: the working copy, releases, and people's own data."""

from scheduling.services.items import (
    ScheduleRefused,
    StaleItem,
    create_item,
    delete_item,
    lock_schedule,
    move_item,
    silence_warning,
)
from scheduling.services.people import (
    calendar_feed_for,
    import_favourites,
    reset_calendar_feed,
    save_speaker_availability,
    set_favourite,
)
from scheduling.services.releases import (
    build_snapshot,
    compute_changelog,
    preview_changelog,
    publish_release,
)

__all__ = [
    "ScheduleRefused",
    "StaleItem",
    "build_snapshot",
    "calendar_feed_for",
    "compute_changelog",
    "create_item",
    "delete_item",
    "import_favourites",
    "lock_schedule",
    "move_item",
    "preview_changelog",
    "publish_release",
    "reset_calendar_feed",
    "save_speaker_availability",
    "set_favourite",
    "silence_warning",
]
