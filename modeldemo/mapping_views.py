"""The label-mapping page: every label of an imported data set with the track proposed for it.

The proposal needs MiniLM, so an ml worker makes it (modeldemo.proposals); until it is stored
the page shows the job's progress and reloads itself.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from conference.access import conference_view
from conference.rules import is_organiser
from modeldemo import label_maps, proposals
from modeldemo.forms import LabelMappingForm


@conference_view(is_organiser)
def label_mapping(request, conference, dataset):
    examples = label_maps.source_examples(dataset=dataset)
    if not examples:
        raise Http404
    stored = label_maps.label_mapping_for(conference=conference, dataset=dataset)
    state = proposals.proposal_for(conference=conference, dataset=dataset, examples=examples)
    if state.proposals is None:
        if request.method == "POST":
            messages.error(
                request, _("The proposal is not ready yet: nothing was saved. Try again shortly.")
            )
        return render(
            request,
            "modeldemo/mapping.html",
            {
                "conference": conference,
                "dataset": dataset,
                "job": state.job,
                "failed": proposals.latest_failure(conference=conference, dataset=dataset),
                "labels": len(examples),
                "stored": stored,
            },
            status=409 if request.method == "POST" else 200,
        )
    tracks = [track.name for track in conference.tracks.all()]
    current = label_maps.current_mapping(conference=conference, stored=stored)
    form = LabelMappingForm(
        request.POST or None, proposals=state.proposals, tracks=tracks, current=current
    )
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping(accept_all=request.POST.get("accept") == "all")
        try:
            label_maps.save_label_mapping(
                conference=conference,
                dataset=dataset,
                mapping=mapping,
                user=request.user,
                proposals=state.proposals,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Mapping saved: training uses the mapped examples."))
            return redirect("modeldemo:model_list", slug=conference.slug)
    rows = [
        {**proposal.as_dict(), "field": form[f"label_{i}"]}
        for i, proposal in enumerate(state.proposals)
    ]
    return render(
        request,
        "modeldemo/mapping.html",
        {
            "conference": conference,
            "dataset": dataset,
            "rows": rows,
            "form": form,
            "stored": stored,
        },
    )
