"""Models of the scheduling app, one module per concept."""

from scheduling.models.agenda import CalendarFeed, Favourite
from scheduling.models.availability import SpeakerAvailability
from scheduling.models.schedule import Release, Schedule, ScheduleItem
from scheduling.models.solver import RunState, SolverApplication, SolverRun, SolverSettings

__all__ = [
    "CalendarFeed",
    "Favourite",
    "Release",
    "Schedule",
    "RunState",
    "ScheduleItem",
    "SolverApplication",
    "SolverRun",
    "SolverSettings",
    "SpeakerAvailability",
]
