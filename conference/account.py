"""A person's account: its page (address, password, tokens), logging in, resetting the
password, confirming the e-mail address (conference/account_email.py), and deleting it.

A person deletes their own account: it is anonymised and closed, never deleted. Deleting the
user row would take other people's work with it (a talk they share with co-speakers, its slot
in the schedule, reviews, history), so the row stays under a placeholder name and everything
personal about it goes.
"""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from conference import account_email
from conference.enums import Role
from conference.forms import EmailChangeForm, LoginForm, QueuedPasswordResetForm
from conference.models import AccountEmail, ApiToken, Conference, Membership
from conference.signals import user_anonymised

DELETED_NAME = gettext_lazy("deleted user")


def deleted_username(user) -> str:
    return f"deleted-user-{user.pk}"


@transaction.atomic
def anonymise_user(*, user) -> None:
    """Close `user`'s account and strip what identifies them; their work stays for others.

    Raises ValidationError if they are the last organiser of a conference (the team would be
    locked out). Kept: submissions (co-speakers keep the talk, the speaker shows as "deleted
    user"), schedule items, reviews, history entries, registrations (the organisers' record).
    Side effects: username, name and e-mail replaced (its AccountEmail deleted), password
    unusable (every session of theirs fails its hash check on its next request),
    is_active/is_staff/is_superuser off; API tokens revoked; team memberships removed; speaker
    profile's text and photo cleared; favourites, calendar feed and speaker availability
    deleted; user_anonymised sent (talks' search columns forget the name).
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    # Conference rows locked as remove_member does: two last organisers cannot both leave.
    conferences = list(
        Conference.objects.select_for_update().filter(
            memberships__user=user, memberships__role=Role.ORGANISER
        )
    )
    alone = [
        conference.name
        for conference in conferences
        if not conference.memberships.filter(role=Role.ORGANISER).exclude(user=user).exists()
    ]
    if alone:
        raise ValidationError(
            _("You are the last organiser of %(conferences)s: make another person one first.")
            % {"conferences": ", ".join(alone)},
            code="last_organiser",
        )
    Membership.objects.filter(user=user).delete()
    AccountEmail.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())

    # The event domain imports nothing of talks or scheduling: their models by name.
    profile = apps.get_model("talks", "SpeakerProfile").objects.filter(user=user).first()
    if profile is not None:
        if profile.photo:
            profile.photo.delete(save=False)
        profile.name = str(DELETED_NAME)
        profile.bio = profile.affiliation = profile.links = ""
        profile.photo = ""
        profile.version += 1
        profile.save()
    for model in ("Favourite", "CalendarFeed", "SpeakerAvailability"):
        apps.get_model("scheduling", model).objects.filter(user=user).delete()

    user.username = deleted_username(user)
    user.first_name = str(DELETED_NAME)
    user.last_name = ""
    user.email = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.save()
    # Whatever still holds the old name elsewhere (talks' folded search columns) forgets it.
    user_anonymised.send(sender=anonymise_user, user_id=user.pk)


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(gettext_lazy("That is not your password."), code="password")
        return password


@never_cache
@login_required
def account_delete(request):
    """GET: what deleting the account does; POST with the password: anonymise and log out."""
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            anonymise_user(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Your account is deleted."))
            return redirect("home")
    return render(
        request,
        "conference/account_delete.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# The account page -------------------------------------------------------------------------


def _account_page(request, *, email_form=None, status=200):
    state = AccountEmail.objects.filter(user=request.user).first()
    return render(
        request,
        "conference/account.html",
        {
            "email_form": email_form or EmailChangeForm(user=request.user),
            "confirmed": state is None or state.confirms(request.user.email),
            "pending_email": state.pending_email if state else "",
            "days": account_email.CONFIRM_MAX_AGE.days,
        },
        status=status,
    )


@never_cache
@login_required
def account_settings(request):
    """The person's address (confirmed or not, a new one waiting), and links to the password,
    API tokens and deletion pages."""
    return _account_page(request)


@require_POST
@login_required
def email_change(request):
    """Ask for a new address (with the password): its link goes to it; nothing changes yet."""
    form = EmailChangeForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            account_email.request_email_change(user=request.user, email=form.cleaned_data["email"])
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _(
                    "We sent a link to %(email)s. Your address changes when you follow it "
                    "(within %(days)d days); until then mail goes to %(old)s."
                )
                % {
                    "email": form.cleaned_data["email"],
                    "days": account_email.CONFIRM_MAX_AGE.days,
                    "old": request.user.email,
                },
            )
            return redirect("account")
    return _account_page(request, email_form=form, status=400)


@require_POST
@login_required
def email_change_cancel(request):
    account_email.cancel_email_change(user=request.user)
    messages.success(request, _("The new address is forgotten; its link no longer works."))
    return redirect("account")


@require_POST
@login_required
def email_confirm_send(request):
    """Send the confirmation link again: for the account's address, or with address=new for
    the new address it asked for."""
    outcome = account_email.send_link_again(
        user=request.user, new_address=request.POST.get("address") == "new"
    )
    if outcome == "sent":
        messages.success(request, _("A new link is on its way."))
    elif outcome == "wait":
        messages.warning(request, _("A link went out a moment ago: wait a minute for it."))
    else:
        messages.warning(request, _("No address of yours waits for confirmation."))
    return redirect("account")


@never_cache
def email_confirm(request, token):
    """The link from a confirmation mail; it works without logging in (another device)."""
    try:
        confirmed = account_email.confirm_email(token=token)
    except account_email.LinkError as error:
        return render(
            request,
            "conference/account_email_confirm.html",
            {"error": str(error)},
            status=400,
        )
    return render(
        request, "conference/account_email_confirm.html", {"confirmed": confirmed}, status=200
    )


# Logging in and passwords -----------------------------------------------------------------


class LoginView(auth_views.LoginView):
    """Log in by user name or e-mail; an unconfirmed address is a reminder, not a lock."""

    form_class = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if not account_email.email_is_confirmed(user=user):
            messages.warning(
                self.request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("Please confirm your address %(email)s: follow the link we sent to it.")
                    % {"email": user.email},
                    reverse("account"),
                    _("Send the link again"),
                ),
            )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset; the mail goes through the outbox (QueuedPasswordResetForm)."""

    form_class = QueuedPasswordResetForm
    email_template_name = "registration/email/password_reset.txt"
    subject_template_name = "registration/email/password_reset_subject.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # The link reached the account's address: that confirms it as well.
        account_email.mark_confirmed(user=form.user)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response
