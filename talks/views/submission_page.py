"""One submission's review page: its reviews, the reviewer's score, the organiser's decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.rules import is_organiser, is_team_member
from talks import selectors, services
from talks.enums import ORGANISER_DECISIONS, State
from talks.forms import ReviewForm
from talks.rules import (
    can_score_submission,
    can_see_history,
    can_see_reviews,
    sees_speaker_identities,
)


@conference_view(is_team_member)
def submission_review(request, conference, pk):
    """GET: the submission with its reviews (as far as the user may see them); POST: a score."""
    submission = selectors.submission_for_review(conference=conference, pk=pk, user=request.user)
    may_score = can_score_submission(request.user, submission)
    own = selectors.review_by(submission=submission, user=request.user)
    form = ReviewForm(request.POST or None, instance=own) if may_score else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("A decision was made: reviews are closed."))
            return redirect(submission.get_review_url())
        if form.is_valid():
            try:
                services.save_review(
                    submission=submission,
                    reviewer=request.user,
                    score=form.cleaned_data["score"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your review is saved."))
                return redirect(submission.get_review_url())
    all_reviews = can_see_reviews(request.user, submission)
    reviews = selectors.reviews_of(submission=submission) if all_reviews else []
    show_speakers = sees_speaker_identities(request.user, conference)
    return render(
        request,
        "talks/submission_review.html",
        {
            "conference": conference,
            "submission": submission,
            "form": form,
            "is_organiser": is_organiser(request.user, conference),
            "own_review": own,
            "reviews": reviews,
            "summary": selectors.review_summary(reviews=reviews) if all_reviews else None,
            "show_speakers": show_speakers,
            "speakers": selectors.speaker_cards(submission=submission) if show_speakers else [],
            "history": selectors.submission_history(submission=submission)
            if can_see_history(request.user, submission)
            else None,
            "duplicates": selectors.near_duplicates_for(
                conference=conference, user=request.user, submission_ids=[submission.pk]
            ).get(submission.pk, []),
            "decisions": [
                State(state)
                for state in services.allowed_transitions(submission=submission, user=request.user)
                if state in ORGANISER_DECISIONS
            ],
        },
        status=400 if form is not None and form.errors else 200,
    )


@conference_view(is_organiser)
@require_POST
def submission_decide(request, conference, pk):
    submission = selectors.submission_for_review(conference=conference, pk=pk, user=request.user)
    to_state = request.POST.get("state", "")
    if to_state not in ORGANISER_DECISIONS:
        raise Http404
    try:
        services.change_submission_state(
            submission=submission, to_state=to_state, user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(title)s” is now %(state)s.")
            % {"title": submission.title, "state": State(to_state).label.lower()},
        )
    return redirect(submission.get_review_url())
