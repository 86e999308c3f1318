"""Conference days and local times.

Datetimes are stored in UTC and shown in the conference's time zone. A conference day runs from
local midnight to the next local midnight, which is 23 or 25 hours long on the day a
daylight-saving change falls on; everything here works on instants, so that needs no special
case.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from conference.models import Conference

MIN_YEAR, MAX_YEAR = 2000, 2100


def conference_days(conference: Conference) -> list[date]:
    count = (conference.end_date - conference.start_date).days + 1
    return [conference.start_date + timedelta(days=offset) for offset in range(max(count, 0))]


def local_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on a day. An ambiguous time (the hour repeated when
    clocks go back) is its first occurrence; a skipped one is read with the offset before it."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[local midnight, next local midnight) of the day, as UTC instants."""
    return local_instant(day, time(0), tz), local_instant(day + timedelta(days=1), time(0), tz)


def conference_day_bounds(conference: Conference) -> list[tuple[datetime, datetime]]:
    tz = conference.tzinfo
    return [day_bounds(day, tz) for day in conference_days(conference)]


def local_day(instant: datetime, tz: ZoneInfo) -> date:
    return instant.astimezone(tz).date()


def clock(instant: datetime, tz: ZoneInfo) -> str:
    """ "HH:MM" in the conference's zone: a string, so templates cannot convert it again."""
    return instant.astimezone(tz).strftime("%H:%M")


def iso_utc(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_instant(value: str) -> datetime:
    """An ISO 8601 instant with an offset (or Z), as an aware UTC datetime. ValueError if it
    has no offset: a naive time is ambiguous."""
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError("A time needs its offset.")
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        # Far outside any conference, and near year 1 or 9999 a zone conversion overflows.
        raise ValueError("A time of the conference, please.")
    return parsed.astimezone(UTC)


def minutes_between(start: datetime, end: datetime) -> int:
    """Whole minutes from `start` to `end`, a started minute left out."""
    return int((end - start).total_seconds() // 60)


def round_up_minutes(minutes: int, step: int) -> int:
    """`minutes` rounded up to a whole number of `step`s, at least one step."""
    return max(step, -(-minutes // step) * step)
