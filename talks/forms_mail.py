"""The organisers' form for writing one e-mail to a group (talks/views/compose.py)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from conference.models import Conference
from talks.models.cfp import MAIL_BODY_MAX_LENGTH
from talks.services import compose

HOLD, SEND = "hold", "send"


class ComposeForm(forms.Form):
    group = forms.ChoiceField(label=_("To"))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Body"),
        max_length=MAIL_BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    delivery = forms.ChoiceField(
        label=_("Then"),
        choices=[
            (HOLD, _("Hold them in the outbox, to review and send from there")),
            (SEND, _("Send them now (spread at the mail rate)")),
        ],
        initial=HOLD,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, conference: Conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["group"].choices = compose.group_choices(conference=conference)

    def clean(self):
        cleaned = super().clean()
        if "group" not in cleaned:
            return cleaned
        cleaned["group"] = compose.group_of(conference=self.conference, value=cleaned["group"])
        for name in ("subject", "body"):
            if name in cleaned:
                try:
                    compose.validate_group_text(group=cleaned["group"], text=cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned
