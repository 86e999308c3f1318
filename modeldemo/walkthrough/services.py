"""The walkthrough's calculator: one backprop step as tables, every cell with its working.

Everything is recomputed per request with the numpy engine in modeldemo.mlp; nothing is
stored. The toy trainer lives in modeldemo.walkthrough.toy.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from modeldemo.mlp import examples
from modeldemo.walkthrough.numbers import factor, number

PREFIX = "bp"

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
    "two_layer": {
        "label": _("The article's two-layer example: output weights 0.7 and 0.8, no output bias"),
        "params": _two_layer_common
        | {"w2": examples.TWO_LAYER_OUTPUT["A"]["W"], "b2": examples.TWO_LAYER_OUTPUT["A"]["b"]},
    },
    "two_layer_bias": {
        "label": _("The same network with 0.8 as the output bias (0.7 on both hidden units)"),
        "params": _two_layer_common
        | {"w2": examples.TWO_LAYER_OUTPUT["B"]["W"], "b2": examples.TWO_LAYER_OUTPUT["B"]["b"]},
    },
    "one_layer": {
        "label": _("The article's one-layer example: three neurons, element by element"),
        "params": _one_layer_common
        | {"w1": [[0.5, 0.0, 0.0], [0.0, 0.5, 0.0], [0.0, 0.0, 0.5]], "b1": [0.5, 0.5, 0.5]},
    },
    "one_layer_dot": {
        "label": _("The one-layer example as one neuron with a dot product"),
        "params": _one_layer_common | {"w1": [[0.5, 0.5, 0.5]], "b1": [0.5]},
    },
}
DEFAULT_EXAMPLE = "two_layer"

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _sub(index: int) -> str:
    return str(index).translate(SUBSCRIPTS)


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


# -- the working shown in each cell --------------------------------------------------------------


def _activation_working(name: str, z: float, j: int, layer: Mapping) -> str:
    if name == "sigmoid":
        return f"1/(1 + e^({number(-z)}))"
    if name == "tanh":
        return f"tanh({number(z)})"
    if name == "relu":
        return f"max(0, {number(z)})"
    if name == "softmax":
        total = sum(math.exp(value) for value in layer["z"])
        return f"e^{factor(z)}/{number(total)}"
    return number(z)


def _slope_working(name: str, z: float, a: float) -> str:
    """σ′(z) written out from a, as each activation's derivative reuses it."""
    if name == "sigmoid":
        return f"{number(a)}·(1 − {number(a)})"
    if name == "tanh":
        return f"(1 − {factor(a)}²)"
    if name == "relu":
        return "1" if z > 0 else "0"
    return "1"


def _loss_working(loss: str, output: list[float], target: list[float]) -> str:
    terms = zip(output, target, strict=True)
    if loss == "mse":
        return "½·[" + " + ".join(f"({number(a)} − {number(y)})²" for a, y in terms) + "]"
    if loss == "cce":
        return "−[" + " + ".join(f"{number(y)}·ln {number(a)}" for a, y in terms) + "]"
    return (
        "−["
        + " + ".join(
            f"{number(y)}·ln {number(a)} + {number(1 - y)}·ln {number(1 - a)}" for a, y in terms
        )
        + "]"
    )


def _grad_a_working(loss: str, a: float, y: float) -> str:
    """∂J/∂a for one output unit, one sample."""
    if loss == "mse":
        return f"({number(a)} − {number(y)})"
    if loss == "cce":
        return f"(−{number(y)}/{number(a)})"
    return f"({number(a)} − {number(y)})/({number(a)}·(1 − {number(a)}))"


def _output_delta_working(step: Mapping, layer: Mapping, j: int) -> str:
    a, y = layer["a"][j], step["target"][j]
    if step["shortcut"]:
        return f"{number(a)} − {number(y)}"
    if layer["activation"] == "softmax":
        # Not element-wise: δⱼ = aⱼ(gⱼ − Σₖ gₖaₖ) with g = ∂J/∂a.
        return f"{number(a)}·(∂J/∂a{_sub(j + 1)} − Σₖ ∂J/∂aₖ·aₖ)"
    slope = _slope_working(layer["activation"], layer["z"][j], a)
    return f"{_grad_a_working(step['loss_name'], a, y)}·{slope}"


def _hidden_delta_working(layer: Mapping, following: Mapping, j: int) -> str:
    back = " + ".join(
        f"{number(row[j])}·{factor(delta)}"
        for row, delta in zip(following["W"], following["delta"], strict=True)
    )
    if len(following["W"]) > 1:
        back = f"({back})"
    return f"{back}·{_slope_working(layer['activation'], layer['z'][j], layer['a'][j])}"


def compute_backprop_step(cleaned: Mapping) -> dict:
    """Forward (and, with a target, backward and one update) as per-layer tables.

    Every value comes with the formula's numbers filled in (`…_working`) and the result as
    text (`…_text`), so the page shows the arithmetic and not only the answer.
    """
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
    alpha = number(step["learning_rate"])
    tables = []
    layer_input = step["input"]
    for number_, layer in enumerate(step["layers"], start=1):
        is_output = number_ == len(step["layers"])
        neurons = []
        for j, z in enumerate(layer["z"]):
            row = layer["W"][j]
            z_working = " + ".join(
                f"{number(w)}·{factor(a)}" for w, a in zip(row, layer_input, strict=True)
            )
            neuron = {
                "index": j + 1,
                "b": layer["b"][j],
                "z": z,
                "a": layer["a"][j],
                "z_working": f"{z_working} + {factor(layer['b'][j])}",
                "z_text": number(z),
                "a_working": _activation_working(layer["activation"], z, j, layer),
                "a_text": number(layer["a"][j]),
            }
            weights = [
                {
                    "index": k + 1,
                    "input": layer_input[k],
                    "w": row[k],
                    "input_text": number(layer_input[k]),
                    "w_text": number(row[k]),
                }
                for k in range(len(layer_input))
            ]
            if has_gradients:
                delta = layer["delta"][j]
                neuron |= {
                    "delta": delta,
                    "db": layer["db"][j],
                    "b_new": layer["b_new"][j],
                    "delta_working": (
                        _output_delta_working(step, layer, j)
                        if is_output
                        else _hidden_delta_working(layer, step["layers"][number_], j)
                    ),
                    "delta_text": number(delta),
                    "b_new_working": f"{number(layer['b'][j])} − {alpha}·{factor(delta)}",
                    "b_new_text": number(layer["b_new"][j]),
                }
                for k, weight in enumerate(weights):
                    weight |= {
                        "dw": layer["dW"][j][k],
                        "w_new": layer["W_new"][j][k],
                        "dw_working": f"{factor(delta)}·{factor(layer_input[k])}",
                        "dw_text": number(layer["dW"][j][k]),
                        "w_new_working": f"{number(row[k])} − {alpha}·{factor(layer['dW'][j][k])}",
                        "w_new_text": number(layer["W_new"][j][k]),
                    }
            neuron["weights"] = weights
            neurons.append(neuron)
        tables.append(
            {
                "number": number_,
                "activation": layer["activation"],
                "is_output": is_output,
                "neurons": neurons,
            }
        )
        layer_input = layer["a"]
    result = {
        "layers": tables,
        "output": step["output"],
        "output_text": ", ".join(number(value) for value in step["output"]),
        "target": step["target"],
        "loss": step["loss"],
        "loss_name": step["loss_name"],
        "learning_rate": step["learning_rate"],
        "learning_rate_text": alpha,
        "shortcut": step["shortcut"],
        "has_gradients": has_gradients,
    }
    if has_gradients:
        result |= {
            "target_text": ", ".join(number(value) for value in step["target"]),
            "loss_working": _loss_working(step["loss_name"], step["output"], step["target"]),
            "loss_text": number(step["loss"]),
        }
    return result
