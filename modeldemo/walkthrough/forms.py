"""GET forms of the backprop walkthrough: one network step, and toy-set training."""

import math
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Small enough to read in a table, large enough for the brief's examples.
MAX_UNITS = 8
# Keeps every value readable and exp() far from overflow.
MAX_ABS_VALUE = 1000.0
# Without JavaScript all epochs run in one request: 400 epochs of the largest network take about
# 0.25 s on one core. With it, the page sends chunks of a few epochs.
MAX_TOY_EPOCHS = 400
MAX_TOY_HIDDEN = 32

ACTIVATION_CHOICES = [
    ("sigmoid", _("sigmoid")),
    ("tanh", _("tanh")),
    ("relu", _("ReLU")),
    ("identity", _("identity (none)")),
    ("softmax", _("softmax (output layer only)")),
]
LOSS_CHOICES = [
    ("bce", _("binary cross-entropy")),
    ("cce", _("categorical cross-entropy")),
    ("mse", _("mean squared error (½‖a − y‖²)")),
]
DATASET_CHOICES = [("xor", _("XOR")), ("moons", _("two moons")), ("circles", _("circles"))]
HIDDEN_ACTIVATION_CHOICES = ACTIVATION_CHOICES[:3]
OPTIMISER_CHOICES = [
    ("sgd", _("gradient descent (SGD)")),
    ("momentum", _("SGD with momentum")),
    ("adam", _("Adam")),
]

ROW_SEPARATOR = re.compile(r"[;/\n]")


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a number."), code="not_a_number", params={"value": text}
        ) from None
    if not math.isfinite(value) or abs(value) > MAX_ABS_VALUE:
        raise ValidationError(
            _("Numbers must lie between −%(limit)s and %(limit)s."),
            code="out_of_range",
            params={"limit": int(MAX_ABS_VALUE)},
        )
    return value


class VectorField(forms.CharField):
    """Comma-separated numbers, e.g. “1, 0”."""

    def to_python(self, value):
        text = super().to_python(value).strip()
        if not text:
            return None
        values = [_number(part.strip()) for part in text.split(",")]
        if len(values) > MAX_UNITS:
            raise ValidationError(
                _("At most %(max)d numbers."), code="too_long", params={"max": MAX_UNITS}
            )
        return values


class MatrixField(forms.CharField):
    """Rows of comma-separated numbers separated by “;”, “/” or new lines; row j = neuron j."""

    def to_python(self, value):
        text = super().to_python(value).strip()
        if not text:
            return None
        rows = [
            [_number(part.strip()) for part in row.split(",")]
            for row in ROW_SEPARATOR.split(text)
            if row.strip()
        ]
        if len(rows) > MAX_UNITS or any(len(row) > MAX_UNITS for row in rows):
            raise ValidationError(
                _("At most %(max)d rows of %(max)d numbers."),
                code="too_large",
                params={"max": MAX_UNITS},
            )
        if len({len(row) for row in rows}) != 1:
            raise ValidationError(_("Every row needs the same number of weights."), code="ragged")
        return rows


class BackpropForm(forms.Form):
    x = VectorField(label=_("Input x"), help_text=_("Comma-separated, e.g. 1, 0"))
    w1 = MatrixField(
        label=_("Layer 1 weights W⁽¹⁾"),
        help_text=_("One row per neuron, rows separated by ; e.g. 0.1, 0.2; 0.4, 0.5"),
    )
    b1 = VectorField(label=_("Layer 1 biases b⁽¹⁾"))
    activation1 = forms.ChoiceField(label=_("Layer 1 activation"), choices=ACTIVATION_CHOICES)
    w2 = MatrixField(
        label=_("Layer 2 weights W⁽²⁾"),
        required=False,
        help_text=_("Leave empty for a one-layer network."),
    )
    b2 = VectorField(label=_("Layer 2 biases b⁽²⁾"), required=False)
    activation2 = forms.ChoiceField(label=_("Layer 2 activation"), choices=ACTIVATION_CHOICES)
    y = VectorField(
        label=_("Target y"),
        required=False,
        help_text=_("Leave empty to run the forward pass only."),
    )
    loss = forms.ChoiceField(label=_("Loss"), choices=LOSS_CHOICES)
    learning_rate = forms.FloatField(
        label=_("Learning rate α"), min_value=0.0, max_value=10.0, initial=0.1
    )

    def clean(self):
        data = super().clean()
        x, w1, b1, w2, b2 = (data.get(name) for name in ("x", "w1", "b1", "w2", "b2"))
        if x is None or w1 is None or b1 is None:
            return data  # the field errors already say what is missing
        if len(w1[0]) != len(x):
            self.add_error(
                "w1",
                ValidationError(
                    _("Each row of W⁽¹⁾ needs %(n)d weights, one per input."),
                    params={"n": len(x)},
                ),
            )
        if len(b1) != len(w1):
            self.add_error(
                "b1",
                ValidationError(
                    _("Layer 1 has %(n)d neurons, so it needs %(n)d biases."),
                    params={"n": len(w1)},
                ),
            )
        n_out = len(w1)
        if w2 is not None:
            n_out = len(w2)
            if len(w2[0]) != len(w1):
                self.add_error(
                    "w2",
                    ValidationError(
                        _("Each row of W⁽²⁾ needs %(n)d weights, one per layer-1 neuron."),
                        params={"n": len(w1)},
                    ),
                )
            if b2 is None or len(b2) != len(w2):
                self.add_error(
                    "b2",
                    ValidationError(
                        _("Layer 2 has %(n)d neurons, so it needs %(n)d biases."),
                        params={"n": len(w2)},
                    ),
                )
        elif b2 is not None:
            self.add_error("b2", _("Layer 2 biases need layer 2 weights."))
        output_activation = data.get("activation2") if w2 is not None else data.get("activation1")
        if w2 is not None and data.get("activation1") == "softmax":
            self.add_error("activation1", _("Softmax is offered on the output layer only."))
        self._clean_target(data, n_out, output_activation)
        return data

    def _clean_target(self, data, n_out, output_activation):
        y, loss = data.get("y"), data.get("loss")
        if y is None:
            return
        if len(y) != n_out:
            self.add_error(
                "y",
                ValidationError(
                    _("The output layer has %(n)d neurons, so y needs %(n)d values."),
                    params={"n": n_out},
                ),
            )
        if loss in ("bce", "cce"):
            if output_activation not in ("sigmoid", "softmax"):
                self.add_error(
                    "loss",
                    _("Cross-entropy needs outputs in (0, 1): use a sigmoid or softmax output."),
                )
            if any(value < 0 or value > 1 for value in y):
                self.add_error("y", _("Cross-entropy targets lie between 0 and 1."))


class ToyTrainingForm(forms.Form):
    dataset = forms.ChoiceField(label=_("Toy set"), choices=DATASET_CHOICES, initial="xor")
    hidden = forms.IntegerField(
        label=_("Hidden units"), min_value=1, max_value=MAX_TOY_HIDDEN, initial=8
    )
    activation = forms.ChoiceField(
        label=_("Hidden activation"), choices=HIDDEN_ACTIVATION_CHOICES, initial="tanh"
    )
    epochs = forms.IntegerField(
        label=_("Epochs"), min_value=1, max_value=MAX_TOY_EPOCHS, initial=200
    )
    learning_rate = forms.FloatField(
        label=_("Learning rate α"), min_value=0.0, max_value=10.0, initial=0.05
    )
    optimiser = forms.ChoiceField(label=_("Optimiser"), choices=OPTIMISER_CHOICES, initial="adam")
    seed = forms.IntegerField(label=_("Seed"), min_value=0, max_value=999_999, initial=0)
    early_stopping = forms.BooleanField(
        label=_("Stop early when the validation loss stalls (patience 20 epochs)"),
        required=False,
    )


class ToyChunkForm(ToyTrainingForm):
    """The toy form plus the state the previous chunk returned (absent for the first chunk)."""

    state = forms.JSONField(required=False)


class ExampleForm(forms.Form):
    example = forms.ChoiceField(label=_("Worked example"), required=False)

    def __init__(self, *args, examples=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["example"].choices = [("", _("— your own values —")), *examples]
