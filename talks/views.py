"""Speaker pages (submit, list, view, edit) and the team's track review queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.rules import is_team_member
from conference.selectors import conference_by_slug, track_list
from talks import selectors, services
from talks.forms import SubmissionForm, TrackChoiceForm
from talks.models import Submission


@login_required
def submission_create(request, slug):
    conference = conference_by_slug(slug=slug)
    form = SubmissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.create_submission(
                conference=conference, speaker=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your submission was received."))
            return redirect(submission)
    return render(
        request,
        "talks/submission_form.html",
        {
            "form": form,
            "conference": conference,
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
    return render(request, "talks/submission_detail.html", {"submission": submission})


@login_required
def submission_edit(request, pk):
    submission = selectors.submission_for_speaker(pk=pk, user=request.user)
    form = SubmissionForm(request.POST or None, instance=submission)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_submission(submission=submission, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(submission)
    return render(
        request,
        "talks/submission_form.html",
        {
            "form": form,
            "conference": submission.conference,
            "submission": submission,
            "cfp_open": submission.conference.cfp_is_open(timezone.now()),
        },
    )


@login_required
def track_review_queue(request, slug):
    conference = conference_by_slug(slug=slug)
    if not is_team_member(request.user, conference):
        raise PermissionDenied
    return render(
        request,
        "talks/track_review_queue.html",
        {
            "conference": conference,
            "submissions": selectors.track_review_queue(conference=conference),
            "tracks": track_list(conference=conference),
        },
    )


@login_required
@require_POST
def track_decide(request, slug, pk):
    conference = conference_by_slug(slug=slug)
    if not is_team_member(request.user, conference):
        raise PermissionDenied
    submission = get_object_or_404(Submission, pk=pk, conference=conference)
    form = TrackChoiceForm(request.POST, conference=conference)
    if form.is_valid():
        services.set_submission_track(
            submission=submission, track=form.cleaned_data["track"], user=request.user
        )
        messages.success(
            request,
            _("“%(title)s” is now in %(track)s.")
            % {"title": submission.title, "track": submission.track.name},
        )
    else:
        messages.error(request, _("Pick one of this conference's tracks."))
    return redirect("talks:track_review_queue", slug=conference.slug)
