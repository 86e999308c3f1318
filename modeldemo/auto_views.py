"""The organiser's target precision for automatic track assignment (a form on a version's page)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.rules import is_organiser
from modeldemo import auto_assign


@conference_view(is_organiser)
@require_POST
def auto_assign_target(request, conference):
    if request.POST.get("action") == "off":
        auto_assign.clear_target(conference=conference, user=request.user)
        messages.success(request, _("Tracks are no longer set automatically."))
    else:
        try:
            target = float(request.POST.get("target", ""))
        except ValueError:
            messages.error(request, _("Enter the target precision as a number from 0.5 to 1."))
            return _back(request, conference)
        if not 0.5 <= target <= 1.0:
            messages.error(request, _("Enter the target precision as a number from 0.5 to 1."))
            return _back(request, conference)
        row = auto_assign.set_target(conference=conference, user=request.user, target=target)
        if row.threshold is None:
            messages.warning(
                request,
                _(
                    "No confidence of %(version)s reaches a precision of %(target).0f%% yet: "
                    "tracks are not set automatically until a version does."
                )
                % {"version": row.version.name, "target": target * 100},
            )
        else:
            messages.success(
                request,
                _(
                    "Tracks are now set automatically at confidence ≥ %(threshold).3f "
                    "(precision %(precision).3f, coverage %(coverage).0f%% on %(on)s, "
                    "%(version)s). It is derived again whenever another version is activated."
                )
                % {
                    "threshold": row.threshold,
                    "precision": row.precision,
                    "coverage": row.coverage * 100,
                    "on": row.measured_on,
                    "version": row.version.name,
                },
            )
    return _back(request, conference)


def _back(request, conference):
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("modeldemo:model_list", slug=conference.slug)
