"""Speakers' pages: submit, list, view, edit, change state, invite; profiles and speaker pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.rules import is_signed_in
from talks import question_selectors, selectors, services
from talks.enums import State
from talks.forms import InvitationForm, SpeakerProfileForm, SubmissionForm
from talks.forms_questions import AnswersForm
from talks.rules import (
    can_edit_submission,
    can_invite_co_speakers,
    can_view_speaker_photo,
    is_submission_speaker,
)
from talks.services import questions as question_services

# The actions a speaker takes on a submission page, each one transition of the table.
SPEAKER_ACTIONS = {
    "submit": (
        State.SUBMITTED,
        gettext_lazy("Submit this draft"),
        gettext_lazy("“%(title)s” is submitted: thank you."),
    ),
    "withdraw": (
        State.WITHDRAWN,
        gettext_lazy("Withdraw this submission"),
        gettext_lazy("“%(title)s” is withdrawn."),
    ),
    "confirm": (
        State.CONFIRMED,
        gettext_lazy("Confirm that you will give this talk"),
        gettext_lazy("“%(title)s” is confirmed: see you at the conference."),
    ),
}


@conference_view(is_signed_in)
def submission_create(request, conference):
    cfp = selectors.cfp_settings_for(conference=conference)
    form = SubmissionForm(request.POST or None, cfp=cfp)
    answers_form = AnswersForm(
        request.POST or None, questions=question_selectors.asked_questions(conference=conference)
    )
    if request.method == "POST" and all([form.is_valid(), answers_form.is_valid()]):
        draft = "save_draft" in request.POST
        try:
            with transaction.atomic():
                submission = services.create_submission(
                    conference=conference,
                    speaker=request.user,
                    draft=draft,
                    **form.submission_fields(),
                )
                question_services.save_cfp_answers(
                    submission=submission,
                    user=request.user,
                    answers=answers_form.answers(),
                    record_history=False,  # part of the "created" entry
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if draft:
                messages.success(request, _("Your draft is saved; submit it when it is ready."))
            else:
                messages.success(request, _("Thank you: your submission was received."))
            return redirect(submission)
    return _submission_form_page(request, form, conference, answers_form=answers_form)


def _submission_form_page(request, form, conference, submission=None, *, answers_form=None):
    """The submit page (no submission yet) or the edit page of `submission`."""
    return render(
        request,
        "talks/submission_form.html",
        {
            "form": form,
            "answers_form": answers_form,
            "conference": conference,
            "submission": submission,
            "cfp_open": conference.cfp_is_open(timezone.now()),
        },
    )


@login_required
def submission_list(request):
    submissions = selectors.submission_list_for_speaker(user=request.user)
    return render(request, "talks/submission_list.html", {"submissions": submissions})


@login_required
def submission_detail(request, pk):
    submission = selectors.submission_for_speaker(pk=pk, user=request.user)
    actions = services.allowed_transitions(submission=submission, user=request.user)
    return render(
        request,
        "talks/submission_detail.html",
        {
            "submission": submission,
            # For the schedule's template tags, which read a list of submissions.
            "submission_as_list": [submission],
            "speakers": selectors.speaker_cards(submission=submission),
            "invitations": selectors.pending_invitations(submission=submission),
            "invitation_form": InvitationForm(),
            "can_edit": can_edit_submission(request.user, submission),
            "can_invite": can_invite_co_speakers(request.user, submission),
            "actions": [
                (name, label)
                for name, (state, label, _done) in SPEAKER_ACTIONS.items()
                if state in actions
            ],
        },
    )


@login_required
def submission_edit(request, pk):
    submission = selectors.submission_for_speaker(pk=pk, user=request.user)
    if not can_edit_submission(request.user, submission):
        messages.error(
            request,
            _("This submission can no longer be changed: a decision was made or the CfP closed."),
        )
        return redirect(submission)
    cfp = selectors.cfp_settings_for(conference=submission.conference)
    form = SubmissionForm(request.POST or None, instance=submission, cfp=cfp)
    answers_form = AnswersForm(
        request.POST or None,
        questions=question_selectors.asked_questions(conference=submission.conference),
        submission=submission,
    )
    if request.method == "POST" and all([form.is_valid(), answers_form.is_valid()]):
        try:
            with transaction.atomic():
                services.update_submission(
                    submission=submission,
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                    **form.submission_fields(),
                )
                question_services.save_cfp_answers(
                    submission=submission, user=request.user, answers=answers_form.answers()
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(submission)
    return _submission_form_page(
        request, form, submission.conference, submission, answers_form=answers_form
    )


@login_required
def submission_state(request, pk, action):
    """GET: ask "are you sure?" (the e-mail's confirm link lands here); POST: do it."""
    if action not in SPEAKER_ACTIONS:
        raise Http404
    submission = selectors.submission_for_speaker(pk=pk, user=request.user)
    to_state, label, done = SPEAKER_ACTIONS[action]
    error = None
    if request.method == "POST":
        try:
            services.change_submission_state(
                submission=submission, to_state=to_state, user=request.user
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, done % {"title": submission.title})
            return redirect(submission)
    allowed = to_state in services.allowed_transitions(submission=submission, user=request.user)
    return render(
        request,
        "talks/submission_state.html",
        {
            "submission": submission,
            "action": action,
            "label": label,
            "allowed": allowed,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def submission_invite(request, pk):
    submission = selectors.submission_for_speaker(pk=pk, user=request.user)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite_co_speaker(
                submission=submission, email=form.cleaned_data["email"], user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("We e-mailed an invitation to %(email)s.") % {"email": invitation.email}
            )
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect(submission)


@login_required
def invitation_accept(request, token):
    invitation = selectors.invitation_by_token(token=token)
    if request.method == "POST":
        try:
            submission = services.accept_invitation(token=token, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("You are now a speaker of “%(title)s”.") % {"title": submission.title}
            )
            return redirect(submission)
    already = is_submission_speaker(request.user, invitation.submission)
    return render(
        request,
        "talks/invitation_accept.html",
        {
            "invitation": invitation,
            "inviter": selectors.speaker_display_name(user=invitation.invited_by)
            if invitation.invited_by
            else "",
            "already": already,
        },
    )


@login_required
def profile_edit(request):
    profile = selectors.speaker_profile_of(user=request.user)
    form = SpeakerProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_speaker_profile(
                user=request.user,
                expected_version=form.cleaned_data.get("version"),
                **form.profile_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your speaker profile is saved."))
            return redirect("talks:profile_edit")
    return render(
        request,
        "talks/profile_form.html",
        {
            "form": form,
            "profile": profile,
            "public": selectors.is_public_speaker(user=request.user),
        },
    )


def speaker_page(request, pk):
    """The old address of a speaker's page: the one public speaker page is the agenda's (it has
    the slots; it reads the profile live), at the conference of the speaker's latest talk.

    The agenda is another app's page; its address is reversed by name, so talks imports
    nothing of scheduling.
    """
    _speaker, talks = selectors.public_speaker(pk=pk)
    conference = talks[-1].conference  # by start date: the latest
    return redirect(reverse("scheduling:speaker", args=[conference.slug, pk]))


def speaker_photo(request, pk):
    profile = selectors.speaker_profile_by_user(pk=pk)
    if not profile.photo or not can_view_speaker_photo(request.user, profile.user):
        raise Http404
    try:
        handle = profile.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle)
    response["Cache-Control"] = "private, max-age=300"
    return response


@conference_view()
def conference_speakers(request, conference):
    return render(
        request,
        "talks/conference_speakers.html",
        {
            "conference": conference,
            "speakers": selectors.conference_speakers(conference=conference),
        },
    )
