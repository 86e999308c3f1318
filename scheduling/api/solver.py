"""The automatic draft schedule over the API (organisers): start a run, follow it, stop it,
apply its change set (whole or in part), undo the last application.

The same services as the pages (scheduling.services.solver_runs). A run is a worker's task:
POST …/schedule/solve/ answers 202 at once with the run's address; GET it until `state` is no
longer queued or running.
"""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from conference.api.exceptions import Conflict, ErrorSerializer
from conference.api.permissions import CanEditSchedule
from scheduling.models import SolverRun
from scheduling.models.solver import MAX_TIME_LIMIT_S, MAX_WEIGHT, MIN_TIME_LIMIT_S
from scheduling.services import solver_runs
from scheduling.services.solver_runs import RunRefused

MAX_INT = 2**31 - 1
SOLVER = "schedule solver"
RUN_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


def _ids(**kwargs):
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_INT), max_length=5000, **kwargs
    )


class SolverWeightsSerializer(serializers.Serializer):
    same_track = serializers.IntegerField(min_value=0, max_value=MAX_WEIGHT, required=False)
    similar_topics = serializers.IntegerField(min_value=0, max_value=MAX_WEIGHT, required=False)
    co_favourites = serializers.IntegerField(min_value=0, max_value=MAX_WEIGHT, required=False)
    capacity = serializers.IntegerField(min_value=0, max_value=MAX_WEIGHT, required=False)
    track_room = serializers.IntegerField(min_value=0, max_value=MAX_WEIGHT, required=False)
    travel = serializers.IntegerField(min_value=0, max_value=MAX_WEIGHT, required=False)
    preferred_times = serializers.IntegerField(min_value=0, max_value=MAX_WEIGHT, required=False)


class SolverStartSerializer(serializers.Serializer):
    """Any setting given is saved first (as on the settings page); the rest stay as saved."""

    weights = SolverWeightsSerializer(required=False, help_text="0..10 per soft term")
    room_ids = _ids(required=False, help_text="rooms to use; empty: every room")
    days = serializers.ListField(
        child=serializers.DateField(), max_length=60, required=False, help_text="empty: every day"
    )
    time_limit_seconds = serializers.IntegerField(
        min_value=MIN_TIME_LIMIT_S, max_value=MAX_TIME_LIMIT_S, required=False
    )
    keep_placed = serializers.BooleanField(
        required=False, help_text="keep the talks placed in the working copy where they are"
    )
    keep_fixed = _ids(required=False, help_text="submissions kept where they are")
    optional = _ids(
        required=False, default=list, help_text="submissions the run may leave unplaced"
    )


class SolverProgressSerializer(serializers.Serializer):
    seconds = serializers.FloatField(required=False)
    objective = serializers.FloatField(required=False, allow_null=True)
    hard_conflicts_left = serializers.IntegerField(required=False)
    placed = serializers.IntegerField(required=False)
    total = serializers.IntegerField(required=False)


class SolverRunStartedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()
    status_url = serializers.CharField()


class SolverApplySerializer(serializers.Serializer):
    submissions = _ids(
        required=False,
        allow_null=True,
        default=None,
        help_text="the change set's submissions to apply; absent or null: all of it",
    )


class SolverApplicationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    applied_at = serializers.DateTimeField()
    undone_at = serializers.DateTimeField(allow_null=True)
    entries = serializers.ListField(
        child=serializers.DictField(), help_text="{submission, title, before, after}"
    )
    skipped = serializers.ListField(
        child=serializers.DictField(), help_text="{submission, title, reason}"
    )
    undo_skipped = serializers.ListField(child=serializers.DictField())


class SolverRunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    stop_requested = serializers.BooleanField()
    revision = serializers.IntegerField(allow_null=True)
    options = serializers.DictField()
    optional = serializers.ListField(child=serializers.IntegerField())
    progress = SolverProgressSerializer()
    error = serializers.CharField()
    solution = serializers.DictField(
        help_text="status, objective, soft {term: cost}, clash, seconds_to_feasible, ..."
    )
    changes = serializers.ListField(
        child=serializers.DictField(),
        help_text="{submission, title, action, before, after, reason, explanations, current}",
    )
    counts = serializers.DictField(child=serializers.IntegerField())
    stale = serializers.BooleanField(help_text="the working copy changed since the run started")
    application = SolverApplicationSerializer(allow_null=True)


def _application(application) -> dict | None:
    if application is None:
        return None
    return {
        "id": application.pk,
        "applied_at": application.applied_at,
        "undone_at": application.undone_at,
        "entries": application.entries,
        "skipped": application.skipped,
        "undo_skipped": application.undo_skipped,
    }


def _run_data(run: SolverRun) -> dict:
    review = solver_runs.run_review(run=run)
    keys = ("submission", "title", "action", "before", "after", "reason", "explanations")
    return SolverRunSerializer(
        {
            "id": run.pk,
            "state": run.state,
            "created_at": run.created_at,
            "started_at": run.started_at,
            "finished_at": run.finished_at,
            "stop_requested": run.stop_requested,
            "revision": run.revision,
            "options": run.options,
            "optional": run.optional,
            "progress": run.progress,
            "error": run.error,
            "solution": {k: v for k, v in (run.solution or {}).items() if k != "explanations"},
            "changes": [
                {**{key: row[key] for key in keys}, "current": row["current"]}
                for row in review["rows"]
            ],
            "counts": review["counts"],
            "stale": review["stale"],
            "application": _application(review["application"]),
        }
    ).data


def _refused(refusal: RunRefused):
    if refusal.code in ("busy", "state", "undone"):
        return Conflict(" ".join(refusal.messages))
    return serializers.ValidationError(refusal.messages)


class _RunMixin(ConferenceMixin):
    permission_classes = [CanEditSchedule]

    def get_run(self, pk: int) -> SolverRun:
        return get_object_or_404(
            SolverRun.objects.select_related("conference"), pk=pk, conference=self.conference
        )


@extend_schema(tags=[SOLVER], parameters=[SLUG_PARAMETER])
class StartSolve(_RunMixin, APIView):
    @extend_schema(
        request=SolverStartSerializer,
        responses={202: SolverRunStartedSerializer, 400: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request, slug: str):
        """Start a run of the automatic scheduler on the working copy (warm start: its
        placements), with the saved settings and any given here (saved first). 409 while
        another run of the conference goes on."""
        serializer = SolverStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            changes = {key: data[key] for key in SolverStartSerializer().fields if key in data}
            changes.pop("optional", None)
            if changes:
                current = solver_runs.solver_settings_for(conference=self.conference)
                values = {
                    "weights": {**current.weights, **changes.get("weights", {})},
                    "room_ids": changes.get("room_ids", current.room_ids),
                    "days": changes.get("days", [date.fromisoformat(day) for day in current.days]),
                    "time_limit_seconds": changes.get(
                        "time_limit_seconds", current.time_limit_seconds
                    ),
                    "keep_placed": changes.get("keep_placed", current.keep_placed),
                    "keep_fixed": changes.get("keep_fixed", current.keep_fixed),
                }
                solver_runs.save_solver_settings(conference=self.conference, **values)
            run = solver_runs.start_solver_run(
                conference=self.conference, user=request.user, optional=data["optional"]
            )
        except RunRefused as refusal:
            raise _refused(refusal) from None
        url = reverse("api:schedule-solve-run", args=[self.conference.slug, run.pk])
        run.refresh_from_db()
        return Response(
            {"id": run.pk, "state": run.state, "status_url": request.build_absolute_uri(url)},
            status=status.HTTP_202_ACCEPTED,
        )


@extend_schema(tags=[SOLVER], parameters=[SLUG_PARAMETER, RUN_PARAMETER])
class SolveRun(_RunMixin, APIView):
    @extend_schema(responses={200: SolverRunSerializer, 404: ErrorSerializer})
    def get(self, request, slug: str, pk: int):
        """A run: its state and progress, then the solver's answer and the change set it
        proposes against the working copy, each entry with `current` (its talk is still where
        the change set expects it), and the latest application."""
        return Response(_run_data(self.get_run(pk)))


@extend_schema(tags=[SOLVER], parameters=[SLUG_PARAMETER, RUN_PARAMETER])
class StopRun(_RunMixin, APIView):
    @extend_schema(request=None, responses={202: SolverRunSerializer, 409: ErrorSerializer})
    def post(self, request, slug: str, pk: int):
        """Ask a run to stop; it keeps the best schedule found so far. 409 if it has ended."""
        run = self.get_run(pk)
        try:
            run = solver_runs.request_stop(run=run)
        except RunRefused as refusal:
            raise _refused(refusal) from None
        return Response(_run_data(run), status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=[SOLVER], parameters=[SLUG_PARAMETER, RUN_PARAMETER])
class ApplyRun(_RunMixin, APIView):
    @extend_schema(
        request=SolverApplySerializer,
        responses={201: SolverApplicationSerializer, 400: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request, slug: str, pk: int):
        """Apply the run's change set to the working copy, whole or the entries of the given
        submissions. Entries whose talk changed since the run started, or whose new slot is
        taken by a talk left where it is, are skipped and listed in `skipped`."""
        run = self.get_run(pk)
        serializer = SolverApplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            application = solver_runs.apply_changes(
                run=run, user=request.user, submission_ids=serializer.validated_data["submissions"]
            )
        except RunRefused as refusal:
            raise _refused(refusal) from None
        return Response(
            SolverApplicationSerializer(_application(application)).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=[SOLVER], parameters=[SLUG_PARAMETER, RUN_PARAMETER])
class UndoRun(_RunMixin, APIView):
    @extend_schema(
        request=None,
        responses={200: SolverApplicationSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request, slug: str, pk: int):
        """Undo the run's latest application: each talk it changed goes back where it was,
        unless it changed again since (listed in `undo_skipped`). 404 if nothing was applied,
        409 if it was undone already."""
        run = self.get_run(pk)
        application = solver_runs.latest_application(run=run)
        if application is None:
            raise Http404(_("Nothing of this run was applied."))
        try:
            application = solver_runs.undo_application(application=application)
        except RunRefused as refusal:
            raise _refused(refusal) from None
        return Response(SolverApplicationSerializer(_application(application)).data)
