"""Forms of the reviewer assignment pages: a reviewer's profile and bids, the organisers'
settings and the edit of one proposed pair."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conference.models import Track
from talks.models import AssignmentSettings, BidLevel, ReviewerProfile

NO_BID = ""
# The bids a reviewer may pick on the bids page ("" = no bid).
BID_CHOICES = [(NO_BID, _("No bid")), *BidLevel.choices]


class ReviewerProfileForm(forms.ModelForm):
    tracks = forms.ModelMultipleChoiceField(
        label=_("Tracks of interest"),
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ReviewerProfile
        fields = ["expertise", "cap", "use_history"]
        widgets = {"expertise": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "cap": _("Leave empty for the conference's default."),
        }

    def __init__(self, *args, conference, default_cap: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tracks"].queryset = conference.tracks.order_by("name")
        if self.instance.pk:
            self.fields["tracks"].initial = list(self.instance.tracks.all())
        self.fields["cap"].widget.attrs["placeholder"] = str(default_cap)
        self.fields["cap"].help_text = _("Leave empty for the conference's default (%(cap)d).") % {
            "cap": default_cap
        }


class BidsForm(forms.Form):
    """One select per submission of the page: bid_<id>."""

    def __init__(self, *args, submissions, **kwargs):
        super().__init__(*args, **kwargs)
        self.submissions = submissions
        for submission in submissions:
            if submission.conflict and submission.conflict != "declared":
                continue  # a detected conflict is not hers to change
            self.fields[f"bid_{submission.pk}"] = forms.ChoiceField(
                label=submission.title,
                choices=BID_CHOICES,
                required=False,
                initial=submission.bid,
                # The selects sit in the table's rows, outside the <form> element.
                widget=forms.Select(attrs={"form": "bids-form"}),
            )

    def bids(self) -> dict[int, str]:
        return {
            int(name.removeprefix("bid_")): value or ""
            for name, value in self.cleaned_data.items()
            if name.startswith("bid_")
        }


class AssignmentSettingsForm(forms.ModelForm):
    class Meta:
        model = AssignmentSettings
        fields = [
            "reviewers_per_submission",
            "default_cap",
            "affinity_floor",
            "conflict_same_affiliation",
            "conflict_same_email_domain",
            "public_email_domains",
        ]
        widgets = {
            "public_email_domains": forms.Textarea(attrs={"rows": 4}),
            "affinity_floor": forms.NumberInput(attrs={"step": "0.05", "min": "0", "max": "1"}),
        }
        help_texts = {
            "public_email_domains": _("One per line: addresses there are never a conflict."),
            "affinity_floor": _(
                "0 to 1: no submission gets only matches below it while a better reviewer is free."
            ),
        }

    def clean_reviewers_per_submission(self):
        value = self.cleaned_data["reviewers_per_submission"]
        if value < 1:
            raise forms.ValidationError(_("Every submission needs at least one reviewer."))
        return value

    def clean_affinity_floor(self):
        value = self.cleaned_data["affinity_floor"]
        if not 0 <= value <= 1:
            raise forms.ValidationError(_("The floor is between 0 and 1."))
        return value


class EditPairForm(forms.Form):
    """Replace one proposed reviewer (old_reviewer empty: fill a missing place). The select
    offers those who can take the place; the service checks whoever is sent (cap, conflict)."""

    old_reviewer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    new_reviewer = forms.IntegerField(label=_("Replace with"), widget=forms.Select)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_reviewer"].widget.choices = [
            (
                candidate.user.pk,
                f"{candidate.user.get_username()} · {candidate.affinity:.2f} · "
                f"{candidate.load}/{candidate.cap}",
            )
            for candidate in candidates
            if not candidate.refusal
        ]
