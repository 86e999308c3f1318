"""The backprop walkthrough: a public, GET-driven page that works without JavaScript.

With JavaScript, the calculator asks `walkthrough_step` for its tables as the inputs change and
the toy trainer posts chunks of a few epochs to `walkthrough_toy`.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from modeldemo.walkthrough import article, services, toy
from modeldemo.walkthrough.forms import (
    BackpropForm,
    ExampleForm,
    ToyChunkForm,
    ToyTrainingForm,
)

RULES_DOC = "docs/backprop.md"


def _step_context(request) -> dict:
    form = BackpropForm(services.backprop_form_data(request.GET), prefix=services.PREFIX)
    step = services.compute_backprop_step(form.cleaned_data) if form.is_valid() else None
    return {"form": form, "step": step}


@require_safe
def walkthrough(request):
    context = _step_context(request)
    toy_submitted = f"{toy.TOY_PREFIX}-dataset" in request.GET
    toy_form = ToyTrainingForm(request.GET if toy_submitted else None, prefix=toy.TOY_PREFIX)
    example = None
    if context["step"] is not None:
        example = services.matching_example(context["form"].cleaned_data)
    context |= {
        "toy_form": toy_form,
        "toy": None,
        "one_layer_lines": article.one_layer_lines(),
        "two_layer_lines": article.two_layer_lines(),
        "example_form": ExampleForm(
            initial={"example": example or ""},
            examples=[(name, spec["label"]) for name, spec in services.EXAMPLES.items()],
        ),
        "chunk_epochs": toy.TOY_CHUNK_EPOCHS,
    }
    if toy_submitted and toy_form.is_valid():
        # Without JavaScript every epoch runs here (MAX_TOY_EPOCHS keeps it well under 1 s).
        cleaned = toy_form.cleaned_data
        context["toy"] = toy.train_toy_chunk(cleaned, epochs=cleaned["epochs"])
    return render(request, "modeldemo/walkthrough.html", context)


@require_safe
def walkthrough_step(request):
    """The calculator's tables alone, for the page to swap in while the inputs change."""
    return render(request, "modeldemo/walkthrough/_step.html", _step_context(request))


@require_POST
def walkthrough_toy(request):
    """Train one chunk of epochs from the posted state; JSON with the new state and figures."""
    form = ToyChunkForm(request.POST, prefix=toy.TOY_PREFIX)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    try:
        result = toy.train_toy_chunk(
            form.cleaned_data, form.cleaned_data["state"], epochs=toy.TOY_CHUNK_EPOCHS
        )
    except toy.ToyStateError:
        return JsonResponse(
            {"errors": {"state": [_("The training state does not fit.")]}}, status=400
        )
    html = render_to_string("modeldemo/walkthrough/_toy_result.html", {"toy": result}, request)
    return JsonResponse(
        {
            "state": result["state"],
            "done": result["done"],
            "epochs_run": result["epochs_run"],
            "accuracy": result["accuracy"],
            "train_loss": result["train_loss"],
            "html": html,
        }
    )


@require_safe
def walkthrough_rules(request):
    """docs/backprop.md, the engine's conventions and formulas, as the repository holds it."""
    text = (settings.BASE_DIR / RULES_DOC).read_text(encoding="utf-8")
    return render(request, "modeldemo/walkthrough/rules.html", {"text": text, "path": RULES_DOC})
