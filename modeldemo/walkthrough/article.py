"""The source article's two worked examples (its §4), line by line, against the engine.

Each line holds the quantity, its formula, the numbers put into it, the correct result (from
modeldemo.mlp), what the article prints (quoted verbatim), and a one-line reason where they
differ. Where the article's own numbers give a third value (its formula applied to its own
earlier, already wrong, figures) the reason says so, to show the error is in the arithmetic
and not only carried over.
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from modeldemo.mlp import examples
from modeldemo.walkthrough.numbers import factor, number, vector

# The article's learning rate, also printed in every update line.
ALPHA = examples.TWO_LAYER_LEARNING_RATE


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _line(quantity, formula, working, correct, printed="", reason="") -> dict:
    return {
        "quantity": quantity,
        "formula": formula,
        "working": working,
        "correct": correct,
        "printed": printed,
        # None where the article prints nothing to compare with.
        "agrees": _same(correct, printed) if printed else None,
        "reason": reason,
    }


def _same(correct: str, printed: str) -> bool:
    """Equal to the four decimals the article prints ("1.0" and "1" are the same number)."""

    def values(text):
        return [float(part.replace("−", "-")) for part in text.strip("[]").split(",")]

    return [round(v, 4) for v in values(correct)] == [round(v, 4) for v in values(printed)]


def one_layer_lines() -> list[dict]:
    """x = [1, 2, 3], θ₁ = 0.5 on every input, b₁ = 0.5, sigmoid: three neurons, element-wise."""
    one = examples.one_layer_example()
    z = one["elementwise"]["layers"][0]["z"]
    a = one["elementwise"]["output"]
    printed = [f"{value:.4f}" for value in examples.BRIEF_ONE_LAYER_PRINTED]
    lines = [
        _line(
            "z",
            "θ₁ ⊙ x + b₁",
            "0.5·[1, 2, 3] + 0.5 = [0.5, 1, 1.5] + 0.5",
            vector(z),
            "[1.0, 1.5, 2.0]",
            _(
                "The article multiplies element by element, so these are three neurons. Read "
                "as the dot product θ₁·x it would be one neuron: z = %(dot_z)s, σ(z) = "
                "%(dot_a)s."
            )
            % {
                "dot_z": number(one["dot"]["layers"][0]["z"][0]),
                "dot_a": number(one["dot"]["output"][0]),
            },
        )
    ]
    for j in range(3):
        reason = ""
        if j:
            reason = _(
                "σ grows with z, so σ(%(z)s) must be larger than σ(%(previous_z)s) = "
                "%(previous)s; the printed value is smaller."
            ) % {"z": number(z[j]), "previous_z": number(z[j - 1]), "previous": number(a[j - 1])}
        lines.append(
            _line(
                f"a{'₁₂₃'[j]} = σ(z{'₁₂₃'[j]})",
                "1/(1 + e^(−z))",
                f"1/(1 + e^(−{number(z[j])})) = 1/(1 + {number(math.exp(-z[j]))})",
                number(a[j]),
                printed[j],
                reason,
            )
        )
    return lines


def two_layer_lines() -> list[dict]:
    """§4.2.1: x = [1, 0], y = 1, the 2-2-1 sigmoid network, cross-entropy, α = 0.1.

    The output layer is the one the article's arithmetic uses: weights 0.7 and 0.8, no bias.
    """
    step = examples.two_layer_example(examples.PRIMARY_READING)
    printed = examples.BRIEF_TWO_LAYER_PRINTED
    p = {key: float(value) for key, value in printed.items()}
    x = step["input"]
    hidden, output = step["layers"]
    W1, b1, z1, a1 = hidden["W"], hidden["b"], hidden["z"], hidden["a"]
    W2, z2, y_hat = output["W"][0], output["z"][0], step["output"][0]
    y = step["target"][0]
    delta2, delta1 = output["delta"][0], hidden["delta"]
    lines = []

    for j in range(2):
        unit = "₁₂"[j]
        working = f"{number(W1[j][0])}·{number(x[0])} + {number(W1[j][1])}·{number(x[1])} + "
        working += number(b1[j])
        key = f"z1_{j + 1}"
        lines.append(
            _line(
                f"z⁽¹⁾{unit}",
                f"w⁽¹⁾{unit}₁x₁ + w⁽¹⁾{unit}₂x₂ + b⁽¹⁾{unit}",
                working,
                number(z1[j]),
                printed[key],
                _("The sum is %(value)s; the printed %(printed)s is the bias alone.")
                % {"value": number(z1[j]), "printed": printed[key]},
            )
        )
        key = f"a1_{j + 1}"
        lines.append(
            _line(
                f"a⁽¹⁾{unit} = σ(z⁽¹⁾{unit})",
                "1/(1 + e^(−z))",
                f"1/(1 + e^(−{number(z1[j])}))",
                number(a1[j]),
                printed[key],
                _("It carries the wrong z; and σ(%(z)s) itself is %(value)s, not %(printed)s.")
                % {
                    "z": printed[f"z1_{j + 1}"],
                    "value": number(_sigmoid(p[f"z1_{j + 1}"])),
                    "printed": printed[key],
                },
            )
        )

    lines.append(
        _line(
            "z⁽²⁾",
            "w⁽²⁾₁a⁽¹⁾₁ + w⁽²⁾₂a⁽¹⁾₂ + b⁽²⁾",
            f"{number(W2[0])}·{number(a1[0])} + {number(W2[1])}·{number(a1[1])} + 0",
            number(z2),
            printed["z2"],
            _(
                "It carries the wrong a⁽¹⁾; and its own sum 0.7·%(a1)s + 0.8·%(a2)s is "
                "%(value)s, not %(printed)s."
            )
            % {
                "a1": printed["a1_1"],
                "a2": printed["a1_2"],
                "value": number(0.7 * p["a1_1"] + 0.8 * p["a1_2"]),
                "printed": printed["z2"],
            },
        )
    )
    lines.append(
        _line(
            "ŷ = a⁽²⁾ = σ(z⁽²⁾)",
            "1/(1 + e^(−z))",
            f"1/(1 + e^(−{number(z2)}))",
            number(y_hat),
            printed["y_hat"],
            _("It carries the wrong z⁽²⁾; and σ(%(z)s) itself is %(value)s, not %(printed)s.")
            % {
                "z": printed["z2"],
                "value": number(_sigmoid(p["z2"])),
                "printed": printed["y_hat"],
            },
        )
    )
    lines.append(
        _line(
            "J",
            "−[y ln ŷ + (1 − y) ln(1 − ŷ)]",
            f"−[1·ln {number(y_hat)} + 0·ln {number(1 - y_hat)}]",
            number(step["loss"]),
            printed["loss"],
            _("It carries the wrong ŷ; and −ln %(y_hat)s itself is %(value)s, not %(printed)s.")
            % {
                "y_hat": printed["y_hat"],
                "value": number(-math.log(p["y_hat"])),
                "printed": printed["loss"],
            },
        )
    )
    lines.append(
        _line(
            "δ⁽²⁾ = ∂J/∂z⁽²⁾",
            "ŷ − y",
            f"{number(y_hat)} − {number(y)}",
            number(delta2),
            printed["delta2"],
            _(
                "The article computes (1 − ŷ)·ŷ, which is σ′(z⁽²⁾) alone: it leaves out "
                "∂J/∂ŷ = −1/ŷ, so sign and size are wrong. Even so, (1 − %(y_hat)s)·%(y_hat)s "
                "is %(value)s, not %(printed)s."
            )
            % {
                "y_hat": printed["y_hat"],
                "value": number((1 - p["y_hat"]) * p["y_hat"]),
                "printed": printed["delta2"],
            },
        )
    )
    for j in range(2):
        unit = "₁₂"[j]
        key = f"delta1_{j + 1}"
        own = (0.7, 0.8)[j] * p["delta2"] * p["hidden_factor"]
        lines.append(
            _line(
                f"δ⁽¹⁾{unit}",
                f"w⁽²⁾{unit}·δ⁽²⁾·a⁽¹⁾{unit}(1 − a⁽¹⁾{unit})",
                f"{number(W2[j])}·{factor(delta2)}·{number(a1[j])}·(1 − {number(a1[j])})",
                number(delta1[j]),
                printed[key],
                _(
                    "The article multiplies both units by %(factor)s, which is no unit's "
                    "σ′(z) = a(1 − a) (here %(slope)s), and starts from the wrong δ⁽²⁾. Even "
                    "so, %(weight)s·%(delta)s·%(factor)s is %(value)s, not %(printed)s."
                )
                % {
                    "factor": printed["hidden_factor"],
                    "slope": number(a1[j] * (1 - a1[j])),
                    "weight": number(W2[j]),
                    "delta": printed["delta2"],
                    "value": number(own),
                    "printed": printed[key],
                },
            )
        )

    def update(
        quantity, key, before, delta, delta_name, source, source_name, after, note="", label=""
    ):
        own = float(before) - ALPHA * p["delta2"]
        gradient = f"{delta_name}·{source_name}" if source_name else delta_name
        working = f"{number(before)} − {number(ALPHA)}·{factor(delta)}"
        if source_name:
            working += f"·{number(source)}"
        reason = _(
            "The article subtracts α·δ⁽²⁾ from every parameter, but this gradient is %(gradient)s."
        ) % {"gradient": gradient}
        if note:
            reason += " " + note
        reason += " " + _("Even so, %(before)s − 0.1·%(delta)s is %(value)s, not %(printed)s.") % {
            "before": number(before),
            "delta": printed["delta2"],
            "value": number(own),
            "printed": printed[key],
        }
        formula = f"{quantity} − α·{gradient}"
        label = label or quantity
        return _line(f"{label} ←", formula, working, number(after), printed[key], reason)

    x_names = ("x₁", "x₂")
    still = _("x₂ = 0, so this weight gets no gradient and does not move.")
    for j in range(2):
        unit = "₁₂"[j]
        delta_name = f"δ⁽¹⁾{unit}"
        for k in range(2):
            lines.append(
                update(
                    f"w⁽¹⁾{unit}{'₁₂'[k]}",
                    f"w1_{j + 1}{k + 1}",
                    W1[j][k],
                    delta1[j],
                    delta_name,
                    x[k],
                    x_names[k],
                    hidden["W_new"][j][k],
                    still if x[k] == 0 else "",
                )
            )
        lines.append(
            update(
                f"b⁽¹⁾{unit}",
                f"b1_{j + 1}",
                b1[j],
                delta1[j],
                delta_name,
                None,
                "",
                hidden["b_new"][j],
            )
        )
    lines.append(
        update("w⁽²⁾₁", "w2_1", W2[0], delta2, "δ⁽²⁾", a1[0], "a⁽¹⁾₁", output["W_new"][0][0])
    )
    lines.append(
        update(
            "w⁽²⁾₂",
            "w2_2",
            W2[1],
            delta2,
            "δ⁽²⁾",
            a1[1],
            "a⁽¹⁾₂",
            output["W_new"][0][1],
            _(
                "The article calls this 0.8 “b⁽²⁾₁”, but its forward pass multiplies it by "
                "a⁽¹⁾₂, so it is the second output weight."
            ),
            label=_("w⁽²⁾₂ (printed as b⁽²⁾₁)"),
        )
    )
    bias = output["b"][0]
    lines.append(
        _line(
            "b⁽²⁾ ←",
            "b⁽²⁾ − α·δ⁽²⁾",
            f"{number(bias)} − {number(ALPHA)}·{factor(delta2)}",
            number(output["b_new"][0]),
            "",
            _(
                "The article's forward pass adds no output bias, so it is 0 before the step; "
                "the article prints no update for it."
            ),
        )
    )
    return lines
