"""A person deletes their own account: it is anonymised and closed, never deleted.

Deleting the user row would take other people's work with it (a talk they share with
co-speakers, its slot in the schedule, reviews, history), so the row stays under a
placeholder name and everything personal about it goes.
"""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from conference.enums import Role
from conference.models import ApiToken, Conference, Membership

DELETED_NAME = gettext_lazy("deleted user")


def deleted_username(user) -> str:
    return f"deleted-user-{user.pk}"


@transaction.atomic
def anonymise_user(*, user) -> None:
    """Close `user`'s account and strip what identifies them; their work stays for others.

    Raises ValidationError if they are the last organiser of a conference (the team would be
    locked out). Kept: submissions (co-speakers keep the talk, the speaker shows as "deleted
    user"), schedule items, reviews, history entries, registrations (the organisers' record).
    Side effects: username, name and e-mail replaced, password unusable (every session of
    theirs fails its hash check on its next request), is_active/is_staff/is_superuser off;
    API tokens revoked; team memberships removed; speaker profile's text and photo cleared;
    favourites, calendar feed and speaker availability deleted.
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
