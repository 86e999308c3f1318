"""The brief's worked examples, recomputed with the engine in float64.

Every function returns a plain dict of Python floats and lists, so the walkthrough page,
docs/backprop.md and the tests can all show the same numbers. See docs/backprop.md for the
readings chosen where the brief is ambiguous.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from modeldemo.mlp.layers import Dense
from modeldemo.mlp.network import MLP

# What the brief printed for its one-layer example: three outputs, so the element-wise reading.
BRIEF_ONE_LAYER_PRINTED = [0.7311, 0.6703, 0.5364]

# The brief's §4.2.1 two-layer example, every figure as printed (verbatim text, so a page can
# quote it exactly). Its forward pass is z⁽²⁾ = 0.7·a⁽¹⁾₁ + 0.8·a⁽¹⁾₂: although it calls 0.8
# "b⁽²⁾₁", it multiplies it by the second hidden activation and adds no bias, so its own
# arithmetic treats 0.8 as the second output weight (reading A below).
BRIEF_TWO_LAYER_PRINTED = {
    "z1_1": "0.3",
    "a1_1": "0.5413",
    "z1_2": "0.6",
    "a1_2": "0.5266",
    "z2": "0.8826",
    "y_hat": "0.6397",
    "loss": "0.4255",
    "delta2": "0.2119",
    # Both hidden δ multiply by this one factor; the brief never says where it comes from.
    "hidden_factor": "0.3621",
    "delta1_1": "0.0455",
    "delta1_2": "0.0574",
    "w1_11": "0.0879",
    "w1_12": "0.1890",
    "b1_1": "0.2861",
    "w1_21": "0.3241",
    "w1_22": "0.3969",
    "b1_2": "0.3495",
    "w2_1": "0.5817",
    # Printed as "b⁽²⁾₁ := b⁽²⁾₁ − 0.1·0.2119": the update of the 0.8.
    "w2_2": "0.6325",
}

# The two-layer example: x = [1, 0], label 1, hidden neuron 1 has weights 0.1, 0.2 and bias 0.3,
# neuron 2 has 0.4, 0.5 and 0.6 (rows of W are neurons, as in z = W a + b). "Output 0.7 and 0.8"
# has two readings that fit two hidden units and one output:
#   A: output weights [0.7, 0.8] (one per hidden unit), output bias 0 (none given);
#   B: output weight 0.7 shared by both hidden units, output bias 0.8.
# A is primary: it uses both numbers as the two weights a 2 → 1 layer needs, and it is what the
# brief's own arithmetic does (0.7·a⁽¹⁾₁ + 0.8·a⁽¹⁾₂). Reading 0.7 as the
# weight of hidden unit 1 alone would leave unit 2 unconnected, so it is not offered.
TWO_LAYER_INPUT = [1.0, 0.0]
TWO_LAYER_TARGET = [1.0]
TWO_LAYER_HIDDEN_W = [[0.1, 0.2], [0.4, 0.5]]
TWO_LAYER_HIDDEN_B = [0.3, 0.6]
TWO_LAYER_LEARNING_RATE = 0.1
TWO_LAYER_OUTPUT = {
    "A": {"W": [[0.7, 0.8]], "b": [0.0]},
    "B": {"W": [[0.7, 0.7]], "b": [0.8]},
}
PRIMARY_READING = "A"


def _floats(array: np.ndarray) -> list:
    return np.asarray(array, dtype=np.float64).tolist()


def backprop_step(
    x: Sequence[float],
    layers: Sequence[tuple[Sequence[Sequence[float]], Sequence[float], str]],
    *,
    y: Sequence[float] | None = None,
    loss: str = "bce",
    learning_rate: float = 0.1,
) -> dict:
    """One sample through the network, then (if `y` is given) backward and one SGD step.

    `layers` lists (W, b, activation) from input to output, W of shape (n_out, n_in).
    Returns per-layer z, a and, with a target, δ, ∂J/∂W, ∂J/∂b and the updated W, b.
    """
    dense = [Dense.from_weights(W, b, activation) for W, b, activation in layers]
    network = MLP.from_layers(dense, loss=loss)
    X = np.asarray(x, dtype=np.float64).reshape(1, -1)
    output = network.forward(X)
    result: dict = {
        "input": _floats(X[0]),
        "target": None,
        "loss_name": network.loss.name,
        "loss": None,
        "learning_rate": float(learning_rate),
        "output": _floats(output[0]),
        "shortcut": bool(network.loss.shortcut == dense[-1].activation.name),
        "layers": [],
    }
    if y is not None:
        Y = np.asarray(y, dtype=np.float64).reshape(output.shape)
        result["target"] = _floats(Y[0])
        result["loss"] = network.loss.forward(output, Y)
        network.backward(Y)
    for layer in dense:
        entry = {
            "activation": layer.activation.name,
            "W": _floats(layer.W),
            "b": _floats(layer.b),
            "z": _floats(layer.z[0]),
            "a": _floats(layer.a[0]),
        }
        if y is not None:
            entry |= {
                "delta": _floats(layer.delta[0]),
                "dW": _floats(layer.dW),
                "db": _floats(layer.db),
                # Gradient descent: θ ← θ − α ∂J/∂θ.
                "W_new": _floats(layer.W - learning_rate * layer.dW),
                "b_new": _floats(layer.b - learning_rate * layer.db),
            }
        result["layers"].append(entry)
    return result


def one_layer_example() -> dict:
    """x = [1, 2, 3], every weight 0.5, bias 0.5, sigmoid — in both readings.

    "dot": one neuron, z = 0.5·(1 + 2 + 3) + 0.5 = 3.5. "elementwise": three neurons, each
    seeing only its own input (W = 0.5·I), z = [1.0, 1.5, 2.0]. The brief printed three
    outputs, so it meant the element-wise reading; only its first value is right.
    """
    x = [1.0, 2.0, 3.0]
    dot = backprop_step(x, [([[0.5, 0.5, 0.5]], [0.5], "sigmoid")])
    elementwise = backprop_step(x, [((0.5 * np.eye(3)).tolist(), [0.5, 0.5, 0.5], "sigmoid")])
    outputs = elementwise["output"]
    return {
        "x": x,
        "weight": 0.5,
        "bias": 0.5,
        "dot": dot,
        "elementwise": elementwise,
        "brief_printed": list(BRIEF_ONE_LAYER_PRINTED),
        "matches_brief": [
            round(ours, 4) == printed
            for ours, printed in zip(outputs, BRIEF_ONE_LAYER_PRINTED, strict=True)
        ],
    }


def two_layer_layers(reading: str = PRIMARY_READING) -> list[tuple[list, list, str]]:
    if reading not in TWO_LAYER_OUTPUT:
        raise ValueError(f"unknown reading {reading!r}; choose from {sorted(TWO_LAYER_OUTPUT)}")
    output = TWO_LAYER_OUTPUT[reading]
    return [
        (TWO_LAYER_HIDDEN_W, TWO_LAYER_HIDDEN_B, "sigmoid"),
        (output["W"], output["b"], "sigmoid"),
    ]


def two_layer_example(reading: str = PRIMARY_READING) -> dict:
    """The 2-2-1 sigmoid network, cross-entropy, α = 0.1: one full step of backpropagation.

    `brief_printed` holds the brief's printed figures (BRIEF_TWO_LAYER_PRINTED) for reading A,
    the one its own arithmetic uses, and None for reading B.
    """
    step = backprop_step(
        TWO_LAYER_INPUT,
        two_layer_layers(reading),
        y=TWO_LAYER_TARGET,
        loss="bce",
        learning_rate=TWO_LAYER_LEARNING_RATE,
    )
    printed = dict(BRIEF_TWO_LAYER_PRINTED) if reading == PRIMARY_READING else None
    return {
        "reading": reading,
        "primary": reading == PRIMARY_READING,
        "brief_printed": printed,
    } | step


def two_layer_examples() -> dict[str, dict]:
    return {reading: two_layer_example(reading) for reading in TWO_LAYER_OUTPUT}
