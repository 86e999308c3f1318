"""The public backprop walkthrough: the article's examples, the calculator, the toy trainer."""

import json

import pytest
from django.urls import reverse

URL = "/ml/walkthrough/"
STEP_URL = "/ml/walkthrough/step/"
TOY_URL = "/ml/walkthrough/toy/"


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


def test_walkthrough_default_shows_the_two_layer_example_with_its_working(client):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    step = response.context["step"]
    assert step["loss_text"] == "0.3122"
    assert step["output_text"] == "0.7318"
    hidden, output = step["layers"]
    assert [n["z_working"] for n in hidden["neurons"]] == [
        "0.1·1 + 0.2·0 + 0.3",
        "0.4·1 + 0.5·0 + 0.6",
    ]
    assert [n["a_working"] for n in hidden["neurons"]] == ["1/(1 + e^(−0.4))", "1/(1 + e^(−1))"]
    assert [n["delta_working"] for n in hidden["neurons"]] == [
        "0.7·(−0.2682)·0.5987·(1 − 0.5987)",
        "0.8·(−0.2682)·0.7311·(1 − 0.7311)",
    ]
    assert [n["delta_text"] for n in hidden["neurons"]] == ["−0.0451", "−0.0422"]
    neuron = output["neurons"][0]
    assert (neuron["z_working"], neuron["z_text"]) == ("0.7·0.5987 + 0.8·0.7311 + 0", "1.0039")
    assert (neuron["delta_working"], neuron["delta_text"]) == ("0.7318 − 1", "−0.2682")
    assert (neuron["b_new_working"], neuron["b_new_text"]) == ("0 − 0.1·(−0.2682)", "0.0268")
    assert [
        (w["dw_working"], w["dw_text"], w["w_new_working"], w["w_new_text"])
        for w in neuron["weights"]
    ] == [
        ("(−0.2682)·0.5987", "−0.1605", "0.7 − 0.1·(−0.1605)", "0.7161"),
        ("(−0.2682)·0.7311", "−0.196", "0.8 − 0.1·(−0.196)", "0.8196"),
    ]
    assert step["loss_working"] == "−[1·ln 0.7318 + 0·ln 0.2682]"
    for text in ["0.1·1 + 0.2·0 + 0.3", "= <strong>0.4042</strong>", "= <strong>0.3045</strong>"]:
        assert text in html


def test_walkthrough_shows_both_article_examples_beside_the_printed_figures(client):
    response = client.get(URL)

    html = response.content.decode()
    assert len(response.context["one_layer_lines"]) == 4
    assert len(response.context["two_layer_lines"]) == 19
    for printed in ["0.6703", "0.5364", "0.5413", "0.5266", "0.8826", "0.6397", "0.4255", "0.2119"]:
        assert f'data-label="the article prints">{printed}' in html
    for printed in ["0.0455", "0.0574", "0.0879", "0.1890", "0.2861", "0.3241", "0.3969", "0.3495"]:
        assert f'data-label="the article prints">{printed}' in html
    for printed in ["0.5817", "0.6325"]:
        assert f'data-label="the article prints">{printed}' in html
    assert "it uses 0.8 as a second output weight" in html
    # Plain words on the page: no "brief", no "reading A/B".
    assert "brief" not in html.lower()
    assert "reading A" not in html and "reading B" not in html


def test_walkthrough_links_the_rules_document(client):
    html = client.get(URL).content.decode()

    assert 'href="/ml/walkthrough/rules/"' in html
    assert "δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) ⊙ σ′(z⁽ˡ⁾)" in html
    assert "σ′(z) = e⁻ᶻ/(1 + e⁻ᶻ)² = σ(z)·(1 − σ(z)) = a(1 − a)" in html
    assert "(ŷ − y)/(ŷ(1 − ŷ)) · ŷ(1 − ŷ) = ŷ − y" in html


def test_walkthrough_rules_shows_docs_backprop_md(client):
    response = client.get("/ml/walkthrough/rules/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "# The MLP and backpropagation, as the engine computes them" in html
    assert "δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) ⊙ σ′(z⁽ˡ⁾)" in html


def test_walkthrough_submitted_values_with_the_output_bias_are_recognised(client):
    response = client.get(URL, backprop_query(w2="0.7, 0.7", b2="0.8"))

    assert response.context["example_form"].initial["example"] == "two_layer_bias"
    assert response.context["step"]["loss_text"] == "0.1631"


def test_walkthrough_one_layer_example_loads_into_the_calculator(client):
    response = client.get(URL, {"example": "one_layer"})

    assert response.status_code == 200
    step = response.context["step"]
    assert step["has_gradients"] is False
    assert step["output_text"] == "0.7311, 0.8176, 0.8808"
    assert [n["z_working"] for n in step["layers"][0]["neurons"]] == [
        "0.5·1 + 0·2 + 0·3 + 0.5",
        "0·1 + 0.5·2 + 0·3 + 0.5",
        "0·1 + 0·2 + 0.5·3 + 0.5",
    ]


def test_walkthrough_custom_values_with_mse(client):
    # One sigmoid neuron, w = 0.5, x = 2, y = 0: a = σ(1) = 0.7311, J = ½a² = 0.2672,
    # δ = a·a(1 − a) = 0.1437, ∂J/∂w = 2δ = 0.2875, w ← 0.5 − 0.1·0.2875 = 0.4713.
    query = backprop_query(x="2", w1="0.5", b1="0", w2="", b2="", y="0", loss="mse")

    response = client.get(URL, query)

    step = response.context["step"]
    assert step["shortcut"] is False
    assert (step["loss_working"], step["loss_text"]) == ("½·[(0.7311 − 0)²]", "0.2672")
    neuron = step["layers"][0]["neurons"][0]
    assert neuron["delta_working"] == "(0.7311 − 0)·0.7311·(1 − 0.7311)"
    assert (neuron["delta_text"], neuron["b_new_text"]) == ("0.1437", "−0.0144")
    weight = neuron["weights"][0]
    assert (weight["dw_working"], weight["dw_text"]) == ("0.1437·2", "0.2875")
    assert (weight["w_new_working"], weight["w_new_text"]) == ("0.5 − 0.1·0.2875", "0.4713")
    assert "δ<sub>j</sub> = ∂J/∂a<sub>j</sub>·σ′(z<sub>j</sub>)" in response.content.decode()


def test_walkthrough_tanh_hidden_layer_shows_its_slope(client):
    response = client.get(URL, backprop_query(activation1="tanh"))

    hidden = response.context["step"]["layers"][0]
    assert hidden["neurons"][0]["a_working"] == "tanh(0.4)"
    assert hidden["neurons"][0]["delta_working"] == "0.7·(−0.2942)·(1 − 0.3799²)"


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


def test_walkthrough_step_returns_the_tables_alone(client):
    response = client.get(STEP_URL, backprop_query(x="1, 1"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" not in html
    assert "0.1·1 + 0.2·1 + 0.3" in html
    assert response.context["step"]["output_text"] == "0.7514"


def test_walkthrough_step_lists_the_errors(client):
    response = client.get(STEP_URL, backprop_query(w1="0.1, abc; 0.4, 0.5"))

    assert response.status_code == 200
    assert "Layer 1 weights W⁽¹⁾: “abc” is not a number." in response.content.decode()


def test_walkthrough_toy_training_without_javascript_draws_the_figures(client):
    response = client.get(URL, toy_query())

    assert response.status_code == 200
    toy = response.context["toy"]
    assert toy["epochs_run"] == 60
    assert toy["accuracy"] == 1.0
    html = response.content.decode()
    assert html.count('<svg class="loss-curve"') == 1
    assert html.count("<rect x=") == 24 * 24
    assert html.count('<circle class="class-') == 200
    assert '<strong class="num" id="toy-accuracy">1.000</strong>' in html
    # The backprop panel still shows its default example next to the trained toy network.
    assert response.context["step"]["loss_text"] == "0.3122"


def test_walkthrough_toy_training_is_repeatable_with_a_seed(client):
    first = client.get(URL, toy_query(dataset="moons", optimiser="momentum", seed="3"))
    second = client.get(URL, toy_query(dataset="moons", optimiser="momentum", seed="3"))

    assert first.context["toy"]["train_loss"] == second.context["toy"]["train_loss"]
    assert first.context["toy"]["boundary"] == second.context["toy"]["boundary"]


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
    assert "<svg" not in response.content.decode()


def test_walkthrough_toy_chunks_train_from_the_state_sent_back(client):
    first = client.post(TOY_URL, toy_query()).json()
    second = client.post(TOY_URL, toy_query() | {"toy-state": json.dumps(first["state"])}).json()

    assert (first["epochs_run"], first["done"]) == (10, False)
    assert (second["epochs_run"], second["done"]) == (20, False)
    assert second["accuracy"] == 1.0
    assert len(second["state"]["train_loss"]) == 20
    assert second["train_loss"] == second["state"]["train_loss"][-1] < first["train_loss"]
    assert '<strong class="num" id="toy-accuracy">1.000</strong>' in second["html"]


def test_walkthrough_toy_chunk_refuses_a_broken_state(client):
    response = client.post(TOY_URL, toy_query() | {"toy-state": '{"epoch": 3}'})

    assert response.status_code == 400
    assert response.json() == {"errors": {"state": ["The training state does not fit."]}}


def test_walkthrough_toy_chunk_form_errors_are_json(client):
    response = client.post(TOY_URL, toy_query(hidden="0"))

    assert response.status_code == 400
    assert response.json()["errors"]["hidden"] == [
        "Ensure this value is greater than or equal to 1."
    ]


def test_walkthrough_toy_chunk_needs_a_post(client):
    assert client.get(TOY_URL, toy_query()).status_code == 405


def test_walkthrough_forms_carry_each_others_values(client):
    response = client.get(URL, backprop_query(x="1, 1") | toy_query(dataset="circles"))

    html = response.content.decode()
    assert '<input type="hidden" name="toy-dataset" value="circles"' in html
    assert '<input type="hidden" name="bp-x" value="1, 1"' in html


def test_walkthrough_unknown_example_falls_back_to_the_default(client):
    response = client.get(URL, {"example": "nope"})

    assert response.status_code == 200
    assert response.context["example_form"].initial["example"] == "two_layer"


@pytest.mark.parametrize("url", [URL, STEP_URL, "/ml/walkthrough/rules/"])
def test_walkthrough_pages_answer_head_requests(client, url):
    assert client.head(url).status_code == 200
