"""The automatic draft schedule's pages: configure and start, follow a run, review its change
set, apply all or part of it, undo. Organisers only.

A run is a worker's task: the run page refreshes itself (a meta refresh without JavaScript,
static/scheduling/js/solver.js with it) until the run has ended. In eager mode (tests, a
server without workers) the run has ended by the time the page is shown.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from conference.access import conference_view
from scheduling.forms_solver import TERM_LABELS, SolverSettingsForm, settings_initial
from scheduling.models import ScheduleItem, SolverApplication, SolverRun
from scheduling.rules import can_run_solver
from scheduling.services import solver_runs
from scheduling.services.solver_runs import RunRefused


def _run(conference, pk: int) -> SolverRun:
    return get_object_or_404(
        SolverRun.objects.select_related("conference"), pk=pk, conference=conference
    )


def _placed_talks(conference):
    items = ScheduleItem.objects.filter(conference=conference, submission__isnull=False)
    return [
        item.submission for item in items.select_related("submission").order_by("submission__title")
    ]


@conference_view(can_run_solver)
def solver_settings(request, conference):
    """The settings, saved per conference; "Solve" saves them and starts a run."""
    settings = solver_runs.solver_settings_for(conference=conference)
    rooms = list(conference.rooms.all())
    form = SolverSettingsForm(
        request.POST or None,
        conference=conference,
        rooms=rooms,
        placed_talks=_placed_talks(conference),
        initial=settings_initial(settings, rooms=rooms, conference=conference),
    )
    if request.method == "POST" and form.is_valid():
        try:
            solver_runs.save_solver_settings(conference=conference, **form.service_values())
            if "solve" in request.POST:
                run = solver_runs.start_solver_run(conference=conference, user=request.user)
                return redirect("scheduling:solver_run", conference.slug, run.pk)
        except RunRefused as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The solver's settings are saved."))
            return redirect("scheduling:solver", conference.slug)
    runs = SolverRun.objects.filter(conference=conference).order_by("-created_at", "-pk")[:10]
    return render(
        request,
        "scheduling/solver_settings.html",
        {
            "conference": conference,
            "form": form,
            "runs": runs,
            "active": solver_runs.active_run(conference=conference),
        },
    )


@conference_view(can_run_solver)
def solver_run(request, conference, pk):
    run = solver_runs.fail_if_stale(run=_run(conference, pk))
    review = solver_runs.run_review(run=run) if not run.active else None
    soft = (run.solution or {}).get("soft") or {}
    return render(
        request,
        "scheduling/solver_run.html",
        {
            "conference": conference,
            "run": run,
            "review": review,
            "soft": [(TERM_LABELS.get(term, term), value) for term, value in soft.items()],
        },
    )


@conference_view(can_run_solver, json=True)
def solver_run_status(request, conference, pk):
    """The run's state and progress, for the run page's script."""
    run = solver_runs.fail_if_stale(run=_run(conference, pk))
    progress = run.progress or {}
    return JsonResponse(
        {
            "id": run.pk,
            "state": run.state,
            "active": run.active,
            "percent": run.percent,
            "seconds": progress.get("seconds"),
            "objective": progress.get("objective"),
            "hard_conflicts_left": progress.get("hard_conflicts_left"),
            "placed": progress.get("placed"),
            "total": progress.get("total"),
            "stop_requested": run.stop_requested,
        }
    )


@conference_view(can_run_solver)
@require_POST
def solver_run_stop(request, conference, pk):
    run = _run(conference, pk)
    try:
        solver_runs.request_stop(run=run)
    except RunRefused as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("Stopping: the best schedule found so far is kept."))
    return redirect("scheduling:solver_run", conference.slug, run.pk)


@conference_view(can_run_solver)
@require_POST
def solver_run_apply(request, conference, pk):
    """Apply the ticked changes ("apply the chosen"), or all of them ("apply all")."""
    run = _run(conference, pk)
    if "all" in request.POST:
        ids = None
    else:
        ids = [int(value) for value in request.POST.getlist("submission") if value.isdigit()]
    try:
        application = solver_runs.apply_changes(run=run, user=request.user, submission_ids=ids)
    except RunRefused as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        done = ngettext(
            "%(count)d change applied to the working copy.",
            "%(count)d changes applied to the working copy.",
            len(application.entries),
        ) % {"count": len(application.entries)}
        if application.skipped:
            done += " " + ngettext(
                "%(count)d skipped (see below).",
                "%(count)d skipped (see below).",
                len(application.skipped),
            ) % {"count": len(application.skipped)}
        messages.success(request, done)
    return redirect("scheduling:solver_run", conference.slug, run.pk)


@conference_view(can_run_solver)
@require_POST
def solver_application_undo(request, conference, pk):
    application = get_object_or_404(
        SolverApplication.objects.select_related("run__conference"),
        pk=pk,
        run__conference=conference,
    )
    try:
        application = solver_runs.undo_application(application=application)
    except RunRefused as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        restored = len(application.entries) - len(application.undo_skipped)
        done = ngettext(
            "%(count)d talk is back where it was.",
            "%(count)d talks are back where they were.",
            restored,
        ) % {"count": restored}
        if application.undo_skipped:
            done += " " + ngettext(
                "%(count)d changed since and was left alone.",
                "%(count)d changed since and were left alone.",
                len(application.undo_skipped),
            ) % {"count": len(application.undo_skipped)}
        messages.success(request, done)
    return redirect("scheduling:solver_run", conference.slug, application.run_id)


@conference_view(can_run_solver)
@require_POST
def solver_run_again(request, conference, pk):
    """Solve again, allowed to leave the talks of this run's clash unplaced."""
    run = _run(conference, pk)
    try:
        again = solver_runs.start_without_clash(run=run, user=request.user)
    except RunRefused as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect("scheduling:solver_run", conference.slug, run.pk)
    return redirect("scheduling:solver_run", conference.slug, again.pk)
