"""The public backprop walkthrough page: worked examples, form errors, toy training images."""

import base64
import re

import pytest
from django.urls import reverse

URL = "/ml/walkthrough/"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def backprop_query(**overrides):
    query = {
        "bp-x": "1, 0",
        "bp-w1": "0.1, 0.2; 0.4, 0.5",
        "bp-b1": "0.3, 0.6",
        "bp-activation1": "sigmoid",
        "bp-w2": "0.7, 0.8",
        "bp-b2": "0",
        "bp-activation2": "sigmoid",
        "bp-y": "1",
        "bp-loss": "bce",
        "bp-learning_rate": "0.1",
    }
    return query | {f"bp-{key}": value for key, value in overrides.items()}


def toy_query(**overrides):
    query = {
        "toy-dataset": "xor",
        "toy-hidden": "8",
        "toy-activation": "tanh",
        "toy-epochs": "60",
        "toy-learning_rate": "0.05",
        "toy-optimiser": "adam",
        "toy-seed": "0",
    }
    return query | {f"toy-{key}": value for key, value in overrides.items()}


def test_walkthrough_url_is_named():
    assert reverse("modeldemo:walkthrough") == URL


def test_walkthrough_default_shows_the_two_layer_example(client):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    step = response.context["step"]
    assert round(step["loss"], 4) == 0.3122
    assert [round(v, 4) for v in step["output"]] == [0.7318]
    # Forward, loss, δ, gradients and updates of reading A, as printed in the tables.
    for number in ["0.5987", "0.7311", "1.0039", "0.7318", "0.3122", "-0.2682", "-0.1605"]:
        assert number in html
    for number in ["-0.1960", "-0.0451", "-0.0422", "0.7161", "0.8196", "0.0268", "0.1045"]:
        assert number in html
    for number in ["0.4042", "0.3045", "0.6042"]:
        assert number in html
    # The reading-B column of the comparison table.
    assert response.context["comparison"]["kind"] == "two_layer"
    assert response.context["comparison"]["current"] == "A"
    for number in ["1.7308", "0.8495", "0.1631", "0.7090", "0.7110", "0.8150"]:
        assert number in html
    assert "not reproduced here" in html


def test_walkthrough_submitted_two_layer_values_are_recognised_as_the_example(client):
    response = client.get(URL, backprop_query(w2="0.7, 0.7", b2="0.8"))

    assert response.context["comparison"]["current"] == "B"
    assert round(response.context["step"]["loss"], 4) == 0.1631


def test_walkthrough_one_layer_example_sits_beside_the_brief(client):
    response = client.get(URL, {"example": "one_layer_elementwise"})

    assert response.status_code == 200
    html = response.content.decode()
    comparison = response.context["comparison"]
    assert comparison["kind"] == "one_layer"
    assert [row["matches"] for row in comparison["rows"]] == [True, False, False]
    assert [row["brief"] for row in comparison["rows"]] == [0.7311, 0.6703, 0.5364]
    for number in ["0.7311", "0.8176", "0.8808", "0.6703", "0.5364", "0.9707"]:
        assert number in html
    assert response.context["step"]["has_gradients"] is False


def test_walkthrough_custom_values_with_mse(client):
    # One sigmoid neuron, w = 0.5, x = 2, y = 0: a = σ(1) = 0.7311, J = ½a² = 0.2672,
    # δ = a·a(1 − a) = 0.1437, ∂J/∂w = 2δ = 0.2875, w ← 0.5 − 0.1·0.2875 = 0.4713.
    query = backprop_query(x="2", w1="0.5", b1="0", w2="", b2="", y="0", loss="mse")

    response = client.get(URL, query)

    html = response.content.decode()
    assert response.context["comparison"] is None
    assert response.context["step"]["shortcut"] is False
    for number in ["0.7311", "0.2672", "0.1437", "0.2875", "0.4713", "-0.0144"]:
        assert number in html


def test_walkthrough_non_number_weight_rerenders_with_an_error(client):
    response = client.get(URL, backprop_query(w1="0.1, abc; 0.4, 0.5"))

    assert response.status_code == 200
    assert response.context["step"] is None
    assert response.context["form"].errors["w1"] == ["“abc” is not a number."]
    html = response.content.decode()
    assert "“abc” is not a number." in html
    assert 'value="0.1, abc; 0.4, 0.5"' in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"b1": "0.3"}, "b1", "Layer 1 has 2 neurons, so it needs 2 biases."),
        (
            {"w2": "0.7, 0.8, 0.9"},
            "w2",
            "Each row of W⁽²⁾ needs 2 weights, one per layer-1 neuron.",
        ),
        ({"y": "1, 0"}, "y", "The output layer has 1 neurons, so y needs 1 values."),
        ({"y": "2"}, "y", "Cross-entropy targets lie between 0 and 1."),
        (
            {"activation2": "relu"},
            "loss",
            "Cross-entropy needs outputs in (0, 1): use a sigmoid or softmax output.",
        ),
        ({"activation1": "softmax"}, "activation1", "Softmax is offered on the output layer only."),
        ({"w1": "1, 2; 3"}, "w1", "Every row needs the same number of weights."),
        ({"x": "1e999, 0"}, "x", "Numbers must lie between −1000 and 1000."),
        ({"learning_rate": "fast"}, "learning_rate", "Enter a number."),
    ],
)
def test_walkthrough_inconsistent_input_names_the_field(client, overrides, field, message):
    response = client.get(URL, backprop_query(**overrides))

    assert response.status_code == 200
    assert response.context["step"] is None
    assert response.context["form"].errors[field] == [message]


def test_walkthrough_toy_training_returns_png_images(client):
    response = client.get(URL, toy_query())

    assert response.status_code == 200
    toy = response.context["toy"]
    assert toy["epochs_run"] == 60
    assert toy["accuracy"] == 1.0
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', response.content.decode())
    assert len(images) == 2
    assert all(base64.b64decode(image).startswith(PNG_MAGIC) for image in images)
    # The backprop panel still shows its default example next to the trained toy network.
    assert round(response.context["step"]["loss"], 4) == 0.3122


def test_walkthrough_toy_training_is_repeatable_with_a_seed(client):
    first = client.get(URL, toy_query(dataset="moons", optimiser="momentum", seed="3"))
    second = client.get(URL, toy_query(dataset="moons", optimiser="momentum", seed="3"))

    assert first.context["toy"]["train_loss"] == second.context["toy"]["train_loss"]
    assert first.context["toy"]["boundary_png"] == second.context["toy"]["boundary_png"]


def test_walkthrough_toy_early_stopping_reports_the_best_epoch(client):
    response = client.get(URL, toy_query(dataset="circles", epochs="400", early_stopping="on"))

    toy = response.context["toy"]
    assert toy["stopped_early"] is True
    assert toy["epochs_run"] == toy["best_epoch"] + 20
    assert f"weights of epoch {toy['best_epoch']} were kept" in response.content.decode()


def test_walkthrough_toy_epochs_over_the_cap_is_a_form_error(client):
    response = client.get(URL, toy_query(epochs="100000"))

    assert response.status_code == 200
    assert response.context["toy"] is None
    assert response.context["toy_form"].errors["epochs"] == [
        "Ensure this value is less than or equal to 400."
    ]
    assert "data:image/png" not in response.content.decode()


def test_walkthrough_forms_carry_each_others_values(client):
    response = client.get(URL, backprop_query(x="1, 1") | toy_query(dataset="circles"))

    html = response.content.decode()
    assert '<input type="hidden" name="toy-dataset" value="circles"' in html
    assert '<input type="hidden" name="bp-x" value="1, 1"' in html


def test_walkthrough_unknown_example_falls_back_to_the_default(client):
    response = client.get(URL, {"example": "nope"})

    assert response.status_code == 200
    assert response.context["comparison"]["current"] == "A"
