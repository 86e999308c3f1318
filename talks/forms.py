from django import forms
from django.utils.translation import gettext_lazy as _

from conference.models import Track
from talks.enums import DEFAULT_DURATIONS
from talks.models import Submission


class SubmissionForm(forms.ModelForm):
    duration = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=5,
        max_value=480,
        required=False,
        help_text=_("Leave empty for the format's usual length."),
    )

    class Meta:
        model = Submission
        fields = ["title", "abstract", "format", "duration"]
        widgets = {"abstract": forms.Textarea(attrs={"rows": 10})}

    def clean(self):
        data = super().clean()
        if not data.get("duration") and data.get("format"):
            data["duration"] = DEFAULT_DURATIONS[data["format"]]
        return data


class TrackChoiceForm(forms.Form):
    track = forms.ModelChoiceField(queryset=Track.objects.none(), label=_("Track"))

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = conference.tracks.all()
