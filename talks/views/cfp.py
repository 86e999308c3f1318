"""Organisers' pages of the call for papers: settings, e-mail templates, reviewers' tracks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from conference.access import conference_view
from conference.enums import Role
from conference.rules import is_organiser
from conference.setup.forms import add_service_errors
from talks import selectors, services
from talks.enums import MailKind
from talks.forms import CfpSettingsForm, MailTemplateForm, ReviewerTracksForm
from talks.models import MailTemplate
from talks.services.mail import save_mail_templates


@conference_view(is_organiser)
def cfp_settings(request, conference):
    cfp = selectors.cfp_settings_for(conference=conference)
    form = CfpSettingsForm(request.POST or None, cfp=cfp, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_cfp_settings(
                conference=conference,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                **form.settings_values(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The call for papers settings are saved."))
            return redirect("talks:cfp_settings", slug=conference.slug)
    return render(
        request,
        "talks/cfp_settings.html",
        {"conference": conference, "form": form, "cfp": cfp, "is_organiser": True},
        status=400 if form.errors else 200,
    )


@conference_view(is_organiser)
def mail_templates(request, conference):
    saved = selectors.mail_templates_for(conference=conference)
    forms = []
    for kind in MailKind.values:
        if kind in saved:
            initial = {
                "subject": saved[kind].subject,
                "body": saved[kind].body,
                "subject_zh": saved[kind].subject_zh,
                "body_zh": saved[kind].body_zh,
                "delivery": saved[kind].delivery,
            }
        else:
            subject, body = selectors.mail_template_for(conference=conference, kind=kind)
            initial = {"subject": subject, "body": body, "delivery": MailTemplate.Delivery.SEND}
        forms.append(MailTemplateForm(request.POST or None, kind=kind, initial=initial))
    # The fingerprint of the templates as this page showed them; a POST sends it back.
    fingerprint = request.POST.get("fingerprint") or selectors.mail_templates_fingerprint(
        conference=conference
    )
    stale = []
    if request.method == "POST" and all(form.is_valid() for form in forms):
        try:
            save_mail_templates(
                conference=conference,
                user=request.user,
                templates={form.kind: form.wording() for form in forms},
                deliveries={
                    form.kind: form.cleaned_data["delivery"]
                    for form in forms
                    if form.cleaned_data["delivery"]
                },
                fingerprint=request.POST.get("fingerprint"),
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "stale":
                stale = error.messages  # the forms keep what this organiser typed
            else:
                for form in forms:
                    for message in error.message_dict.get(form.kind, []):
                        form.add_error(None, message)
        else:
            messages.success(request, _("The e-mail templates are saved."))
            return redirect("talks:mail_templates", slug=conference.slug)
    return render(
        request,
        "talks/mail_templates.html",
        {
            "conference": conference,
            "forms": forms,
            "fingerprint": fingerprint,
            "stale": stale,
            "outbox_url": reverse("conference:outbox", args=[conference.slug]),
            "is_organiser": True,
        },
        status=400 if stale or any(form.errors for form in forms) else 200,
    )


@conference_view(is_organiser)
def reviewer_tracks(request, conference):
    if request.method == "POST":
        membership = get_object_or_404(
            conference.memberships, pk=request.POST.get("membership"), role=Role.REVIEWER
        )
        form = ReviewerTracksForm(request.POST, conference=conference, prefix=f"m{membership.pk}")
        if form.is_valid():
            services.set_reviewer_tracks(
                membership=membership,
                tracks=form.cleaned_data["tracks"],
                all_tracks=form.cleaned_data["all_tracks"],
                user=request.user,
            )
            messages.success(
                request,
                _("%(user)s's tracks are saved.") % {"user": membership.user.get_username()},
            )
        else:
            messages.error(request, _("Pick tracks of this conference."))
        return redirect("talks:reviewer_tracks", slug=conference.slug)
    reviewers = selectors.reviewer_memberships(conference=conference)
    tracks = list(conference.tracks.all())
    rows = []
    for membership in reviewers:
        scope = getattr(membership, "review_scope", None)
        chosen = [track.pk for track in scope.tracks.all()] if scope else []
        rows.append(
            (
                membership,
                ReviewerTracksForm(
                    conference=conference,
                    tracks=tracks,
                    initial={"tracks": chosen, "all_tracks": membership.reviews_all_tracks},
                    prefix=f"m{membership.pk}",
                ),
            )
        )
    return render(
        request,
        "talks/reviewer_tracks.html",
        {"conference": conference, "rows": rows, "is_organiser": True},
    )
