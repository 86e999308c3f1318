"""CSV export of a conference's attendees with their answers."""

import csv
from collections.abc import Iterable
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _

from conference.models import Conference, Question, Registration

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _local(moment, conference: Conference) -> str:
    if moment is None:
        return ""
    return timezone.localtime(moment, conference.tzinfo).strftime("%Y-%m-%d %H:%M")


def write_attendees_csv(
    *,
    out: IO[str],
    conference: Conference,
    registrations: Iterable[Registration],
    questions: list[Question],
) -> None:
    """One row per registration (answers prefetched), times in the conference's time zone."""
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Check-in code"),
            _("Name"),
            _("E-mail"),
            _("Organisation"),
            _("Ticket type"),
            _("State"),
            _("Registered"),
            _("Confirmed"),
            _("Checked in"),
            *(question.label for question in questions),
        ]
    )
    for registration in registrations:
        answers = {answer.question_id: answer.value for answer in registration.answers.all()}
        row = [
            registration.check_in_code,
            registration.name,
            registration.email,
            registration.organisation,
            registration.ticket_type.name,
            registration.get_state_display(),
            _local(registration.created_at, conference),
            _local(registration.confirmed_at, conference),
            _local(registration.checked_in_at, conference),
            *(answers.get(question.pk, "") for question in questions),
        ]
        writer.writerow([escape_cell(cell) for cell in row])
