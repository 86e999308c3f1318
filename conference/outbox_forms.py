"""The outbox page's form: what to do with held messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conference.models import Conference


class HeldMailForm(forms.Form):
    """Send or discard the ticked held messages, or every held one (of one reason: `group`)."""

    SEND_SELECTED = "send_selected"
    DISCARD_SELECTED = "discard_selected"
    SEND_ALL = "send_all"
    DISCARD_ALL = "discard_all"
    SELECTED = (SEND_SELECTED, DISCARD_SELECTED)
    SENDING = (SEND_SELECTED, SEND_ALL)

    action = forms.ChoiceField(
        choices=[
            (SEND_SELECTED, _("Send selected")),
            (DISCARD_SELECTED, _("Discard selected")),
            (SEND_ALL, _("Send all held")),
            (DISCARD_ALL, _("Discard all held")),
        ]
    )
    mail = forms.ModelMultipleChoiceField(queryset=None, required=False)
    # With send_all / discard_all: only the messages held for this reason; empty: all of them.
    group = forms.CharField(required=False, max_length=200, strip=False)
    # The outbox page's query (filters, page), to go back to.
    query = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, conference: Conference, **kwargs):
        super().__init__(*args, **kwargs)
        # Any message of the conference: one released by somebody else meanwhile is skipped by
        # the service and left out of the count, not refused as an unknown choice.
        self.fields["mail"].queryset = conference.outbox.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in self.SELECTED and not cleaned.get("mail"):
            raise forms.ValidationError(_("Tick at least one held e-mail first."), code="none")
        return cleaned
