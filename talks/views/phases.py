"""The review's organisation: phases and score categories, progress, assignments, and each
team member's "assigned to me" list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from conference.access import conference_view
from conference.rules import is_organiser, is_team_member
from talks import review_selectors
from talks.models import ReviewPhase, ReviewSettings, ScoreCategory
from talks.review_forms import (
    MODE_SPREAD,
    AssignmentFilterForm,
    BulkAssignForm,
    ReviewPhaseForm,
    ReviewSettingsForm,
    ScoreCategoryForm,
)
from talks.rules import can_manage_review, open_review_phase, review_phases
from talks.services import phases as phase_services

# The progress page's bar chart: one bar per number of reviews, in an SVG viewBox this size.
CHART_WIDTH = 300
CHART_HEIGHT = 100


def _phase_forms(conference, bound=None):
    bound_prefix = bound.prefix if bound is not None else None
    rows = []
    for phase in review_phases(conference):
        prefix = f"phase-{phase.pk}"
        form = bound if prefix == bound_prefix else ReviewPhaseForm(instance=phase, prefix=prefix)
        rows.append((phase, form))
    return rows


def _category_forms(conference, bound=None):
    bound_prefix = bound.prefix if bound is not None else None
    scored = set(
        ScoreCategory.objects.filter(conference=conference, scores__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    rows = []
    for category in conference.score_categories.all():
        prefix = f"category-{category.pk}"
        form = (
            bound if prefix == bound_prefix else ScoreCategoryForm(instance=category, prefix=prefix)
        )
        rows.append((category, form, category.pk in scored))
    return rows


def _settings_page(request, conference, bound=None):
    """The page; `bound` is the one form that was posted and has errors."""

    def pick(prefix, make):
        return bound if bound is not None and bound.prefix == prefix else make()

    review_settings = ReviewSettings.for_conference(conference)
    context = {
        "conference": conference,
        "is_organiser": True,
        "settings_form": pick(
            "settings", lambda: ReviewSettingsForm(instance=review_settings, prefix="settings")
        ),
        "new_phase_form": pick("phase-new", lambda: ReviewPhaseForm(prefix="phase-new")),
        "new_category_form": pick("category-new", lambda: ScoreCategoryForm(prefix="category-new")),
        "phases": _phase_forms(conference, bound),
        "open_phase": open_review_phase(conference),
        "categories": _category_forms(conference, bound),
    }
    status = 400 if bound is not None else 200
    return render(request, "talks/review_settings.html", context, status=status)


@conference_view(can_manage_review)
def review_settings(request, conference):
    """GET: the CfP's dates, the review phases, the score categories and the minimum of
    reviews; POST: one of them (the form's `action`)."""
    if request.method != "POST":
        return _settings_page(request, conference)
    action = request.POST.get("action", "")
    user = request.user
    here = reverse("talks:review_settings", args=[conference.slug])
    phase = category = None
    if action in ("edit_phase", "start_phase", "end_phase", "delete_phase"):
        phase = get_object_or_404(ReviewPhase, conference=conference, pk=_int(request, "id"))
    if action in ("edit_category", "delete_category"):
        category = get_object_or_404(ScoreCategory, conference=conference, pk=_int(request, "id"))

    if action == "settings":
        form = ReviewSettingsForm(
            request.POST, instance=ReviewSettings.for_conference(conference), prefix="settings"
        )
        if not form.is_valid():
            return _settings_page(request, conference, form)
        phase_services.update_review_settings(
            conference=conference, user=user, min_reviews=form.cleaned_data["min_reviews"]
        )
        messages.success(request, _("The review settings are saved."))
    elif action in ("add_phase", "edit_phase"):
        prefix = f"phase-{phase.pk}" if phase else "phase-new"
        form = ReviewPhaseForm(request.POST, instance=phase, prefix=prefix)
        if not form.is_valid():
            return _settings_page(request, conference, form)
        phase_services.save_review_phase(
            conference=conference, user=user, phase=phase, **form.cleaned_data
        )
        messages.success(request, _("The review phase is saved."))
    elif action in ("add_category", "edit_category"):
        prefix = f"category-{category.pk}" if category else "category-new"
        form = ScoreCategoryForm(request.POST, instance=category, prefix=prefix)
        if not form.is_valid():
            return _settings_page(request, conference, form)
        phase_services.save_score_category(
            conference=conference, user=user, category=category, **form.cleaned_data
        )
        messages.success(request, _("The score category is saved."))
    elif action in ("start_phase", "end_phase", "delete_phase", "delete_category"):
        service, done = {
            "start_phase": (phase_services.start_review_phase, _("“%(name)s” is open.")),
            "end_phase": (phase_services.end_review_phase, _("“%(name)s” has ended.")),
            "delete_phase": (phase_services.delete_review_phase, _("“%(name)s” is deleted.")),
            "delete_category": (
                phase_services.delete_score_category,
                _("“%(name)s” is deleted."),
            ),
        }[action]
        target = phase or category
        try:
            if category is not None:
                service(category=category, user=user)
            else:
                service(phase=phase, user=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done % {"name": target.name})
    else:
        raise Http404
    return redirect(here)


def _int(request, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise Http404 from None


@conference_view(can_manage_review)
def review_progress(request, conference):
    progress = review_selectors.review_progress(conference=conference)
    return render(
        request,
        "talks/review_progress.html",
        {
            "conference": conference,
            "is_organiser": True,
            "progress": progress,
            "chart": _bar_chart(progress["histogram"], last_is_minimum=True),
            "open_phase": open_review_phase(conference),
        },
    )


def _bar_chart(histogram: list[tuple[int, int]], *, last_is_minimum: bool) -> list[dict]:
    """SVG geometry for the histogram's bars (the template draws; no inline CSS)."""
    if not histogram:
        return []
    highest = max(count for _reviews, count in histogram) or 1
    slot = CHART_WIDTH / len(histogram)
    bars = []
    for index, (reviews, count) in enumerate(histogram):
        height = round(CHART_HEIGHT * count / highest, 1)
        last = last_is_minimum and index == len(histogram) - 1
        bars.append(
            {
                "label": f"{reviews}+" if last else str(reviews),
                "count": count,
                "x": round(index * slot + slot * 0.15, 1),
                "width": round(slot * 0.7, 1),
                "y": round(CHART_HEIGHT - height, 1),
                "height": height,
                "text_x": round(index * slot + slot / 2, 1),
                "complete": last,
            }
        )
    return bars


@conference_view(can_manage_review)
def review_assign(request, conference):
    """Assign reviewers to many submissions at once: filter, tick submissions and reviewers."""
    min_reviews = ReviewSettings.for_conference(conference).min_reviews
    filter_form = AssignmentFilterForm(request.GET or None, conference=conference)
    filters = filter_form.filters()
    shown = review_selectors.assignment_candidates(
        conference=conference, min_reviews=min_reviews, **filters
    )
    users = review_selectors.team_users(conference=conference)
    if request.method == "POST":
        # Any of the conference's submissions may be posted: the list may have changed since.
        every = review_selectors.assignment_candidates(conference=conference)
        form = BulkAssignForm(request.POST, submissions=every, users=users)
        if form.is_valid():
            spread = form.cleaned_data["mode"] == MODE_SPREAD
            result = phase_services.assign_reviewers(
                conference=conference,
                submissions=form.chosen_submissions(),
                reviewers=form.chosen_reviewers(),
                user=request.user,
                per_submission=form.cleaned_data["per_submission"] if spread else None,
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d assignment added.", "%(count)d assignments added.", result.added
                )
                % {"count": result.added},
            )
            if result.out_of_scope:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d left out: that reviewer does not review its track.",
                        "%(count)d left out: those reviewers do not review their tracks.",
                        len(result.out_of_scope),
                    )
                    % {"count": len(result.out_of_scope)},
                )
            return redirect(request.get_full_path())
    else:
        form = BulkAssignForm(submissions=shown, users=users, initial={"mode": "all"})
    return render(
        request,
        "talks/review_assign.html",
        {
            "conference": conference,
            "is_organiser": True,
            "filter_form": filter_form,
            "form": form,
            "submissions": shown,
            "users": users,
            "min_reviews": min_reviews,
        },
        status=400 if form.errors else 200,
    )


@conference_view(is_team_member)
def review_assigned(request, conference):
    """The submissions assigned to the signed-in team member, not yet reviewed first."""
    submissions = review_selectors.assigned_to(conference=conference, user=request.user)
    return render(
        request,
        "talks/review_assigned.html",
        {
            "conference": conference,
            "is_organiser": is_organiser(request.user, conference),
            "submissions": submissions,
            "pending": sum(1 for s in submissions if not s.reviewed),
            "next_submission": review_selectors.next_to_review(
                conference=conference, user=request.user
            ),
            "open_phase": open_review_phase(conference),
            "has_phases": bool(review_phases(conference)),
        },
    )
