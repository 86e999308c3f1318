"""Forms of the review pages: the review by category, phases, categories, assignments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conference.models import Track
from talks.enums import COUNTED_STATES, Format, State
from talks.models import ReviewPhase, ReviewSettings, ScoreCategory
from talks.models.review import COMMENT_MAX_LENGTH, SCORE_MAX, SCORE_MIN

SCORE_CHOICES = [(n, str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def category_field_name(category: ScoreCategory) -> str:
    return f"category_{category.pk}"


class ScoredReviewForm(forms.Form):
    """A review: one 0–5 score when no category counts toward the total, else a score per
    counting category (required) and per other category (optional), and a comment."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, categories: list[ScoreCategory], review=None, scores=None, **kw):
        initial = {}
        if review is not None:
            initial = {"score": review.score, "comment": review.comment}
            for category_id, value in (scores or {}).items():
                initial[f"category_{category_id}"] = value
        super().__init__(*args, initial=initial, **kw)
        self.categories = categories
        fields = {}
        if not any(category.counts_toward_total for category in categories):
            fields["score"] = forms.TypedChoiceField(
                label=_("Score"),
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("0: reject · 5: must have"),
            )
        for category in categories:
            counts = category.counts_toward_total
            fields[category_field_name(category)] = forms.TypedChoiceField(
                label=category.name,
                choices=SCORE_CHOICES if counts else [("", "—"), *SCORE_CHOICES],
                coerce=int,
                empty_value=None,
                required=counts,
                widget=forms.RadioSelect,
                help_text=_("weight %(weight)s") % {"weight": f"{category.weight.normalize():f}"}
                if counts
                else _("does not count toward the total"),
            )
        # Scores first, the comment last.
        fields["comment"] = self.fields.pop("comment")
        self.fields = fields

    def category_scores(self) -> dict[int, int | None]:
        return {
            category.pk: self.cleaned_data.get(category_field_name(category))
            for category in self.categories
        }


class ReviewSettingsForm(forms.ModelForm):
    class Meta:
        model = ReviewSettings
        fields = ["min_reviews"]


class ReviewPhaseForm(forms.ModelForm):
    class Meta:
        model = ReviewPhase
        fields = ["name", "start", "end", "reviewers_see_scores", "reviewers_see_names"]
        widgets = {"start": DATETIME_WIDGET, "end": DATETIME_WIDGET}
        help_texts = {
            "start": _(
                "Planned, in the conference's time zone; the phase opens when you start it."
            ),
            "end": _("Planned; reviews stay open until you end the phase."),
        }

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end is before the start."))
        return data


class ScoreCategoryForm(forms.ModelForm):
    class Meta:
        model = ScoreCategory
        fields = ["name", "weight", "counts_toward_total", "position"]


class SubmissionReviewersForm(forms.Form):
    """Who is assigned to review one submission: the team members who may review it."""

    reviewers = forms.MultipleChoiceField(
        label=_("Assigned reviewers"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, users: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {str(user.pk): user for user in users}
        self.fields["reviewers"].choices = [
            (str(user.pk), f"{user.get_username()} ({user.team_role})") for user in users
        ]

    def chosen(self) -> list:
        return [self.users[pk] for pk in self.cleaned_data["reviewers"]]


COVERAGE_CHOICES = [
    ("", _("All")),
    ("unassigned", _("Nobody assigned")),
    ("under", _("Fewer assigned than the minimum")),
]


class AssignmentFilterForm(forms.Form):
    track = forms.ModelChoiceField(
        queryset=Track.objects.none(), required=False, label=_("Track"), empty_label=_("All")
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All"))] + [(s.value, s.label) for s in State if s in COUNTED_STATES],
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All")), *Format.choices]
    )
    coverage = forms.ChoiceField(label=_("Assigned"), required=False, choices=COVERAGE_CHOICES)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = conference.tracks.all()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


MODE_ALL = "all"
MODE_SPREAD = "spread"


class BulkAssignForm(forms.Form):
    submissions = forms.MultipleChoiceField(
        label=_("Submissions"), widget=forms.CheckboxSelectMultiple
    )
    reviewers = forms.MultipleChoiceField(label=_("Reviewers"), widget=forms.CheckboxSelectMultiple)
    mode = forms.ChoiceField(
        label=_("How"),
        choices=[
            (MODE_ALL, _("Every chosen reviewer reviews every chosen submission")),
            (MODE_SPREAD, _("Spread: top each submission up to a number of reviewers")),
        ],
        initial=MODE_ALL,
        widget=forms.RadioSelect,
    )
    per_submission = forms.IntegerField(
        label=_("Reviewers per submission"),
        min_value=1,
        max_value=20,
        required=False,
        help_text=_("For “spread”: the least busy of the chosen reviewers first."),
    )

    def __init__(self, *args, submissions: list, users: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission_by_pk = {str(s.pk): s for s in submissions}
        self.user_by_pk = {str(u.pk): u for u in users}
        self.fields["submissions"].choices = [(str(s.pk), s.title) for s in submissions]
        self.fields["reviewers"].choices = [
            (str(u.pk), f"{u.get_username()} ({u.team_role})") for u in users
        ]

    def clean(self):
        data = super().clean()
        if data.get("mode") == MODE_SPREAD and not data.get("per_submission"):
            self.add_error("per_submission", _("How many reviewers should each submission get?"))
        return data

    def chosen_submissions(self) -> list:
        return [self.submission_by_pk[pk] for pk in self.cleaned_data["submissions"]]

    def chosen_reviewers(self) -> list:
        return [self.user_by_pk[pk] for pk in self.cleaned_data["reviewers"]]
