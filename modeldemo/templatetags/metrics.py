"""Names of a model version's metrics as people read them (the metrics dict keeps its keys)."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

LABELS = {
    "accuracy": _("Accuracy"),
    "top_3_accuracy": _("Top-3 accuracy"),
    "f1_macro": _("Macro F1"),
    "f1_weighted": _("Weighted F1"),
    "precision_macro": _("Macro precision"),
    "recall_macro": _("Macro recall"),
    "roc_auc_ovr_macro": _("ROC AUC (one-vs-rest, macro)"),
}


@register.filter
def metric_label(key: str) -> str:
    return LABELS.get(key, key)
