"""The toy trainer in chunks: resumable, seeded, fast, and strict about the state it is sent."""

import json
import time

import pytest

from modeldemo.walkthrough import toy

XOR = {
    "dataset": "xor",
    "hidden": 8,
    "activation": "tanh",
    "epochs": 60,
    "learning_rate": 0.05,
    "optimiser": "adam",
    "seed": 0,
    "early_stopping": False,
}


def through_json(state):
    # The browser keeps the state as JSON between chunks.
    return json.loads(json.dumps(state))


def run_in_chunks(cleaned, size):
    state, replies = None, []
    while True:
        reply = toy.train_toy_chunk(cleaned, state, epochs=size)
        replies.append(reply)
        if reply["done"]:
            return replies
        state = through_json(reply["state"])


@pytest.mark.parametrize("optimiser", ["sgd", "momentum", "adam"])
def test_train_toy_chunk_chunks_give_the_same_weights_as_one_run(optimiser):
    cleaned = XOR | {"optimiser": optimiser, "epochs": 25}

    whole = toy.train_toy_chunk(cleaned, epochs=25)
    chunked = run_in_chunks(cleaned, 7)

    assert [reply["epochs_run"] for reply in chunked] == [7, 14, 21, 25]
    assert chunked[-1]["state"]["weights"] == whole["state"]["weights"]
    assert chunked[-1]["state"]["train_loss"] == whole["state"]["train_loss"]


def test_train_toy_chunk_xor_reaches_full_accuracy_within_a_few_chunks():
    replies = run_in_chunks(XOR, toy.TOY_CHUNK_EPOCHS)

    assert replies[0]["accuracy"] == 1.0
    losses = replies[-1]["state"]["train_loss"]
    assert len(losses) == 60
    assert losses[-1] < losses[9] / 10 < losses[0] / 10
    assert replies[-1]["done"] is True


def test_train_toy_chunk_early_stopping_keeps_the_best_epoch_across_chunks():
    cleaned = XOR | {"dataset": "circles", "epochs": 400, "early_stopping": True}

    whole = toy.train_toy_chunk(cleaned, epochs=400)
    last = run_in_chunks(cleaned, toy.TOY_CHUNK_EPOCHS)[-1]

    assert whole["stopped_early"] is True
    assert whole["epochs_run"] == whole["best_epoch"] + toy.TOY_PATIENCE
    assert (last["best_epoch"], last["epochs_run"]) == (whole["best_epoch"], whole["epochs_run"])
    assert last["state"]["weights"] == whole["state"]["weights"]
    assert (
        last["val_loss"] == whole["val_loss"] == whole["state"]["val_loss"][whole["best_epoch"] - 1]
    )


def test_train_toy_chunk_figures_cover_the_grid_and_the_points():
    reply = toy.train_toy_chunk(XOR, epochs=10)

    assert len(reply["boundary"]["cells"]) == 24 * 24
    assert len(reply["boundary"]["points"]) == 200
    assert len(reply["loss_curve"]["train_points"].split()) == 10
    assert reply["loss_curve"]["train_points"].startswith("0.0,")


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.update(epoch=-1),
        lambda s: s.update(epoch=True),
        lambda s: s.update(weights=s["weights"][:3]),
        lambda s: s["weights"][0].append([0.0, 0.0]),
        lambda s: s["weights"][1].__setitem__(0, "NaN"),
        lambda s: s.update(train_loss=s["train_loss"][:-1]),
        lambda s: s["optimiser"].update(t=-5),
        lambda s: s["optimiser"].update(m=[]),
        lambda s: s.update(best_epoch=99),
        lambda s: s.update(optimiser=None),
    ],
)
def test_train_toy_chunk_refuses_a_state_that_does_not_fit(change):
    state = through_json(toy.train_toy_chunk(XOR, epochs=5)["state"])
    change(state)

    with pytest.raises(toy.ToyStateError):
        toy.train_toy_chunk(XOR, state, epochs=5)


def test_train_toy_chunk_state_of_another_network_size_is_refused():
    state = through_json(toy.train_toy_chunk(XOR, epochs=5)["state"])

    with pytest.raises(toy.ToyStateError):
        toy.train_toy_chunk(XOR | {"hidden": 9}, state, epochs=5)


def test_train_toy_chunk_stays_fast_for_the_largest_network():
    largest = XOR | {"hidden": 32, "activation": "relu", "epochs": 400}

    started = time.perf_counter()
    toy.train_toy_chunk(largest, epochs=toy.TOY_CHUNK_EPOCHS)
    chunk = time.perf_counter() - started
    started = time.perf_counter()
    toy.train_toy_chunk(largest, epochs=400)  # the page without JavaScript
    whole = time.perf_counter() - started

    # Generous bounds for a busy CI machine; about 0.01 s and 0.25 s on one idle core.
    assert chunk < 0.2
    assert whole < 1.0
