"""Forms of the automatic draft schedule: its settings, and which changes to apply."""

from datetime import date

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from scheduling.days import conference_days
from scheduling.models.solver import MAX_TIME_LIMIT_S, MAX_WEIGHT, MIN_TIME_LIMIT_S

# What each soft term is called on the page (its sentence is scheduling.solver.WEIGHT_HELP).
TERM_LABELS = {
    "same_track": _("One track not in parallel"),
    "similar_topics": _("Similar topics not in parallel"),
    "co_favourites": _("Talks starred together not in parallel"),
    "capacity": _("Audience fits the room"),
    "track_room": _("A track keeps its room for a half-day"),
    "travel": _("Speakers need not rush between rooms"),
    "preferred_times": _("Speakers' preferred times"),
}


def weight_field_name(term: str) -> str:
    return f"weight_{term}"


class SolverSettingsForm(forms.Form):
    """Weights as sliders (range inputs, which work without JavaScript), rooms and days to use,
    the time limit, and what stays where it is."""

    time_limit_seconds = forms.IntegerField(
        label=_("Time limit (seconds)"),
        min_value=MIN_TIME_LIMIT_S,
        max_value=MAX_TIME_LIMIT_S,
        help_text=_("From 10 seconds to 10 minutes; the best schedule found by then is kept."),
    )
    rooms = forms.TypedMultipleChoiceField(
        label=_("Rooms to use"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    days = forms.MultipleChoiceField(label=_("Days to use"), widget=forms.CheckboxSelectMultiple)
    keep_placed = forms.BooleanField(
        label=_("Keep the talks already placed in the working copy where they are"),
        required=False,
        help_text=_(
            "Breaks, blockers and keynotes always stay. Otherwise the placed talks are only a "
            "starting point that the solver may move."
        ),
    )
    keep_fixed = forms.TypedMultipleChoiceField(
        label=_("Also keep these talks where they are"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Placed talks only; hold Ctrl (or ⌘) to choose several."),
    )

    def __init__(self, *args, conference, rooms, placed_talks, **kwargs):
        # Imported here: the URL list imports this module, and the solver package loads OR-Tools.
        from scheduling.solver import TERMS, WEIGHT_HELP, Weights

        super().__init__(*args, **kwargs)
        defaults = Weights()
        for term in TERMS:
            self.fields[weight_field_name(term)] = forms.IntegerField(
                label=TERM_LABELS.get(term, term),
                min_value=0,
                max_value=MAX_WEIGHT,
                initial=getattr(defaults, term),
                help_text=WEIGHT_HELP.get(term, ""),
                widget=forms.NumberInput(
                    attrs={"type": "range", "min": 0, "max": MAX_WEIGHT, "step": 1}
                ),
            )
        self.fields["rooms"].choices = [(room.pk, room.name) for room in rooms]
        self.fields["days"].choices = [
            (day.isoformat(), date_format(day, "DATE_FORMAT"))
            for day in conference_days(conference)
        ]
        self.fields["keep_fixed"].choices = [(talk.pk, talk.title) for talk in placed_talks]

    def weight_fields(self):
        from scheduling.solver import TERMS

        return [self[weight_field_name(term)] for term in TERMS]

    def service_values(self) -> dict:
        """The cleaned data as save_solver_settings' keyword arguments."""
        from scheduling.solver import TERMS

        data = self.cleaned_data
        # All of them is stored as none chosen: a room or day added later is used too.
        every_room = {int(pk) for pk, _label in self.fields["rooms"].choices}
        every_day = {day for day, _label in self.fields["days"].choices}
        rooms = [] if set(data["rooms"]) == every_room else list(data["rooms"])
        chosen_days = [] if set(data["days"]) == every_day else data["days"]
        return {
            "weights": {term: data[weight_field_name(term)] for term in TERMS},
            "room_ids": rooms,
            "days": [date.fromisoformat(day) for day in chosen_days],
            "time_limit_seconds": data["time_limit_seconds"],
            "keep_placed": data["keep_placed"],
            "keep_fixed": list(data["keep_fixed"]),
        }


def settings_initial(settings, *, rooms, conference) -> dict:
    """The form's initial values from stored settings (empty rooms or days: all of them)."""
    from scheduling.solver import TERMS, Weights

    defaults = Weights()
    initial = {
        weight_field_name(term): settings.weights.get(term, getattr(defaults, term))
        for term in TERMS
    }
    initial.update(
        time_limit_seconds=settings.time_limit_seconds,
        rooms=settings.room_ids or [room.pk for room in rooms],
        days=settings.days or [day.isoformat() for day in conference_days(conference)],
        keep_placed=settings.keep_placed,
        keep_fixed=settings.keep_fixed,
    )
    return initial
