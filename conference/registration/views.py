"""Attendee pages (register, manage link) and organiser pages (dashboard, attendees, check-in)."""

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.models import Registration
from conference.registration import selectors, services
from conference.registration.charts import bar_chart
from conference.registration.emails import RESEND_MINUTES
from conference.registration.export import write_attendees_csv
from conference.registration.forms import (
    AttendeeFilterForm,
    CheckInCodeForm,
    CheckInSearchForm,
    NameForm,
    RegistrationForm,
    unbound_fields_html,
)
from conference.registration.qr import check_in_qr_svg
from conference.registration.ticket import ticket_filename, ticket_pdf
from conference.rules import is_organiser

# The same words for a new and a known address (the form tells nobody who is registered), and
# true for both: a known address gets its link again, but at most once every RESEND_MINUTES.
REGISTER_SENT = gettext_lazy(
    "Thank you! We have e-mailed you the link to confirm or see your registration. "
    "We send it at most once every %(minutes)s minutes: if you registered a moment ago, "
    "use the e-mail you already have."
)

# Attendee pages ---------------------------------------------------------------------------------


@conference_view()
def register(request, conference):
    # A posted form needs the list only to check the choice; its seat counts are read only if
    # the page is shown again.
    posted = request.method == "POST"
    ticket_types = selectors.ticket_types_for_sale(conference=conference, seats=not posted)
    questions = list(selectors.question_list(conference=conference))
    form = RegistrationForm(
        request.POST or None,
        ticket_types=ticket_types,
        questions=questions,
        initial={"ticket_type": request.GET.get("ticket")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.register(
                conference=conference,
                ticket_type=form.cleaned_data["ticket_type"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                answers=form.answers(),
                questions=questions,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The same answer for a new and a known address, so that the form does not tell
            # anyone who is registered: the e-mail to that address says which it was.
            messages.success(request, REGISTER_SENT % {"minutes": RESEND_MINUTES})
            return redirect("registrations:register_sent", slug=conference.slug)
    if posted:
        ticket_types = selectors.ticket_types_for_sale(conference=conference)
    now = timezone.now()
    return render(
        request,
        "conference/registration/register.html",
        {
            "conference": conference,
            "ticket_types": [
                {"ticket_type": t, "sale_state": t.sale_state(now)} for t in ticket_types
            ],
            "form": form,
            # The fields of a form as yet unfilled are the same HTML on every visit.
            "fields_html": None if form.is_bound else unbound_fields_html(form),
        },
    )


@conference_view()
def register_sent(request, conference):
    return render(request, "conference/registration/sent.html", {"conference": conference})


@never_cache
def manage(request, token):
    registration = selectors.registration_by_token(token=token)
    return _manage_page(request, registration, token, NameForm(initial={"name": registration.name}))


def _manage_page(request, registration, token, name_form, status=200):
    conference = registration.conference
    with timezone.override(conference.tzinfo):
        return render(
            request,
            "conference/registration/manage.html",
            {
                "registration": registration,
                "conference": conference,
                "token": token,
                "name_form": name_form
                if registration.state != Registration.State.CANCELLED
                else None,
                "qr_svg": check_in_qr_svg(registration.check_in_code)
                if registration.holds_seat
                else None,
                "waiting_position": selectors.waiting_position(registration=registration),
                "can_cancel": registration.state in Registration.ACTIVE_STATES
                and registration.state != Registration.State.CHECKED_IN,
            },
            status=status,
        )


@require_POST
def change_name(request, token):
    registration = selectors.registration_by_token(token=token)
    form = NameForm(request.POST)
    if form.is_valid():
        try:
            services.change_registration_name(
                registration=registration, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your name is changed; your ticket shows the new one."))
        return redirect("registrations:manage", token=token)
    return _manage_page(request, registration, token, form, status=400)


@never_cache
def ticket(request, token):
    """The PDF ticket, for a registration that holds a seat."""
    registration = selectors.registration_by_token(token=token)
    if not registration.holds_seat:
        raise Http404(_("This registration holds no seat, so it has no ticket."))
    response = HttpResponse(ticket_pdf(registration=registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{ticket_filename(registration)}"'
    return response


@require_POST
def confirm(request, token):
    registration = selectors.registration_by_token(token=token)
    registration = services.confirm_registration(registration=registration)
    if registration.state == Registration.State.CONFIRMED:
        messages.success(request, _("Your registration is confirmed. See you there!"))
    elif registration.state == Registration.State.WAITLISTED:
        messages.warning(request, _("All seats are taken: you are on the waiting list."))
    return redirect("registrations:manage", token=token)


@require_POST
def cancel(request, token):
    registration = selectors.registration_by_token(token=token)
    try:
        services.cancel_registration(registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("registrations:manage", token=token)


# Organiser pages --------------------------------------------------------------------------------


@conference_view(is_organiser)
def dashboard(request, conference):
    days = selectors.registrations_per_day(conference=conference)
    return render(
        request,
        "conference/registration/dashboard.html",
        {
            "conference": conference,
            "ticket_types": selectors.ticket_type_stats(conference=conference),
            "chart": bar_chart(days),
            "total": sum(day.count for day in days),
        },
    )


@conference_view(is_organiser)
def attendee_list(request, conference):
    form = AttendeeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    registrations = selectors.attendee_list(
        conference=conference, state=filters.get("state", ""), query=filters.get("q", "")
    )
    return render(
        request,
        "conference/registration/attendee_list.html",
        {"conference": conference, "registrations": registrations, "form": form},
    )


@conference_view(is_organiser)
def attendee_export(request, conference):
    out = io.StringIO()
    write_attendees_csv(
        out=out,
        conference=conference,
        registrations=selectors.attendees_with_answers(conference=conference),
        questions=list(selectors.question_list(conference=conference)),
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{conference.slug}-attendees.csv"'
    return response


@conference_view(is_organiser)
def check_in(request, conference):
    search = CheckInSearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    if request.method == "POST":
        form = CheckInCodeForm(request.POST)
        if form.is_valid():
            code = services.normalise_code(form.cleaned_data["code"])
            registration = selectors.registration_by_code(conference=conference, code=code)
            if registration is None:
                messages.error(
                    request, _("No registration has the code %(code)s.") % {"code": code}
                )
            else:
                _check_in(request, registration)
            return redirect("registrations:check_in", slug=conference.slug)
    else:
        form = CheckInCodeForm()
    return render(
        request,
        "conference/registration/check_in.html",
        {
            "conference": conference,
            "form": form,
            "search": search,
            "query": query,
            "matches": selectors.check_in_matches(
                conference=conference, query=query, code=services.normalise_code(query)
            ),
        },
    )


@conference_view(is_organiser)
@require_POST
def check_in_one(request, conference, pk):
    registration = selectors.registration_for_organiser(conference=conference, pk=pk)
    _check_in(request, registration)
    url = reverse("registrations:check_in", args=[conference.slug])
    query = request.POST.get("q", "")
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


def _check_in(request, registration: Registration) -> None:
    try:
        result = services.check_in_registration(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    registration = result.registration
    if result.checked_in_now:
        messages.success(
            request,
            _("Checked in: %(name)s (%(ticket)s).")
            % {"name": registration.name, "ticket": registration.ticket_type.name},
        )
    else:
        at = timezone.localtime(registration.checked_in_at, registration.conference.tzinfo)
        messages.warning(
            request,
            _("%(name)s is already checked in at %(time)s.")
            % {"name": registration.name, "time": at.strftime("%H:%M")},
        )
