"""Speakers say when they can give their talks."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from conference.access import conference_view
from scheduling import selectors, services
from scheduling.forms import AvailabilityFormSet
from scheduling.rules import can_enter_availability


@conference_view(can_enter_availability)
def availability(request, conference):
    initial = [
        {
            "day": row["date"].isoformat(),
            "starts_at": row["starts_at"],
            "ends_at": row["ends_at"],
            "preferred": row["preferred"],
        }
        for row in selectors.availability_windows_local(user=request.user, conference=conference)
    ]
    formset = AvailabilityFormSet(
        request.POST or None, initial=initial, form_kwargs={"conference": conference}
    )
    if request.method == "POST" and formset.is_valid():
        windows = [
            (
                date.fromisoformat(form.cleaned_data["day"]),
                form.cleaned_data["starts_at"],
                form.cleaned_data["ends_at"],
                form.cleaned_data.get("preferred", False),
            )
            for form in formset
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            services.save_speaker_availability(
                conference=conference, user=request.user, windows=windows
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: your availability is saved."))
            return redirect("scheduling:availability", conference.slug)
    return render(
        request,
        "scheduling/availability.html",
        {"conference": conference, "formset": formset, "saved": bool(initial)},
    )
