"""Organiser pages of the model registry: train, compare, activate, re-categorise."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from conference.access import conference_view
from conference.rules import is_organiser
from modeldemo import gate as gate_rules
from modeldemo import label_maps, selectors, services, serving
from modeldemo.forms import ExamplesUploadForm, TrainForm
from modeldemo.models import Job, ModelVersion
from talks.selectors import example_datasets


@conference_view(is_organiser)
def model_list(request, conference):
    metric_names = ["accuracy", "f1_macro", "top_3_accuracy"]
    versions = list(selectors.model_version_list(conference=conference))
    tracks = list(conference.tracks.all())
    datasets = list(example_datasets())
    for version in versions:
        _mapping, version.unknown_labels = services.label_mapping(
            labels=version.labels, conference=conference, tracks=tracks
        )
        version.headline = [(version.metrics or {}).get(name) for name in metric_names]
    return render(
        request,
        "modeldemo/model_list.html",
        {
            "conference": conference,
            "versions": versions,
            "jobs": selectors.recent_jobs(conference=conference),
            "form": TrainForm(datasets=datasets),
            "metric_names": metric_names,
            "datasets": datasets,
            # Zero-shot is always one click away, as a row of its own once used.
            "builtin_zeroshot": next(
                (v for v in versions if (v.training_config or {}).get("builtin")), None
            ),
        },
    )


@conference_view(is_organiser)
@require_POST
def model_train(request, conference):
    form = TrainForm(request.POST, datasets=example_datasets())
    if form.is_valid():
        try:
            services.start_training(conference=conference, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Training started."))
    else:
        messages.error(
            request,
            _("Check the training settings: %(errors)s") % {"errors": form.errors.as_text()},
        )
    return redirect("modeldemo:model_list", slug=conference.slug)


@conference_view(is_organiser)
@require_POST
def model_activate(request, conference, pk):
    version = get_object_or_404(ModelVersion, pk=pk, conference=conference)
    try:
        unknown = services.activate_model_version(
            version=version, user=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is now active.") % {"name": version.name})
        if unknown:
            messages.warning(
                request,
                _("These labels match no track and are ignored: %(labels)s")
                % {"labels": ", ".join(unknown)},
            )
    return redirect("modeldemo:model_list", slug=conference.slug)


@conference_view(is_organiser)
@require_POST
def model_activate_zeroshot(request, conference):
    """Back to the built-in zero-shot categoriser (its row is created on first use)."""
    version = serving.builtin_zeroshot(conference=conference)
    try:
        services.activate_model_version(version=version, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Zero-shot is now active."))
    return redirect("modeldemo:model_list", slug=conference.slug)


@conference_view(is_organiser)
@require_POST
def recategorise(request, conference):
    _job, created = services.start_recategorisation(conference=conference, user=request.user)
    if created:
        messages.success(request, _("Re-categorisation started."))
    else:
        messages.info(request, _("A re-categorisation is already running: follow it below."))
    return redirect("modeldemo:model_list", slug=conference.slug)


@conference_view(is_organiser)
def model_detail(request, conference, pk):
    version = get_object_or_404(ModelVersion, pk=pk, conference=conference)
    others = [v for v in selectors.model_version_list(conference=conference) if v.metrics]
    target = _target(request.GET.get("target"))
    return render(
        request,
        "modeldemo/model_detail.html",
        {
            "conference": conference,
            "version": version,
            "metrics": selectors.metric_rows(version),
            "per_class": (version.metrics or {}).get("per_class", {}),
            "comparison": [(v, selectors.metric_rows(v)) for v in others],
            "metric_names": [name for name, _value in selectors.metric_rows(version)],
            "parts": selectors.blend_parts(version),
            "gate_rows": selectors.gate_rows(version),
            "win_share_needed": round(gate_rules.WIN_SHARE * 100),
            "precision_level": round(serving.PRECISION_LEVEL * 100),
            "target": target,
            "threshold": serving.auto_assign_threshold(version=version, target=target),
        },
    )


def _target(value) -> float:
    try:
        return min(max(float(value), 0.5), 1.0)
    except (TypeError, ValueError):
        return 0.95


@conference_view(is_organiser)
def examples_upload(request, conference):
    """Upload JSONL, CSV or schedule (XML/JSON) examples, all or nothing, then map the labels."""
    form = ExamplesUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            dataset, errors = label_maps.import_uploaded_examples(
                conference=conference, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if not errors:
                messages.success(request, _("Examples imported into %(name)s.") % {"name": dataset})
                if label_maps.labels_needing_mapping(conference=conference, dataset=dataset):
                    return redirect(
                        "modeldemo:label_mapping", slug=conference.slug, dataset=dataset
                    )
                return redirect("modeldemo:model_list", slug=conference.slug)
    return render(
        request,
        "modeldemo/mapping_upload.html",
        {"conference": conference, "form": form, "errors": errors},
    )


@conference_view(is_organiser)
def model_chart(request, conference, pk, chart):
    version = get_object_or_404(ModelVersion, pk=pk, conference=conference)
    metrics = version.metrics or {}
    if chart not in {"confusion", "f1"} or not metrics.get("confusion_matrix"):
        raise Http404
    from modeldemo.bert import plots  # matplotlib only, no torch

    if chart == "confusion":
        png = plots.confusion_matrix_png(metrics["confusion_matrix"], version.labels)
    else:
        png = plots.per_class_f1_png(metrics["per_class"])
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


# The phases that a job's progress names (modeldemo.training and the re-categorisation write
# them in English, training stays free of Django): msgids here, so that the job's message shows
# in the reader's language. Messages with numbers in them stay as they were written.
JOB_PHASES = (
    gettext_noop("encoding and training"),
    gettext_noop("training"),
    gettext_noop("evaluating"),
    gettext_noop("calibrating"),
    gettext_noop("training on every example"),
    gettext_noop("fine-tuning"),
    gettext_noop("categorising"),
    gettext_noop("done"),
)


@login_required
def job_status(request, pk):
    job = get_object_or_404(Job.objects.select_related("conference"), pk=pk)
    if not is_organiser(request.user, job.conference):
        raise PermissionDenied
    return JsonResponse(
        {
            "id": job.pk,
            "kind": job.kind,
            "status": job.status,
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "message": _(job.message) if job.message else "",
            "error": job.error,
        }
    )
