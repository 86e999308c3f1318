from django import forms
from django.utils.translation import gettext_lazy as _

from modeldemo.enums import Kind


class TrainForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.MLP)
    datasets = forms.MultipleChoiceField(
        label=_("Imported data sets"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("This conference's reviewed tracks are always used."),
    )
    epochs = forms.IntegerField(
        label=_("Epochs"),
        min_value=1,
        max_value=200,
        required=False,
        widget=forms.NumberInput(attrs={"placeholder": _("bert 3, mlp 100")}),
    )
    max_length = forms.IntegerField(
        label=_("Max tokens (bert)"),
        min_value=16,
        max_value=512,
        required=False,
        widget=forms.NumberInput(attrs={"placeholder": "256"}),
    )
    tfidf_weight = forms.FloatField(
        label=_("TF-IDF share (bert)"),
        min_value=0.0,
        max_value=1.0,
        required=False,
        help_text=_("Weight of a TF-IDF model blended with BERT; 0 = BERT alone."),
        widget=forms.NumberInput(attrs={"step": "0.05", "placeholder": "0.5"}),
    )

    def __init__(self, *args, datasets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datasets"].choices = [
            (row["dataset"], f"{row['dataset']} ({row['count']})") for row in datasets
        ]


class ExamplesUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (JSONL, CSV, schedule.xml or schedule.json)"),
        help_text=_(
            "A frab/pretalx schedule.xml, a schedule.json or c3voc submission JSON gives one "
            "example per talk: its title and abstract, labelled with its track."
        ),
    )
    dataset = forms.CharField(
        label=_("Data set name"),
        max_length=200,
        required=False,
        help_text=_("Default: the file name."),
    )
    text_fields = forms.CharField(label=_("Text fields"), initial="title,abstract", max_length=200)
    label_field = forms.CharField(label=_("Label field"), initial="label", max_length=100)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("auto", _("by the file name")),
            ("jsonl", "JSONL"),
            ("csv", "CSV"),
            ("schedule", _("schedule (XML or JSON)")),
        ],
        initial="auto",
    )


class LabelMappingForm(forms.Form):
    """One choice per source label: a track, or "ignore" (empty)."""

    def __init__(self, *args, proposals, tracks, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = list(proposals)
        choices = [("", _("ignore"))] + [(name, name) for name in tracks]
        for i, proposal in enumerate(self.proposals):
            initial = current.get(proposal.label, proposal.track) if current else proposal.track
            self.fields[f"label_{i}"] = forms.ChoiceField(
                label=proposal.label, choices=choices, required=False, initial=initial or ""
            )

    def mapping(self, *, accept_all: bool) -> dict:
        if accept_all:
            return {p.label: p.track for p in self.proposals}
        return {
            p.label: self.cleaned_data.get(f"label_{i}") or None
            for i, p in enumerate(self.proposals)
        }
