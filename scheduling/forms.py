"""Forms of the scheduling pages: agenda filters, the no-JS editor forms, publish, availability."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from scheduling.days import conference_days
from scheduling.enums import GRANULARITY_MINUTES, MAX_ITEM_MINUTES, ItemKind
from talks.enums import Format, Level


def _day_choices(conference) -> list[tuple[str, str]]:
    return [
        (day.isoformat(), date_format(day, "DATE_FORMAT")) for day in conference_days(conference)
    ]


class AgendaFilterForm(forms.Form):
    """Filters of the public agenda; every field is optional and bad values are ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    track = forms.ChoiceField(label=_("Track"), required=False)
    room = forms.TypedChoiceField(label=_("Room"), required=False, coerce=int, empty_value=None)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("Any format")), *Format.choices]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("Any level")), *Level.choices]
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].choices = [("", _("Any track"))] + [
            (track.slug, track.local_name) for track in programme.tracks
        ]
        self.fields["room"].choices = [("", _("Any room"))] + [
            (str(room.id), room.name) for room in programme.rooms
        ]

    def filter_values(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data.get("q") or "",
            "track": data.get("track") or "",
            "room": data.get("room"),
            "format": data.get("format") or "",
            "level": data.get("level") or "",
        }


class PlacementForm(forms.Form):
    """Where and when an item goes: the editor's form for people without JavaScript."""

    room = forms.TypedChoiceField(label=_("Room"), coerce=int, empty_value=None, required=False)
    day = forms.ChoiceField(label=_("Day"))
    time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time", "step": 300})
    )
    minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        min_value=GRANULARITY_MINUTES,
        max_value=MAX_ITEM_MINUTES,
        widget=forms.NumberInput(attrs={"step": GRANULARITY_MINUTES}),
    )

    def __init__(self, *args, conference, rooms, all_rooms: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(room.pk), room.name) for room in rooms]
        if all_rooms:
            choices = [("", _("Every room"))] + choices
        self.fields["room"].choices = choices
        self.fields["room"].required = not all_rooms
        self.fields["day"].choices = _day_choices(conference)

    def clean_minutes(self):
        minutes = self.cleaned_data["minutes"]
        if minutes % GRANULARITY_MINUTES:
            raise forms.ValidationError(
                _("Use steps of %(minutes)s minutes."), params={"minutes": GRANULARITY_MINUTES}
            )
        return minutes


class BreakForm(PlacementForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[(ItemKind.BREAK, _("Break")), (ItemKind.BLOCKER, _("Blocker"))]
    )
    title = forms.CharField(label=_("Title"), max_length=200)

    field_order = ["kind", "title", "room", "day", "time", "minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, all_rooms=True, **kwargs)


class PublishForm(forms.Form):
    """`confirm` and `conflicts` (the digest of the conflicts the page showed) matter only when
    the schedule has open conflicts; the publish service checks them."""

    comment = forms.CharField(
        label=_("Note for attendees (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(label=_("Publish with the conflicts listed above"), required=False)
    conflicts = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class AvailabilityWindowForm(forms.Form):
    day = forms.ChoiceField(label=_("Day"))
    starts_at = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    preferred = forms.BooleanField(label=_("I prefer this time"), required=False)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = _day_choices(conference)

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            raise forms.ValidationError(_("A window must end after it starts."))
        return data


AvailabilityFormSet = forms.formset_factory(
    AvailabilityWindowForm, extra=2, can_delete=True, max_num=30, validate_max=True
)
