"""The source article's worked examples, line by line: every correct and printed figure."""

import math
import os
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings

from modeldemo.mlp import examples
from modeldemo.mlp.layers import Dense
from modeldemo.mlp.network import MLP
from modeldemo.walkthrough import article

# The article itself sits beside the repository in the workspace; the app never reads it.
ARTICLE = Path(settings.BASE_DIR).parent / "shared" / "brief" / "000_82806754ad22710d.txt"


def table(lines):
    return [(line["quantity"], line["working"], line["correct"], line["printed"]) for line in lines]


def test_one_layer_lines_every_figure():
    lines = article.one_layer_lines()

    assert table(lines) == [
        ("z", "0.5·[1, 2, 3] + 0.5 = [0.5, 1, 1.5] + 0.5", "[1, 1.5, 2]", "[1.0, 1.5, 2.0]"),
        ("a₁ = σ(z₁)", "1/(1 + e^(−1)) = 1/(1 + 0.3679)", "0.7311", "0.7311"),
        ("a₂ = σ(z₂)", "1/(1 + e^(−1.5)) = 1/(1 + 0.2231)", "0.8176", "0.6703"),
        ("a₃ = σ(z₃)", "1/(1 + e^(−2)) = 1/(1 + 0.1353)", "0.8808", "0.5364"),
    ]
    assert [line["agrees"] for line in lines] == [True, True, False, False]
    assert "z = 3.5, σ(z) = 0.9707" in lines[0]["reason"]
    assert lines[2]["reason"] == (
        "σ grows with z, so σ(1.5) must be larger than σ(1) = 0.7311; the printed value is smaller."
    )


def test_two_layer_lines_every_figure():
    lines = article.two_layer_lines()

    assert table(lines) == [
        ("z⁽¹⁾₁", "0.1·1 + 0.2·0 + 0.3", "0.4", "0.3"),
        ("a⁽¹⁾₁ = σ(z⁽¹⁾₁)", "1/(1 + e^(−0.4))", "0.5987", "0.5413"),
        ("z⁽¹⁾₂", "0.4·1 + 0.5·0 + 0.6", "1", "0.6"),
        ("a⁽¹⁾₂ = σ(z⁽¹⁾₂)", "1/(1 + e^(−1))", "0.7311", "0.5266"),
        ("z⁽²⁾", "0.7·0.5987 + 0.8·0.7311 + 0", "1.0039", "0.8826"),
        ("ŷ = a⁽²⁾ = σ(z⁽²⁾)", "1/(1 + e^(−1.0039))", "0.7318", "0.6397"),
        ("J", "−[1·ln 0.7318 + 0·ln 0.2682]", "0.3122", "0.4255"),
        ("δ⁽²⁾ = ∂J/∂z⁽²⁾", "0.7318 − 1", "−0.2682", "0.2119"),
        ("δ⁽¹⁾₁", "0.7·(−0.2682)·0.5987·(1 − 0.5987)", "−0.0451", "0.0455"),
        ("δ⁽¹⁾₂", "0.8·(−0.2682)·0.7311·(1 − 0.7311)", "−0.0422", "0.0574"),
        ("w⁽¹⁾₁₁ ←", "0.1 − 0.1·(−0.0451)·1", "0.1045", "0.0879"),
        ("w⁽¹⁾₁₂ ←", "0.2 − 0.1·(−0.0451)·0", "0.2", "0.1890"),
        ("b⁽¹⁾₁ ←", "0.3 − 0.1·(−0.0451)", "0.3045", "0.2861"),
        ("w⁽¹⁾₂₁ ←", "0.4 − 0.1·(−0.0422)·1", "0.4042", "0.3241"),
        ("w⁽¹⁾₂₂ ←", "0.5 − 0.1·(−0.0422)·0", "0.5", "0.3969"),
        ("b⁽¹⁾₂ ←", "0.6 − 0.1·(−0.0422)", "0.6042", "0.3495"),
        ("w⁽²⁾₁ ←", "0.7 − 0.1·(−0.2682)·0.5987", "0.7161", "0.5817"),
        ("w⁽²⁾₂ (printed as b⁽²⁾₁) ←", "0.8 − 0.1·(−0.2682)·0.7311", "0.8196", "0.6325"),
        ("b⁽²⁾ ←", "0 − 0.1·(−0.2682)", "0.0268", ""),
    ]
    assert [line["agrees"] for line in lines] == [False] * 18 + [None]


def test_two_layer_reasons_redo_the_articles_own_arithmetic():
    reasons = [line["reason"] for line in article.two_layer_lines()]

    assert reasons[0] == "The sum is 0.4; the printed 0.3 is the bias alone."
    assert reasons[1] == "It carries the wrong z; and σ(0.3) itself is 0.5744, not 0.5413."
    assert reasons[3] == "It carries the wrong z; and σ(0.6) itself is 0.6457, not 0.5266."
    assert "0.7·0.5413 + 0.8·0.5266 is 0.8002, not 0.8826" in reasons[4]
    assert "σ(0.8826) itself is 0.7074, not 0.6397" in reasons[5]
    assert "−ln 0.6397 itself is 0.4468, not 0.4255" in reasons[6]
    assert "(1 − 0.6397)·0.6397 is 0.2305, not 0.2119" in reasons[7]
    assert "(here 0.2403)" in reasons[8] and "0.7·0.2119·0.3621 is 0.0537, not 0.0455" in reasons[8]
    assert "(here 0.1966)" in reasons[9] and "0.8·0.2119·0.3621 is 0.0614, not 0.0574" in reasons[9]
    own = ["0.0788", "0.1788", "0.2788", "0.3788", "0.4788", "0.5788", "0.6788", "0.7788"]
    for reason, value in zip(reasons[10:18], own, strict=True):
        assert reason.startswith("The article subtracts α·δ⁽²⁾ from every parameter")
        assert f"is {value}, not" in reason
    assert "x₂ = 0, so this weight gets no gradient" in reasons[11]
    assert "its forward pass multiplies it by a⁽¹⁾₂" in reasons[17]


def two_layer_loss(params: np.ndarray) -> float:
    """J of the article's network (output weights 0.7 and 0.8, no bias) at flat `params`."""
    w11, w12, w21, w22, b1, b2, v1, v2, c = params
    x1, x2 = examples.TWO_LAYER_INPUT
    h1 = 1 / (1 + math.exp(-(w11 * x1 + w12 * x2 + b1)))
    h2 = 1 / (1 + math.exp(-(w21 * x1 + w22 * x2 + b2)))
    y_hat = 1 / (1 + math.exp(-(v1 * h1 + v2 * h2 + c)))
    return -math.log(y_hat)  # y = 1


def test_two_layer_gradients_match_finite_differences():
    start = np.array([0.1, 0.2, 0.4, 0.5, 0.3, 0.6, 0.7, 0.8, 0.0])
    eps = 1e-6
    numeric = np.array(
        [
            (
                two_layer_loss(start + eps * np.eye(9)[i])
                - two_layer_loss(start - eps * np.eye(9)[i])
            )
            / (2 * eps)
            for i in range(9)
        ]
    )
    step = examples.two_layer_example()
    hidden, output = step["layers"]
    engine = np.array(
        [*np.ravel(hidden["dW"]), *hidden["db"], *np.ravel(output["dW"]), *output["db"]]
    )

    np.testing.assert_allclose(engine, numeric, rtol=1e-7, atol=1e-10)
    # The page's "correct" column is one step of α = 0.1 down these very gradients.
    updated = [line["correct"] for line in article.two_layer_lines()[10:]]
    expected = start - 0.1 * numeric
    order = [0, 1, 4, 2, 3, 5, 6, 7, 8]  # w11 w12 b1 w21 w22 b2 v1 v2 c, as the lines run
    assert updated == [f"{expected[i]:.4f}".rstrip("0").rstrip(".") for i in order]


def test_two_layer_hidden_delta_is_the_transposed_rule():
    """δ⁽¹⁾ = (W⁽²⁾ᵀ δ⁽²⁾) ⊙ a⁽¹⁾(1 − a⁽¹⁾), checked against the engine's layers directly."""
    layers = [Dense.from_weights(W, b, act) for W, b, act in examples.two_layer_layers()]
    network = MLP.from_layers(layers, loss="bce")
    network.loss_and_gradients(np.array([[1.0, 0.0]]), np.array([[1.0]]))
    hidden, output = layers
    rule = (output.delta @ output.W) * hidden.a * (1 - hidden.a)

    np.testing.assert_allclose(hidden.delta, rule, rtol=1e-12)


@pytest.mark.skipif(
    not ARTICLE.exists() and not os.environ.get("CI"),
    reason="the source article (../shared/brief) is not beside this checkout",
)
def test_printed_figures_are_quoted_from_the_article():
    text = ARTICLE.read_text(encoding="utf-8")
    section = text[text.index("4.2.1 示例") :]
    section = section[: section.index("### 5.")]
    printed = examples.BRIEF_TWO_LAYER_PRINTED
    for key in ("z1_1", "z1_2"):
        assert f"= {printed[key]} \\]" in section
    for key, value in printed.items():
        if key not in ("z1_1", "z1_2", "hidden_factor"):
            assert f"= {value} \\]" in section or f"\\approx {value} \\]" in section, key
    assert "0.3621" in section
    for value in examples.BRIEF_ONE_LAYER_PRINTED:
        assert f"f(x) = {value:.4f} \\]" in text
