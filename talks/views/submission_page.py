"""One submission's review page: its reviews, the reviewer's score, the organiser's decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.rules import is_organiser, is_team_member
from talks import review_selectors, selectors, services
from talks.enums import ORGANISER_DECISIONS, State
from talks.review_forms import ScoredReviewForm, SubmissionReviewersForm
from talks.rules import (
    can_assign_reviewers,
    can_score_submission,
    can_see_history,
    can_see_reviews,
    open_review_phase,
    sees_reviewer_names,
    sees_speaker_identities,
)
from talks.services.phases import set_submission_reviewers
from talks.services.reviews import closed_reason


@conference_view(is_team_member)
def submission_review(request, conference, pk):
    """GET: the submission with its reviews (as far as the user may see them); POST: a score
    (by category where the conference has them). "Save and next" opens what to review next."""
    submission = selectors.submission_for_review(conference=conference, pk=pk, user=request.user)
    may_score = can_score_submission(request.user, submission)
    own = selectors.review_by(submission=submission, user=request.user)
    categories = review_selectors.score_categories(conference=conference)
    form = None
    if may_score:
        form = ScoredReviewForm(
            request.POST or None,
            categories=categories,
            review=own,
            scores=review_selectors.own_scores(review=own),
        )
    if request.method == "POST":
        if form is None:
            messages.error(request, closed_reason(submission=submission))
            return redirect(submission.get_review_url())
        if form.is_valid():
            try:
                services.save_review(
                    submission=submission,
                    reviewer=request.user,
                    score=form.cleaned_data.get("score"),
                    comment=form.cleaned_data["comment"],
                    scores=form.category_scores(),
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Your review is saved."))
                if "next" in request.POST:
                    return _go_next(request, conference, submission)
                return redirect(submission.get_review_url())
    all_reviews = can_see_reviews(request.user, submission)
    reviews = review_selectors.reviews_with_scores(submission=submission) if all_reviews else []
    show_speakers = sees_speaker_identities(request.user, conference)
    may_assign = can_assign_reviewers(request.user, submission)
    team = review_selectors.team_users(conference=conference) if may_assign else []
    assignments = review_selectors.assigned_reviewers(submission=submission)
    return render(
        request,
        "talks/submission_review.html",
        {
            "conference": conference,
            "submission": submission,
            "form": form,
            "closed_reason": None if may_score else closed_reason(submission=submission),
            "is_organiser": is_organiser(request.user, conference),
            "own_review": own,
            "own_scores": own.scores.select_related("category") if own else [],
            "categories": categories,
            "reviews": reviews,
            "review_rows": _review_rows(
                reviews, categories, sees_reviewer_names(request.user, conference), request.user
            ),
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
            "open_phase": open_review_phase(conference),
            "assignments": assignments,
            "assigned_to_me": any(a.reviewer_id == request.user.pk for a in assignments),
            "reviewers_form": SubmissionReviewersForm(
                initial={"reviewers": [str(a.reviewer_id) for a in assignments]},
                users=review_selectors.reviewers_for(submission=submission, team=team),
            )
            if may_assign
            else None,
            "next_submission": review_selectors.next_to_review(
                conference=conference, user=request.user, current=submission
            ),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _go_next(request, conference, submission):
    following = review_selectors.next_to_review(
        conference=conference, user=request.user, current=submission
    )
    if following is None:
        messages.info(request, _("Nothing is left for you to review."))
        return redirect("talks:review_assigned", conference.slug)
    return redirect(following.get_review_url())


def _review_rows(reviews, categories, show_names: bool, user) -> list[dict]:
    """The reviews table: each review's scores in the categories' order, and who wrote it (or
    "Reviewer n" where the phase hides names; one's own review is always "You")."""
    rows = []
    for number, review in enumerate(reviews, start=1):
        by_category = {score.category_id: score.value for score in review.scores.all()}
        if review.reviewer_id == user.pk:
            name = _("You")
        elif show_names:
            name = review.reviewer.get_username()
        else:
            name = _("Reviewer %(number)d") % {"number": number}
        rows.append(
            {
                "review": review,
                "name": name,
                "scores": [by_category.get(category.pk) for category in categories],
            }
        )
    return rows


@conference_view(is_organiser)
@require_POST
def submission_reviewers(request, conference, pk):
    """Set who is assigned to review this submission."""
    submission = selectors.submission_for_review(conference=conference, pk=pk, user=request.user)
    team = review_selectors.team_users(conference=conference)
    form = SubmissionReviewersForm(
        request.POST, users=review_selectors.reviewers_for(submission=submission, team=team)
    )
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("reviewers", [])))
        return redirect(submission.get_review_url())
    try:
        result = set_submission_reviewers(
            submission=submission, reviewers=form.chosen(), user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Assigned reviewers saved: %(added)d added, %(removed)d removed.")
            % {"added": result.added, "removed": result.removed},
        )
    return redirect(submission.get_review_url())


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
