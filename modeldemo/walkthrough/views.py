"""The backprop walkthrough: a public, GET-driven page that works without JavaScript."""

from django.shortcuts import render

from modeldemo.walkthrough import services
from modeldemo.walkthrough.forms import BackpropForm, ExampleForm, ToyTrainingForm


def walkthrough(request):
    form = BackpropForm(services.backprop_form_data(request.GET), prefix=services.PREFIX)
    toy_submitted = f"{services.TOY_PREFIX}-dataset" in request.GET
    toy_form = ToyTrainingForm(request.GET if toy_submitted else None, prefix=services.TOY_PREFIX)
    context = {"form": form, "toy_form": toy_form, "step": None, "comparison": None, "toy": None}
    example = None
    if form.is_valid():
        context["step"] = services.compute_backprop_step(form.cleaned_data)
        example = services.matching_example(form.cleaned_data)
        context["comparison"] = services.brief_comparison(example)
    context["example_form"] = ExampleForm(
        initial={"example": example or ""},
        examples=[(name, spec["label"]) for name, spec in services.EXAMPLES.items()],
    )
    if toy_submitted and toy_form.is_valid():
        context["toy"] = services.train_toy_network(toy_form.cleaned_data)
    return render(request, "modeldemo/walkthrough.html", context)
