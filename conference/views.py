"""Public conference pages and account sign-up."""

from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from conference.access import conference_view
from conference.account_email import CONFIRM_MAX_AGE, start_confirmation
from conference.forms import SignUpForm
from conference.rules import is_organiser, is_team_member
from conference.selectors import conference_list, track_list


def home(request):
    return render(request, "conference/home.html", {"conferences": conference_list()})


@conference_view()
def conference_detail(request, conference):
    return render(
        request,
        "conference/detail.html",
        {
            "conference": conference,
            "tracks": track_list(conference=conference),
            "is_team_member": is_team_member(request.user, conference),
            "is_organiser": is_organiser(request.user, conference),
        },
    )


def signup(request):
    # An invitation link sends people here with ?next=; only our own paths are followed.
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            start_confirmation(user=user)
        login(request, user, backend="conference.auth_backends.EmailOrUsernameBackend")
        messages.success(
            request,
            _(
                "Welcome! Your account is ready. We sent a link to %(email)s: follow it within "
                "%(days)d days to confirm your address."
            )
            % {"email": user.email, "days": CONFIRM_MAX_AGE.days},
        )
        return redirect(next_url or "home")
    return render(request, "registration/signup.html", {"form": form, "next": next_url})
