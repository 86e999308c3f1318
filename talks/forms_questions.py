"""Forms of the call-for-papers questions: the organisers' question form, the speakers' answers."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from conference.models import Track
from talks.enums import Format
from talks.forms import VersionField
from talks.models import CfpQuestion
from talks.models.questions import (
    LONG_ANSWER_MAX_LENGTH,
    OPTION_MAX_LENGTH,
    QUESTION_HELP_MAX_LENGTH,
    QUESTION_TEXT_MAX_LENGTH,
    TEXT_ANSWER_MAX_LENGTH,
    URL_ANSWER_MAX_LENGTH,
)
from talks.question_selectors import is_in_scope

YES, NO = "yes", "no"


class CfpQuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=QUESTION_TEXT_MAX_LENGTH)
    help_text = forms.CharField(
        label=_("Help text"), max_length=QUESTION_HELP_MAX_LENGTH, required=False
    )
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=CfpQuestion.Kind.choices)
    options = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice question: one choice per line."),
    )
    required = forms.BooleanField(
        label=_("Required"),
        required=False,
        help_text=_("Speakers must answer it when it is asked of their submission."),
    )
    formats = forms.MultipleChoiceField(
        label=_("Formats"),
        choices=Format.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every format."),
    )
    tracks = forms.ModelMultipleChoiceField(
        label=_("Tracks"),
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "None ticked: every track. Speakers do not choose a track: a question limited to "
            "tracks is asked once the submission has a track (or a suggested one)."
        ),
    )
    active = forms.BooleanField(
        label=_("Asked"),
        required=False,
        initial=True,
        help_text=_("Off: no longer on the form; the answers given stay."),
    )
    version = VersionField(required=False)

    def __init__(self, *args, conference, question: CfpQuestion | None = None, **kwargs):
        if question is not None:
            kwargs.setdefault(
                "initial",
                {
                    "text": question.text,
                    "help_text": question.help_text,
                    "kind": question.kind,
                    "options": "\n".join(question.options),
                    "required": question.required,
                    "formats": question.formats,
                    "tracks": [track.pk for track in question.tracks.all()],
                    "active": question.active,
                    "version": question.version,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["tracks"].queryset = conference.tracks.all()
        if question is None:
            del self.fields["version"]
        else:
            self.fields["version"].required = True

    def clean_options(self):
        lines = [line.strip() for line in self.cleaned_data["options"].splitlines()]
        lines = [line for line in lines if line]
        if any(len(line) > OPTION_MAX_LENGTH for line in lines):
            raise forms.ValidationError(
                _("A choice may be at most %(n)d characters long.") % {"n": OPTION_MAX_LENGTH}
            )
        return lines

    def clean(self):
        data = super().clean()
        if data.get("kind") in CfpQuestion.CHOICE_KINDS:
            options = data.get("options") or []
            if len(options) < 2:
                self.add_error("options", _("Give at least two choices, one per line."))
            elif len(set(options)) != len(options):
                self.add_error("options", _("Each choice may be given once only."))
        return data

    def question_fields(self) -> dict:
        """The cleaned values the services take (the version travels separately)."""
        data = self.cleaned_data
        return {
            "text": data["text"],
            "help_text": data["help_text"],
            "kind": data["kind"],
            "options": data["options"],
            "required": data["required"],
            "formats": data["formats"],
            "tracks": list(data["tracks"]),
            "active": data["active"],
        }


def _answer_field(question: CfpQuestion) -> forms.Field:
    """The form field of one question, never required here: AnswersForm.clean() asks for the
    required ones only when they are in scope."""
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    kind = CfpQuestion.Kind
    if question.kind == kind.LONG_TEXT:
        return forms.CharField(
            max_length=LONG_ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}), **common
        )
    if question.kind == kind.CHOICE:
        return forms.ChoiceField(
            choices=[("", "---------"), *((o, o) for o in question.options)], **common
        )
    if question.kind == kind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=[(o, o) for o in question.options],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if question.kind == kind.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect, **common
        )
    if question.kind == kind.URL:
        return forms.URLField(
            max_length=URL_ANSWER_MAX_LENGTH,
            assume_scheme="https",
            validators=[URLValidator(schemes=["http", "https"])],
            **common,
        )
    return forms.CharField(max_length=TEXT_ANSWER_MAX_LENGTH, **common)


def _to_value(question: CfpQuestion, cleaned):
    """A cleaned field value as Answer.value stores it (None: no answer)."""
    if question.kind == CfpQuestion.Kind.YES_NO:
        return {YES: True, NO: False}.get(cleaned)
    if question.kind == CfpQuestion.Kind.MULTIPLE_CHOICE:
        # In the question's order, whatever order the browser sent them in.
        return [option for option in question.options if option in (cleaned or [])] or None
    if isinstance(cleaned, str):
        cleaned = cleaned.strip()
    return cleaned or None


def _to_initial(question: CfpQuestion, value):
    if question.kind == CfpQuestion.Kind.YES_NO:
        return {True: YES, False: NO}.get(value)
    return value


class AnswersForm(forms.Form):
    """The answers to the conference's asked questions, one field `question_<id>` each.

    Bound to the same POST as the submission form: the question's scope is read from the
    format (and track, if the form ever has one) that the speaker sent; otherwise from the
    submission's track or suggested track.
    """

    def __init__(self, *args, questions, submission=None, **kwargs):
        initial = {}
        if submission is not None and submission.pk:
            stored = {a.question_id: a.value for a in submission.cfp_answers.all()}
            initial = {
                f"question_{q.pk}": _to_initial(q, stored[q.pk])
                for q in questions
                if q.pk in stored
            }
        super().__init__(*args, initial=initial, **kwargs)
        self.questions = list(questions)
        self.submission = submission
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = _answer_field(question)

    def rows(self):
        """(question, bound field, its scope for the page's script) for the template.

        Every format's questions are there (the script shows the chosen format's); of the
        questions limited to tracks only those of the submission's track, which speakers do
        not choose on this form.
        """
        _fmt, track_id = self.scope()
        return [
            (
                question,
                self[f"question_{question.pk}"],
                ",".join(question.formats),
                "" if question.all_tracks else ",".join(str(i) for i in sorted(question.track_ids)),
            )
            for question in self.questions
            if question.asks_track(track_id, question.track_ids)
        ]

    @property
    def has_rows(self) -> bool:
        return bool(self.rows())

    def scope(self) -> tuple[str, int | None]:
        """(format, track id) the questions are asked for, from the POST or the submission."""
        data = self.data if self.is_bound else {}
        fmt = data.get("format") or (self.submission.format if self.submission else "")
        track_id = self.submission.review_track_id if self.submission else None
        if "track" in data:
            try:
                track_id = int(data["track"])
            except (TypeError, ValueError):
                track_id = None
        return fmt, track_id

    def in_scope(self) -> list[CfpQuestion]:
        fmt, track_id = self.scope()
        return [q for q in self.questions if is_in_scope(q, fmt=fmt, track_id=track_id)]

    def clean(self):
        data = super().clean()
        for question in self.in_scope():
            name = f"question_{question.pk}"
            if question.required and name not in self.errors and not data.get(name):
                self.add_error(name, _("This question is required."))
        return data

    def answers(self) -> dict[CfpQuestion, object]:
        """{question: value} for the questions in scope (None: no answer)."""
        return {q: _to_value(q, self.cleaned_data.get(f"question_{q.pk}")) for q in self.in_scope()}
