from django import forms
from django.utils.translation import gettext_lazy as _

from conference.models import Question, Registration, TicketType

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def question_field_name(question: Question) -> str:
    return f"question_{question.pk}"


class ListedTicketChoiceField(forms.ModelChoiceField):
    """A ticket type from the list the page already fetched: no query to check the choice."""

    listed: dict[str, TicketType] = {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        ticket_type = self.listed.get(str(value))
        if ticket_type is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return ticket_type


class RegistrationForm(forms.Form):
    """Name, e-mail, organisation, a ticket type, and the organisers' questions."""

    ticket_type = ListedTicketChoiceField(
        queryset=TicketType.objects.none(),
        label=_("Ticket"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "invalid_choice": _("This ticket type is not available."),
            "required": _("Choose a ticket."),
        },
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)

    def __init__(self, *args, ticket_types: list[TicketType], questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        field = self.fields["ticket_type"]
        field.queryset = TicketType.objects.filter(pk__in=[t.pk for t in ticket_types])
        # Label each choice from the list already fetched (with its seats left): no extra query.
        field.choices = [(t.pk, t.name) for t in ticket_types]
        field.listed = {str(t.pk): t for t in ticket_types}
        for question in questions:
            self.fields[question_field_name(question)] = self._question_field(question)

    @staticmethod
    def _question_field(question: Question) -> forms.Field:
        options = {
            "label": question.label,
            "required": question.required,
            "help_text": question.help_text,
        }
        if question.kind == Question.Kind.CHOICE:
            choices = [(choice, choice) for choice in question.choice_list]
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **options)
        if question.kind == Question.Kind.YES_NO:
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **options)
        return forms.CharField(max_length=1000, **options)

    def answers(self) -> dict[Question, str]:
        return {
            question: self.cleaned_data.get(question_field_name(question)) or ""
            for question in self.questions
        }


class NameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=64,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "characters"}
        ),
    )


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or code"), max_length=200, required=False)


class AttendeeFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("All"))] + list(Registration.State.choices),
        required=False,
    )
    q = forms.CharField(label=_("Name, e-mail or code"), max_length=200, required=False)
