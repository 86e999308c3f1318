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
