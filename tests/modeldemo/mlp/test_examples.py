"""The brief's worked examples: the engine's numbers against arithmetic done here by hand.

The expected values are written out (4 decimals) and re-derived with the math module, one
scalar at a time, so neither depends on the engine.
"""

import math

import pytest

from modeldemo.mlp.examples import (
    BRIEF_ONE_LAYER_PRINTED,
    BRIEF_TWO_LAYER_PRINTED,
    backprop_step,
    one_layer_example,
    two_layer_example,
    two_layer_examples,
)


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def rounded(values, places=4):
    if isinstance(values, list):
        return [rounded(v, places) for v in values]
    return round(values, places)


def hand_two_layer(w2_1: float, w2_2: float, b2: float) -> dict:
    """x = [1, 0], y = 1, hidden rows (0.1, 0.2 | 0.3) and (0.4, 0.5 | 0.6), α = 0.1."""
    x1, x2, y, alpha = 1.0, 0.0, 1.0, 0.1
    z1 = 0.1 * x1 + 0.2 * x2 + 0.3
    z2 = 0.4 * x1 + 0.5 * x2 + 0.6
    h1, h2 = sigmoid(z1), sigmoid(z2)
    zo = w2_1 * h1 + w2_2 * h2 + b2
    o = sigmoid(zo)
    loss = -(y * math.log(o) + (1 - y) * math.log(1 - o))
    # dJ/do = -(y/o) + (1-y)/(1-o); do/dzo = o(1-o): the product is o - y.
    d_out = (-(y / o) + (1 - y) / (1 - o)) * o * (1 - o)
    d1 = d_out * w2_1 * h1 * (1 - h1)
    d2 = d_out * w2_2 * h2 * (1 - h2)
    return {
        "z_hidden": [z1, z2],
        "a_hidden": [h1, h2],
        "z_out": zo,
        "out": o,
        "loss": loss,
        "delta_out": d_out,
        "dW_out": [d_out * h1, d_out * h2],
        "delta_hidden": [d1, d2],
        "dW_hidden": [[d1 * x1, d1 * x2], [d2 * x1, d2 * x2]],
        "W_out_new": [w2_1 - alpha * d_out * h1, w2_2 - alpha * d_out * h2],
        "b_out_new": b2 - alpha * d_out,
        "W_hidden_new": [
            [0.1 - alpha * d1 * x1, 0.2 - alpha * d1 * x2],
            [0.4 - alpha * d2 * x1, 0.5 - alpha * d2 * x2],
        ],
        "b_hidden_new": [0.3 - alpha * d1, 0.6 - alpha * d2],
    }


def test_one_layer_example_dot_product_reading():
    example = one_layer_example()

    layer = example["dot"]["layers"][0]
    assert layer["z"] == [3.5]
    assert rounded(layer["a"]) == [0.9707]
    assert layer["a"][0] == pytest.approx(sigmoid(0.5 * (1 + 2 + 3) + 0.5), abs=1e-12)


def test_one_layer_example_elementwise_reading_against_the_brief():
    example = one_layer_example()

    layer = example["elementwise"]["layers"][0]
    assert layer["z"] == [1.0, 1.5, 2.0]
    assert rounded(layer["a"]) == [0.7311, 0.8176, 0.8808]
    assert layer["a"] == pytest.approx([sigmoid(1.0), sigmoid(1.5), sigmoid(2.0)], abs=1e-12)
    assert example["brief_printed"] == BRIEF_ONE_LAYER_PRINTED == [0.7311, 0.6703, 0.5364]
    assert example["matches_brief"] == [True, False, False]


def test_two_layer_example_reading_a_forward_and_loss():
    example = two_layer_example("A")
    hand = hand_two_layer(0.7, 0.8, 0.0)
    hidden, output = example["layers"]

    assert example["primary"] is True
    # The brief's own arithmetic uses this reading, so its printed figures come with it.
    assert example["brief_printed"] == BRIEF_TWO_LAYER_PRINTED
    assert example["brief_printed"]["z2"] == "0.8826"
    assert rounded(hidden["z"]) == [0.4, 1.0]
    assert rounded(hidden["a"]) == [0.5987, 0.7311]
    assert rounded(output["z"]) == [1.0039]
    assert rounded(example["output"]) == [0.7318]
    assert round(example["loss"], 4) == 0.3122
    assert hidden["a"] == pytest.approx(hand["a_hidden"], abs=1e-12)
    assert output["z"] == pytest.approx([hand["z_out"]], abs=1e-12)
    assert example["loss"] == pytest.approx(hand["loss"], abs=1e-12)


def test_two_layer_example_reading_a_deltas_and_gradients():
    example = two_layer_example("A")
    hand = hand_two_layer(0.7, 0.8, 0.0)
    hidden, output = example["layers"]

    assert rounded(output["delta"]) == [-0.2682]
    assert rounded(output["dW"]) == [[-0.1605, -0.196]]
    assert rounded(output["db"]) == [-0.2682]
    assert rounded(hidden["delta"]) == [-0.0451, -0.0422]
    assert rounded(hidden["dW"]) == [[-0.0451, 0.0], [-0.0422, 0.0]]
    assert rounded(hidden["db"]) == [-0.0451, -0.0422]
    assert output["delta"] == pytest.approx([hand["delta_out"]], abs=1e-12)
    assert output["dW"] == [pytest.approx(hand["dW_out"], abs=1e-12)]
    assert hidden["delta"] == pytest.approx(hand["delta_hidden"], abs=1e-12)
    assert hidden["dW"][0] == pytest.approx(hand["dW_hidden"][0], abs=1e-12)
    assert hidden["dW"][1] == pytest.approx(hand["dW_hidden"][1], abs=1e-12)


def test_two_layer_example_reading_a_updated_weights():
    example = two_layer_example("A")
    hand = hand_two_layer(0.7, 0.8, 0.0)
    hidden, output = example["layers"]

    assert rounded(output["W_new"]) == [[0.7161, 0.8196]]
    assert rounded(output["b_new"]) == [0.0268]
    assert rounded(hidden["W_new"]) == [[0.1045, 0.2], [0.4042, 0.5]]
    assert rounded(hidden["b_new"]) == [0.3045, 0.6042]
    assert output["W_new"] == [pytest.approx(hand["W_out_new"], abs=1e-12)]
    assert output["b_new"] == pytest.approx([hand["b_out_new"]], abs=1e-12)
    assert hidden["W_new"][0] == pytest.approx(hand["W_hidden_new"][0], abs=1e-12)
    assert hidden["W_new"][1] == pytest.approx(hand["W_hidden_new"][1], abs=1e-12)
    assert hidden["b_new"] == pytest.approx(hand["b_hidden_new"], abs=1e-12)


def test_two_layer_example_reading_b_shared_weight_and_bias():
    example = two_layer_example("B")
    hand = hand_two_layer(0.7, 0.7, 0.8)
    hidden, output = example["layers"]

    assert example["primary"] is False
    assert output["W"] == [[0.7, 0.7]]
    assert output["b"] == [0.8]
    assert rounded(output["z"]) == [1.7308]
    assert rounded(example["output"]) == [0.8495]
    assert round(example["loss"], 4) == 0.1631
    assert rounded(output["delta"]) == [-0.1505]
    assert rounded(output["dW"]) == [[-0.0901, -0.11]]
    assert rounded(hidden["delta"]) == [-0.0253, -0.0207]
    assert rounded(output["W_new"]) == [[0.709, 0.711]]
    assert rounded(output["b_new"]) == [0.815]
    assert rounded(hidden["W_new"]) == [[0.1025, 0.2], [0.4021, 0.5]]
    assert rounded(hidden["b_new"]) == [0.3025, 0.6021]
    assert example["loss"] == pytest.approx(hand["loss"], abs=1e-12)
    assert hidden["b_new"] == pytest.approx(hand["b_hidden_new"], abs=1e-12)
    assert output["W_new"] == [pytest.approx(hand["W_out_new"], abs=1e-12)]


def test_two_layer_examples_holds_both_readings():
    examples = two_layer_examples()

    assert sorted(examples) == ["A", "B"]
    assert [e["reading"] for e in examples.values()] == ["A", "B"]


def test_backprop_step_with_mse_uses_the_full_chain_rule():
    # One sigmoid neuron, J = ½(a − y)²: δ = (a − y)·a(1 − a), by hand.
    step = backprop_step([2.0], [([[0.5]], [0.0], "sigmoid")], y=[0.0], loss="mse")

    a = sigmoid(1.0)
    layer = step["layers"][0]
    assert step["shortcut"] is False
    assert step["loss"] == pytest.approx(0.5 * a * a, abs=1e-15)
    assert layer["delta"] == pytest.approx([a * a * (1 - a)], abs=1e-15)
    assert layer["dW"] == [pytest.approx([2.0 * a * a * (1 - a)], abs=1e-15)]
    assert rounded(layer["W_new"]) == [[0.4713]]


def test_backprop_step_without_target_is_forward_only():
    step = backprop_step([1.0, 2.0], [([[1.0, -1.0]], [0.5], "relu")])

    assert step["loss"] is None
    assert step["output"] == [0.0]
    assert "delta" not in step["layers"][0]
