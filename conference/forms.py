from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conference.account_email import address_is_taken
from conference.auth_backends import email_is_ambiguous
from conference.links import absolute_url
from conference.mail import queue_mail


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("E-mail"))

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email", "first_name", "last_name"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if address_is_taken(email=email):
            raise ValidationError(
                _("An account with this address exists. Log in, or reset its password."),
                code="taken",
            )
        return email


class LoginForm(AuthenticationForm):
    """Django's log-in form, with the user name or the e-mail address in the first field."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That user name or e-mail address and password do not match an account. Both "
            "fields may be case-sensitive."
        ),
        "ambiguous_email": _(
            "More than one account uses this e-mail address: log in with your user name."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name or e-mail")
        self.fields["username"].max_length = 254
        self.fields["username"].widget.attrs["maxlength"] = 254

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and email_is_ambiguous(username):
            raise ValidationError(self.error_messages["ambiguous_email"], code="ambiguous_email")
        return super().clean()


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form; its mail goes to the outbox, with a link built by absolute_url."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        days = settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)
        context = {**context, "link": absolute_url(path), "days": days}
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        queue_mail(
            to=to_email,
            subject=subject,
            body=render_to_string(email_template_name, context),
            kind="account.password_reset",
        )


class EmailChangeForm(forms.Form):
    email = forms.EmailField(label=_("New e-mail address"))
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if email.lower() == self.user.email.lower():
            raise ValidationError(_("This is your address already."), code="same")
        if address_is_taken(email=email, user=self.user):
            raise ValidationError(_("Another account uses this address."), code="taken")
        return email

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your password."), code="password")
        return password
