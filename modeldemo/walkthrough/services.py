"""The walkthrough's computations: one backprop step as tables, and a toy network's training.

Everything is recomputed per request with the numpy engine in modeldemo.mlp; nothing is
stored.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping

import numpy as np
from django.utils.translation import gettext_lazy as _

from modeldemo.mlp import examples
from modeldemo.mlp.network import MLP
from modeldemo.mlp.toy import make_dataset
from modeldemo.walkthrough import plots

PREFIX = "bp"
TOY_PREFIX = "toy"
TOY_POINTS = 200
TOY_BATCH_SIZE = 32
TOY_VALIDATION_SPLIT = 0.25
TOY_PATIENCE = 20

_two_layer_common = {
    "x": examples.TWO_LAYER_INPUT,
    "w1": examples.TWO_LAYER_HIDDEN_W,
    "b1": examples.TWO_LAYER_HIDDEN_B,
    "activation1": "sigmoid",
    "activation2": "sigmoid",
    "y": examples.TWO_LAYER_TARGET,
    "loss": "bce",
    "learning_rate": examples.TWO_LAYER_LEARNING_RATE,
}
_one_layer_common = {
    "x": [1.0, 2.0, 3.0],
    "activation1": "sigmoid",
    "w2": None,
    "b2": None,
    "activation2": "sigmoid",
    "y": None,
    "loss": "bce",
    "learning_rate": 0.1,
}
EXAMPLES = {
    "two_layer_a": {
        "label": _("Two-layer example, reading A: output weights 0.7 and 0.8, bias 0 (primary)"),
        "params": _two_layer_common
        | {"w2": examples.TWO_LAYER_OUTPUT["A"]["W"], "b2": examples.TWO_LAYER_OUTPUT["A"]["b"]},
    },
    "two_layer_b": {
        "label": _("Two-layer example, reading B: output weight 0.7 on both units, bias 0.8"),
        "params": _two_layer_common
        | {"w2": examples.TWO_LAYER_OUTPUT["B"]["W"], "b2": examples.TWO_LAYER_OUTPUT["B"]["b"]},
    },
    "one_layer_elementwise": {
        "label": _("One-layer example: three neurons, element-wise (the brief's reading)"),
        "params": _one_layer_common
        | {"w1": [[0.5, 0.0, 0.0], [0.0, 0.5, 0.0], [0.0, 0.0, 0.5]], "b1": [0.5, 0.5, 0.5]},
    },
    "one_layer_dot": {
        "label": _("One-layer example: one neuron, dot product"),
        "params": _one_layer_common | {"w1": [[0.5, 0.5, 0.5]], "b1": [0.5]},
    },
}
DEFAULT_EXAMPLE = "two_layer_a"


def _text(values) -> str:
    if values is None:
        return ""
    if values and isinstance(values[0], list):
        return "; ".join(_text(row) for row in values)
    return ", ".join(f"{value:g}" for value in values)


def example_form_data(name: str) -> dict[str, str]:
    """The example's parameters as the walkthrough form's (prefixed) GET data."""
    params = EXAMPLES[name]["params"]
    data = {key: _text(params[key]) for key in ("x", "w1", "b1", "w2", "b2", "y")}
    data |= {
        "activation1": params["activation1"],
        "activation2": params["activation2"],
        "loss": params["loss"],
        "learning_rate": f"{params['learning_rate']:g}",
    }
    return {f"{PREFIX}-{key}": value for key, value in data.items()}


def backprop_form_data(query: Mapping[str, str]) -> Mapping[str, str]:
    """The data to bind: the submitted form, else the chosen example, else the default one."""
    if any(key.startswith(f"{PREFIX}-") for key in query):
        return query
    name = query.get("example")
    return example_form_data(name if name in EXAMPLES else DEFAULT_EXAMPLE)


def matching_example(cleaned: Mapping) -> str | None:
    """The example whose parameters the form holds (edited values no longer match)."""
    keys = ["x", "w1", "b1", "activation1", "w2", "y"]
    if cleaned.get("w2") is not None:
        keys += ["b2", "activation2"]
    if cleaned.get("y") is not None:
        keys += ["loss", "learning_rate"]
    for name, example in EXAMPLES.items():
        if all(cleaned.get(key) == example["params"][key] for key in keys):
            return name
    return None


def compute_backprop_step(cleaned: Mapping) -> dict:
    """Forward (and, with a target, backward and one update) as per-layer neuron tables."""
    layers = [(cleaned["w1"], cleaned["b1"], cleaned["activation1"])]
    if cleaned.get("w2") is not None:
        layers.append((cleaned["w2"], cleaned["b2"], cleaned["activation2"]))
    step = examples.backprop_step(
        cleaned["x"],
        layers,
        y=cleaned.get("y"),
        loss=cleaned["loss"],
        learning_rate=cleaned["learning_rate"],
    )
    has_gradients = step["loss"] is not None
    tables = []
    layer_input = step["input"]
    for number, layer in enumerate(step["layers"], start=1):
        neurons = []
        for j, z in enumerate(layer["z"]):
            neuron = {"index": j + 1, "b": layer["b"][j], "z": z, "a": layer["a"][j]}
            weights = [
                {"index": k + 1, "input": layer_input[k], "w": layer["W"][j][k]}
                for k in range(len(layer_input))
            ]
            if has_gradients:
                neuron |= {
                    "delta": layer["delta"][j],
                    "db": layer["db"][j],
                    "b_new": layer["b_new"][j],
                }
                for k, weight in enumerate(weights):
                    weight |= {"dw": layer["dW"][j][k], "w_new": layer["W_new"][j][k]}
            neuron["weights"] = weights
            neurons.append(neuron)
        tables.append(
            {
                "number": number,
                "activation": layer["activation"],
                "is_output": number == len(step["layers"]),
                "neurons": neurons,
            }
        )
        layer_input = layer["a"]
    return {
        "layers": tables,
        "output": step["output"],
        "target": step["target"],
        "loss": step["loss"],
        "loss_name": step["loss_name"],
        "learning_rate": step["learning_rate"],
        "shortcut": step["shortcut"],
        "has_gradients": has_gradients,
    }


TWO_LAYER_KEY_LABELS = [
    _("hidden activations a⁽¹⁾"),
    _("output pre-activation z⁽²⁾"),
    _("output a⁽²⁾ = ŷ"),
    _("loss J"),
    _("output δ⁽²⁾ = a − y"),
    _("hidden δ⁽¹⁾"),
    _("∂J/∂W⁽²⁾"),
    _("updated W⁽²⁾"),
    _("updated b⁽²⁾"),
    _("updated W⁽¹⁾, weights from x₁"),
    _("updated b⁽¹⁾"),
]


def _two_layer_key_numbers(step: dict) -> list[list[float]]:
    """The numbers of TWO_LAYER_KEY_LABELS, each as a list, for one reading."""
    hidden, output = step["layers"]
    return [
        hidden["a"],
        output["z"],
        step["output"],
        [step["loss"]],
        output["delta"],
        hidden["delta"],
        output["dW"][0],
        output["W_new"][0],
        output["b_new"],
        [row[0] for row in hidden["W_new"]],
        hidden["b_new"],
    ]


def brief_comparison(example: str | None) -> dict | None:
    """What the brief printed next to our numbers, for the example the form holds."""
    if example in ("one_layer_elementwise", "one_layer_dot"):
        one = examples.one_layer_example()
        rows = [
            {"index": i + 1, "z": z, "ours": a, "brief": printed, "matches": matches}
            for i, (z, a, printed, matches) in enumerate(
                zip(
                    one["elementwise"]["layers"][0]["z"],
                    one["elementwise"]["output"],
                    one["brief_printed"],
                    one["matches_brief"],
                    strict=True,
                )
            )
        ]
        return {"kind": "one_layer", "rows": rows, "dot_output": one["dot"]["output"][0]}
    if example in ("two_layer_a", "two_layer_b"):
        both = examples.two_layer_examples()
        columns = [_two_layer_key_numbers(both[reading]) for reading in ("A", "B")]
        rows = [
            {"label": label, "values": [column[i] for column in columns]}
            for i, label in enumerate(TWO_LAYER_KEY_LABELS)
        ]
        return {"kind": "two_layer", "rows": rows, "current": example[-1].upper()}
    return None


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def train_toy_network(cleaned: Mapping) -> dict:
    """Train a 2 → hidden → 1 sigmoid network on a toy set; returns numbers and two PNGs."""
    X, y = make_dataset(cleaned["dataset"], TOY_POINTS, seed=cleaned["seed"])
    network = MLP(
        (2, cleaned["hidden"], 1),
        hidden_activation=cleaned["activation"],
        output_activation="sigmoid",
        loss="bce",
        seed=cleaned["seed"],
    )
    history = network.fit(
        X,
        y,
        epochs=cleaned["epochs"],
        batch_size=TOY_BATCH_SIZE,
        optimiser=cleaned["optimiser"],
        learning_rate=cleaned["learning_rate"],
        seed=cleaned["seed"],
        validation_split=TOY_VALIDATION_SPLIT,
        patience=TOY_PATIENCE if cleaned.get("early_stopping") else None,
    )
    accuracy = float(np.mean(network.predict(X) == y))
    # With early stopping the best epoch's weights were put back: report that epoch.
    shown = history["best_epoch"] - 1 if cleaned.get("early_stopping") else -1
    return {
        "epochs_run": history["epochs_run"],
        "stopped_early": history["stopped_early"],
        "best_epoch": history["best_epoch"],
        "train_loss": history["train_loss"][shown],
        "val_loss": history["val_loss"][shown],
        "accuracy": accuracy,
        "loss_curve_png": _data_uri(plots.loss_curve_png(history)),
        "boundary_png": _data_uri(plots.decision_boundary_png(network, X, y)),
    }
