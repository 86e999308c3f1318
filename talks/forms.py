from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from conference.models import Track
from talks.enums import SENT_IN_CHOICES, Format, Language, Level, MailKind, State, TextLanguage
from talks.mail import PLACEHOLDERS, validate_placeholders
from talks.models import CfpSettings, MailTemplate, SpeakerProfile, Submission
from talks.models.cfp import (
    MAIL_BODY_MAX_LENGTH,
    MAIL_SUBJECT_MAX_LENGTH,
    MAX_DURATION,
    MIN_DURATION,
)
from talks.models.review import SCORE_MAX, SCORE_MIN
from talks.models.speaker import PHOTO_MAX_BYTES


class VersionField(forms.IntegerField):
    """The version of the row when the form was loaded: a newer one means a concurrent edit."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=0, **kwargs)


class SubmissionForm(forms.ModelForm):
    duration = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=MIN_DURATION,
        max_value=MAX_DURATION,
        required=False,
        help_text=_("Leave empty for the format's usual length."),
    )
    # Not a model field of the form: "" (detect) is no value of Submission.text_language; the
    # services turn it into the detected language (talks.services.submissions).
    text_language = forms.ChoiceField(
        label=_("Language of the title and abstract"),
        choices=[("", _("Detect it from the text")), *TextLanguage.choices],
        required=False,
        help_text=_("Suggestions of a track and the e-mails you get follow this language."),
    )
    version = VersionField(required=False)

    class Meta:
        model = Submission
        fields = ["title", "abstract", "format", "duration", "level", "language"]
        widgets = {"abstract": forms.Textarea(attrs={"rows": 10})}
        # Beside text_language: the one the talk is given in, the other the one it is written in.
        labels = {"language": _("Language of the talk")}

    def __init__(self, *args, cfp: CfpSettings, **kwargs):
        super().__init__(*args, **kwargs)
        self.cfp = cfp
        formats = [(f.value, f.label) for f in cfp.enabled_formats]
        if self.instance.pk and self.instance.format not in dict(formats):
            formats.append((self.instance.format, self.instance.get_format_display()))
        self.fields["format"].choices = [("", "---------"), *formats]
        self.fields["format"].widget.attrs["data-durations"] = ",".join(
            f"{value}:{cfp.duration_for(value)}" for value, _label in formats
        )
        levels = [(v, Level(v).label) for v in cfp.levels]
        languages = [(v, Language(v).label) for v in cfp.languages]
        self._limit_choices("level", levels)
        self._limit_choices("language", languages)
        if self.instance.text_language_by_speaker:
            self.fields["text_language"].initial = self.instance.text_language
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]

    def _limit_choices(self, name: str, choices: list) -> None:
        if not choices:
            del self.fields[name]
            return
        self.fields[name].choices = [("", "---------"), *choices]
        self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if not data.get("duration") and data.get("format"):
            data["duration"] = self.cfp.duration_for(data["format"])
        return data

    def submission_fields(self) -> dict:
        """The cleaned values the services take (the version travels separately)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "version" and name in self.fields
        }


class TrackChoiceForm(forms.Form):
    track = forms.ModelChoiceField(queryset=Track.objects.none(), label=_("Track"))

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = conference.tracks.all()


class CfpSettingsForm(forms.Form):
    cfp_opens_at = forms.DateTimeField(
        label=_("Call for papers opens"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the conference's time zone."),
    )
    cfp_closes_at = forms.DateTimeField(
        label=_("Call for papers closes"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the conference's time zone."),
    )
    levels = forms.MultipleChoiceField(
        label=_("Levels"),
        choices=Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    max_submissions_per_speaker = forms.IntegerField(
        label=_("Most submissions per speaker"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Empty: no limit."),
    )
    anonymised_review = forms.BooleanField(
        label=_("Anonymised review"),
        required=False,
        help_text=_("Reviewers see no speaker names or profiles."),
    )
    auto_assign_threshold = forms.IntegerField(
        label=_("Set the suggested track automatically from (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_(
            "A suggestion at least this confident becomes the track at once (still shown as "
            "automatic, still confirmable). Empty: never."
        ),
    )
    text = forms.CharField(
        label=_("Call for papers text"),
        max_length=MAIL_BODY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown above the facts of the call on the conference page."),
    )
    text_zh = forms.CharField(
        label=_("Call for papers text in Chinese"),
        max_length=MAIL_BODY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown on Chinese pages; empty: the English text."),
    )
    version = VersionField()

    def __init__(self, *args, cfp: CfpSettings, conference, **kwargs):
        initial = {
            "text": cfp.text,
            "text_zh": cfp.text_zh,
            "cfp_opens_at": conference.cfp_opens_at,
            "cfp_closes_at": conference.cfp_closes_at,
            "levels": cfp.levels,
            "languages": cfp.languages,
            "max_submissions_per_speaker": cfp.max_submissions_per_speaker,
            "anonymised_review": cfp.anonymised_review,
            "auto_assign_threshold": (
                None
                if cfp.auto_assign_threshold is None
                else round(cfp.auto_assign_threshold * 100)
            ),
            "version": cfp.version,
        }
        for fmt in Format:
            entry = cfp.formats.get(fmt.value, {})
            initial[f"format_{fmt.value}"] = bool(entry.get("enabled"))
            initial[f"duration_{fmt.value}"] = cfp.duration_for(fmt.value)
        super().__init__(*args, initial=initial, **kwargs)
        for fmt in Format:
            self.fields[f"format_{fmt.value}"] = forms.BooleanField(label=fmt.label, required=False)
            self.fields[f"duration_{fmt.value}"] = forms.IntegerField(
                label=_("%(format)s: minutes") % {"format": fmt.label},
                min_value=MIN_DURATION,
                max_value=MAX_DURATION,
            )

    def format_rows(self):
        return [(self[f"format_{f.value}"], self[f"duration_{f.value}"]) for f in Format]

    def clean(self):
        data = super().clean()
        if not any(data.get(f"format_{fmt.value}") for fmt in Format):
            raise forms.ValidationError(_("Enable at least one format."))
        return data

    def settings_values(self) -> dict:
        data = self.cleaned_data
        threshold = data["auto_assign_threshold"]
        return {
            "cfp_opens_at": data["cfp_opens_at"],
            "cfp_closes_at": data["cfp_closes_at"],
            "formats": {
                fmt.value: {
                    "enabled": data[f"format_{fmt.value}"],
                    "duration": data[f"duration_{fmt.value}"],
                }
                for fmt in Format
            },
            "levels": data["levels"],
            "languages": data["languages"],
            "max_submissions_per_speaker": data["max_submissions_per_speaker"],
            "anonymised_review": data["anonymised_review"],
            "auto_assign_threshold": None if threshold is None else threshold / 100,
            "text": data["text"],
            "text_zh": data["text_zh"],
        }


class MailTemplateForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"), max_length=MAIL_SUBJECT_MAX_LENGTH, required=False
    )
    body = forms.CharField(
        label=_("Body"),
        max_length=MAIL_BODY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Empty subject and body: the built-in text."),
    )
    subject_zh = forms.CharField(
        label=_("Subject in Chinese"), max_length=MAIL_SUBJECT_MAX_LENGTH, required=False
    )
    body_zh = forms.CharField(
        label=_("Body in Chinese"),
        max_length=MAIL_BODY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Sent to speakers whose abstract is in Chinese; empty: they get the English text."
        ),
    )
    delivery = forms.ChoiceField(
        label=_("Delivery"),
        choices=MailTemplate.Delivery.choices,
        initial=MailTemplate.Delivery.SEND,
        widget=forms.RadioSelect,
        # Not sent at all (an older page): the saved choice stays as it is.
        required=False,
        help_text=_("Held e-mails wait in the outbox until an organiser sends or discards them."),
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, prefix=kind.replace(".", "-"), **kwargs)
        self.kind = kind
        self.label = MailKind(kind).label
        self.placeholders = [("{" + name + "}", help) for name, help in PLACEHOLDERS[kind].items()]

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        validate_placeholders(kind=self.kind, text=subject)
        return subject

    def clean_body(self):
        body = self.cleaned_data["body"]
        validate_placeholders(kind=self.kind, text=body)
        return body

    def clean_subject_zh(self):
        subject = self.cleaned_data["subject_zh"]
        validate_placeholders(kind=self.kind, text=subject)
        return subject

    def clean_body_zh(self):
        body = self.cleaned_data["body_zh"]
        validate_placeholders(kind=self.kind, text=body)
        return body

    def wording(self) -> tuple[str, str, str, str]:
        """(subject, body, subject_zh, body_zh) as the services take them."""
        data = self.cleaned_data
        return data["subject"], data["body"], data["subject_zh"], data["body_zh"]


class SpeakerProfileForm(forms.ModelForm):
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
        help_text=_("JPEG, PNG, GIF or WebP, at most 2 MB."),
    )
    version = VersionField(required=False)

    class Meta:
        model = SpeakerProfile
        fields = ["name", "affiliation", "bio", "photo", "links"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"links": _("One http(s) address a line: a web site, a profile.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and getattr(photo, "size", 0) > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The photo must be 2 MB or smaller."))
        return photo

    def profile_fields(self) -> dict:
        data = self.cleaned_data
        photo = data.get("photo")
        if photo is not False and not isinstance(photo, UploadedFile):
            photo = None  # unchanged
        return {
            "name": data["name"],
            "affiliation": data["affiliation"],
            "bio": data["bio"],
            "links": data["links"],
            "photo": photo,
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Co-speaker's e-mail"))


def _track_filter() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Track.objects.none(), required=False, empty_label=_("Any track"), label=_("Track")
    )


def _state_filter() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("State"), choices=[("", _("Any state")), *SENT_IN_CHOICES], required=False
    )


class ConferenceTracksForm(forms.Form):
    """A form whose `track` field offers the conference's tracks, already loaded (no query)."""

    def __init__(self, *args, conference, tracks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = conference.tracks.all()
        use_loaded_choices(self.fields["track"], tracks)


class FilterForm(ConferenceTracksForm):
    """Filters of a team list: filters() gives the selector's keyword arguments. Its element
    ids start with "filter-", so that the page's other forms can use the same field names."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Title, abstract or speaker; case and accents ignored."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {**self.filter_values(self.cleaned_data), "search": self.cleaned_data["q"]}

    def filter_values(self, data: dict) -> dict:
        raise NotImplementedError


class QueueFilterForm(FilterForm):
    DECISIONS = [
        ("", _("Any decision")),
        ("pending", _("Waiting for a person")),
        ("auto", _("Set automatically")),
        ("decided", _("Decided by a person")),
    ]
    track = _track_filter()
    min_confidence = forms.IntegerField(
        label=_("Confidence from (%)"), min_value=0, max_value=100, required=False
    )
    max_confidence = forms.IntegerField(
        label=_("to (%)"), min_value=0, max_value=100, required=False
    )
    state = _state_filter()
    decision = forms.ChoiceField(label=_("Track decision"), choices=DECISIONS, required=False)

    def filter_values(self, data: dict) -> dict:
        return {
            "track": data["track"],
            "min_confidence": _fraction(data["min_confidence"]),
            "max_confidence": _fraction(data["max_confidence"]),
            "state": data["state"],
            "decision": data["decision"],
        }


class IdListField(forms.CharField):
    """Submission ids as one comma-separated value: a confirmation step carries hundreds of
    them without nearing DATA_UPLOAD_MAX_NUMBER_FIELDS."""

    widget = forms.HiddenInput
    MAX_IDS = 10_000

    def to_python(self, value) -> list[int]:
        value = super().to_python(value)
        if not value:
            return []
        try:
            ids = sorted({int(part) for part in value.split(",")})
        except ValueError:
            raise forms.ValidationError(_("The list of submissions is not valid.")) from None
        if len(ids) > self.MAX_IDS:
            raise forms.ValidationError(_("Too many submissions at once."))
        return ids


class BulkConfirmForm(ConferenceTracksForm):
    """The queue's bulk confirmation; `ids` come with the confirmation step (what it counted)."""

    min_confidence = forms.IntegerField(
        label=_("Confirm every undecided suggestion from (%)"), min_value=0, max_value=100
    )
    track = forms.ModelChoiceField(
        queryset=Track.objects.none(),
        required=False,
        empty_label=_("in any track"),
        label=_("Only in track"),
    )
    ids = IdListField(required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)


class ReviewFilterForm(FilterForm):
    SORT_CHOICES = [
        ("newest", _("Newest first")),
        ("oldest", _("Oldest first")),
        ("score", _("Best mean score first")),
        ("score_asc", _("Worst mean score first")),
        ("median", _("Best median first")),
        ("median_asc", _("Worst median first")),
        ("reviews", _("Most reviews first")),
        ("reviews_asc", _("Fewest reviews first")),
        ("title", _("Title")),
    ]
    track = _track_filter()
    state = _state_filter()
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("Any format")), *Format.choices], required=False
    )
    min_score = forms.DecimalField(
        label=_("Mean score from"), min_value=SCORE_MIN, max_value=SCORE_MAX, required=False
    )
    max_score = forms.DecimalField(
        label=_("to"), min_value=SCORE_MIN, max_value=SCORE_MAX, required=False
    )
    assigned = forms.ChoiceField(
        label=_("Assigned"),
        choices=[
            ("", _("To anybody or nobody")),
            ("me", _("Assigned to me")),
            ("me_todo", _("Assigned to me, not reviewed yet")),
        ],
        required=False,
    )
    sort = forms.ChoiceField(label=_("Sort"), choices=SORT_CHOICES, required=False)

    def filter_values(self, data: dict) -> dict:
        return {
            "track": data["track"],
            "state": data["state"],
            "format": data["format"],
            "assigned": data["assigned"],
            "min_score": None if data["min_score"] is None else float(data["min_score"]),
            "max_score": None if data["max_score"] is None else float(data["max_score"]),
            "sort": data["sort"] or "newest",
        }


class BulkDecisionForm(forms.Form):
    """Accept or reject the ticked submissions, or every one matching the list's filters
    (`select_all` with `filters`, the list's query); the confirmation step sends back the `ids`
    it counted."""

    ACTIONS = [(State.ACCEPTED, _("Accept")), (State.REJECTED, _("Reject"))]
    submissions = forms.ModelMultipleChoiceField(
        queryset=Submission.objects.none(), label=_("Submissions"), required=False
    )
    select_all = forms.BooleanField(label=_("Every submission matching"), required=False)
    ids = IdListField(required=False)
    filters = forms.CharField(required=False, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=ACTIONS, label=_("Decision"))

    def __init__(self, *args, conference, **kwargs):
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)
        self.fields["submissions"].queryset = conference.submissions.sent_in().order_by("pk")

    def clean(self):
        data = super().clean()
        if "submissions" in self.errors or "ids" in self.errors:
            return data
        if not (data.get("submissions") or data.get("select_all") or data.get("ids")):
            raise forms.ValidationError(_("Tick at least one submission."))
        return data


class ReviewerTracksForm(forms.Form):
    all_tracks = forms.BooleanField(
        required=False,
        label=_("Every track"),
        help_text=_("Off: only the tracks ticked below; with none ticked, no submissions."),
    )
    tracks = forms.ModelMultipleChoiceField(
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Tracks"),
    )

    def __init__(self, *args, conference, tracks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tracks"].queryset = conference.tracks.all()
        if tracks is not None:
            self.fields["tracks"].choices = [(track.pk, str(track)) for track in tracks]


def use_loaded_choices(field: forms.ModelChoiceField, objects) -> None:
    """Render the choices from objects the page loaded already, not with one more query each."""
    field.choices = [("", field.empty_label), *((obj.pk, str(obj)) for obj in objects)]


def _fraction(percent: int | None) -> float | None:
    return None if percent is None else percent / 100
