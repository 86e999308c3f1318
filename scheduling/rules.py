"""Who may do what with the schedule.

Organisers edit and publish (conference.rules.can_edit_schedule); speakers of accepted or
confirmed talks enter their availability; the published agenda is public.
"""

import rules

from conference.rules import can_edit_schedule
from talks.models import Submission


def schedule_speaker_talks(*, user, conference):
    """The talks that make `user` a schedule speaker of `conference` (a conference or an
    OuterRef to one)."""
    return Submission.objects.public().filter(conference=conference, speakers=user)


@rules.predicate
def is_schedule_speaker(user, conference) -> bool:
    """A speaker of an accepted or confirmed talk of the conference."""
    if not user.is_authenticated or conference is None:
        return False
    cache = user.__dict__.setdefault("_schedule_speaker", {})
    if conference.pk not in cache:
        cache[conference.pk] = schedule_speaker_talks(user=user, conference=conference).exists()
    return cache[conference.pk]


def remember_schedule_speaker(user, conference, speaker: bool) -> None:
    """What is_schedule_speaker answers for this user in this request, read with another
    query (scheduling.selectors.latest_release)."""
    user.__dict__.setdefault("_schedule_speaker", {})[conference.pk] = speaker


can_enter_availability = is_schedule_speaker


# The automatic draft schedule (configure, run, apply, undo): whoever edits the schedule.
can_run_solver = can_edit_schedule
