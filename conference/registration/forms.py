from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language
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


# The unbound registration form's fields as HTML, per process (see unbound_fields_html).
_UNBOUND_FIELDS_HTML: dict[tuple, str] = {}
UNBOUND_FIELDS_KEPT = 64


def unbound_fields_html(form: RegistrationForm) -> str:
    """`_form_fields.html` of an unbound registration form, rendered once per process for each
    language, set of fields and initial choice.

    Rendering the widgets through Django's form templates was about half of the register page's
    work, for HTML that is the same on every visit: the page's one per-visitor part, the CSRF
    token, is outside the fields. The key holds everything the HTML is made from, so a changed
    ticket type or question makes a new key rather than a stale page. Not kept in DEBUG, where
    templates change while the process runs.
    """
    if settings.DEBUG:
        return render_to_string("_form_fields.html", {"form": form})
    key = (
        get_language(),
        form.auto_id,
        form.prefix,
        tuple(_field_key(form, name, field) for name, field in form.fields.items()),
    )
    html = _UNBOUND_FIELDS_HTML.get(key)
    if html is None:
        html = render_to_string("_form_fields.html", {"form": form})
        if len(_UNBOUND_FIELDS_HTML) >= UNBOUND_FIELDS_KEPT:
            _UNBOUND_FIELDS_HTML.clear()  # e.g. many made-up ?ticket= values
        _UNBOUND_FIELDS_HTML[key] = html
    return html


def _field_key(form: forms.Form, name: str, field: forms.Field) -> tuple:
    return (
        name,
        type(field).__name__,
        type(field.widget).__name__,
        tuple(sorted((k, str(v)) for k, v in field.widget.attrs.items())),
        str(field.label),
        str(field.help_text),
        field.required,
        getattr(field, "max_length", None),
        tuple((str(value), str(label)) for value, label in getattr(field, "choices", ())),
        str(form.get_initial_for_field(field, name)),
    )


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
