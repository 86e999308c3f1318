"""The profile page where a person creates and revokes their personal API tokens."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import never_cache

from conference.api.services import create_api_token, revoke_api_token
from conference.models import ApiToken


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("of a thing, not a person", "Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. “programme export script”."),
    )


@never_cache
@login_required
def api_tokens(request):
    """GET: the person's tokens. POST create: a new token, its key shown on this answer only
    (rendered, not redirected, so the key is never stored). POST revoke: revoke one."""
    form = ApiTokenForm()
    new_key = None
    if request.method == "POST" and request.POST.get("action") == "revoke":
        try:
            pk = int(request.POST.get("token", ""))
        except ValueError:
            pk = 0
        if revoke_api_token(user=request.user, pk=pk):
            messages.success(request, _("The token was revoked."))
        return redirect("api_tokens")
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                _token, new_key = create_api_token(
                    user=request.user, name=form.cleaned_data["name"]
                )
                form = ApiTokenForm()
            except ValidationError as error:
                form.add_error(None, error)
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)
    return render(
        request,
        "conference/api_tokens.html",
        {"form": form, "tokens": tokens, "new_key": new_key},
    )
