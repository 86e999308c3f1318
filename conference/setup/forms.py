import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from conference.enums import Role
from conference.models import Conference, Question, Room, RoomAvailability, TicketType, Track

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    """A browser date-time picker; where unsupported, a text box taking 2026-05-20T09:00."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _local_datetime_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        widget=DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("In the conference's time zone."),
    )


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ConferenceForm(forms.ModelForm):
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=[(name, name) for name in sorted(zoneinfo.available_timezones())],
    )
    cfp_opens_at = _local_datetime_field(_("Call for papers opens"))
    cfp_closes_at = _local_datetime_field(_("Call for papers closes"))

    class Meta:
        model = Conference
        fields = [
            "name",
            "name_zh",
            "description",
            "description_zh",
            "venue",
            "start_date",
            "end_date",
            "timezone",
            "cfp_opens_at",
            "cfp_closes_at",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_zh": forms.Textarea(attrs={"rows": 6}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }


class TrackForm(forms.ModelForm):
    class Meta:
        model = Track
        fields = ["name", "name_zh", "description", "description_zh", "colour", "position"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "description_zh": forms.Textarea(attrs={"rows": 5}),
            "colour": forms.TextInput(attrs={"type": "color"}),
        }
        help_texts = {
            "description": _(
                "The track categoriser compares each submission with this name and description: "
                "name the topics, methods and words that belong to this track."
            ),
            "name_zh": _("Shown on Chinese pages; empty: the English name."),
            "description_zh": _(
                "Submissions written in Chinese are compared with the Chinese name and "
                "description: name the track's topics in Chinese too."
            ),
        }


class TrackDeleteForm(forms.Form):
    """Where a deleted track's submissions, predictions, schedule and reviewers go."""

    reassign_to = forms.ModelChoiceField(
        queryset=Track.objects.none(),
        required=False,
        label=_("Move them to"),
        empty_label=_("(choose a track)"),
    )
    move_reviewers = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Reviewers limited to this track review that track instead"),
        help_text=_("Off: the track leaves their scope; one left without tracks sees nothing."),
    )

    def __init__(self, *args, track: Track, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reassign_to"].queryset = Track.objects.filter(
            conference_id=track.conference_id
        ).exclude(pk=track.pk)


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "capacity", "position"]


class RoomAvailabilityForm(forms.ModelForm):
    class Meta:
        model = RoomAvailability
        fields = ["date", "starts_at", "ends_at"]
        widgets = {"date": DateInput(), "starts_at": TimeInput(), "ends_at": TimeInput()}


class TicketTypeForm(forms.ModelForm):
    sale_starts_at = _local_datetime_field(_("Sale starts"))
    sale_ends_at = _local_datetime_field(_("Sale ends"))

    class Meta:
        model = TicketType
        fields = [
            "name",
            "name_zh",
            "description",
            "price",
            "currency",
            "quota",
            "sale_starts_at",
            "sale_ends_at",
            "is_visible",
            "position",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"price": _("Shown on the registration page only: nobody pays here.")}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["label", "help_text", "kind", "choices", "required", "position"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 4})}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
