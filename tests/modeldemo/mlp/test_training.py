"""Training: XOR, early stopping, seeding, the optimisers' update rules and the toy sets."""

import numpy as np
import pytest

from modeldemo.mlp import toy
from modeldemo.mlp.network import MLP, one_hot
from modeldemo.mlp.optimisers import SGD, Adam, Momentum, get_optimiser


def xor_network(seed=0) -> MLP:
    return MLP((2, 8, 1), hidden_activation="tanh", output_activation="sigmoid", seed=seed)


def test_xor_reaches_full_accuracy_with_a_seed():
    network = xor_network(seed=0)

    history = network.fit(
        toy.XOR_INPUTS,
        toy.XOR_LABELS,
        epochs=500,
        batch_size=4,
        optimiser="adam",
        learning_rate=0.05,
        seed=0,
    )

    assert network.predict(toy.XOR_INPUTS).tolist() == [0, 1, 1, 0]
    assert history["epochs_run"] == 500
    assert history["train_loss"][-1] < 0.05 < history["train_loss"][0]
    assert history["val_loss"] == []


def test_training_is_float32_and_same_seed_gives_identical_weights():
    X, y = toy.two_moons(120, seed=1)
    runs = []
    for _ in range(2):
        network = MLP((2, 6, 1), hidden_activation="relu", seed=7)
        network.fit(X, y, epochs=20, batch_size=16, optimiser="momentum", seed=7)
        runs.append(network.get_weights())
    other = MLP((2, 6, 1), hidden_activation="relu", seed=8)
    other.fit(X, y, epochs=20, batch_size=16, optimiser="momentum", seed=8)

    assert [w.dtype for w in runs[0]] == [np.float32] * 4
    assert all(np.array_equal(a, b) for a, b in zip(runs[0], runs[1], strict=True))
    assert not np.array_equal(runs[0][0], other.get_weights()[0])


def test_early_stopping_stops_on_a_flat_validation_loss():
    X, y = toy.circles(100, seed=2)
    network = MLP((2, 4, 1), seed=0)

    # A zero learning rate: the loss is flat from the first epoch, the best one.
    history = network.fit(
        X, y, epochs=100, learning_rate=0.0, validation_split=0.2, patience=5, optimiser="sgd"
    )

    assert history["stopped_early"] is True
    assert history["best_epoch"] == 1
    assert history["epochs_run"] == 6
    assert len(history["val_loss"]) == 6
    assert len(set(history["val_loss"])) == 1


def test_early_stopping_restores_the_best_epoch_after_a_plateau():
    X, y = toy.two_moons(200, noise=0.3, seed=3)
    network = MLP((2, 16, 1), hidden_activation="tanh", seed=0)

    history = network.fit(
        X,
        y,
        epochs=3000,
        batch_size=32,
        learning_rate=0.05,
        validation_split=0.25,
        patience=15,
        min_delta=1e-4,
    )

    assert history["stopped_early"] is True
    assert history["epochs_run"] < 3000
    assert history["epochs_run"] == history["best_epoch"] + 15
    best = history["val_loss"][history["best_epoch"] - 1]
    assert best == min(history["val_loss"])
    assert all(loss > best - 1e-4 for loss in history["val_loss"][history["best_epoch"] :])
    # The same run cut at the best epoch ends with exactly the restored weights.
    replay = MLP((2, 16, 1), hidden_activation="tanh", seed=0)
    replay.fit(
        X,
        y,
        epochs=history["best_epoch"],
        batch_size=32,
        learning_rate=0.05,
        validation_split=0.25,
    )
    pairs = zip(network.get_weights(), replay.get_weights(), strict=True)
    assert all(np.array_equal(a, b) for a, b in pairs)


def test_softmax_network_learns_three_blobs():
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 3.0], [3.0, 0.0], [-3.0, -3.0]])
    labels = np.repeat(np.arange(3), 30)
    X = centres[labels] + rng.normal(0.0, 0.5, size=(90, 2))
    network = MLP((2, 8, 3), output_activation="softmax", loss="cce", seed=0)

    network.fit(X, one_hot(labels, 3), epochs=60, learning_rate=0.02)

    assert (network.predict(X) == labels).mean() == 1.0
    assert network.predict_proba(X).sum(axis=1) == pytest.approx(np.ones(90), abs=1e-5)


def test_sgd_step_is_theta_minus_alpha_gradient():
    param, grad = np.array([1.0, -2.0]), np.array([0.5, 0.25])

    SGD(learning_rate=0.1).step([(param, grad)])

    assert param.tolist() == [0.95, -2.025]


def test_momentum_accumulates_a_velocity():
    param = np.array([1.0])
    optimiser = Momentum(learning_rate=0.1, beta=0.9)

    optimiser.step([(param, np.array([1.0]))])  # v = 1
    optimiser.step([(param, np.array([2.0]))])  # v = 0.9·1 + 2 = 2.9

    assert param[0] == pytest.approx(1.0 - 0.1 * 1.0 - 0.1 * 2.9, abs=1e-15)


def test_adam_first_step_moves_each_parameter_by_the_learning_rate():
    param = np.array([1.0, 1.0])
    grad = np.array([4.0, -0.001])

    Adam(learning_rate=0.01).step([(param, grad)])

    # m̂ = g and v̂ = g² after one step, so the move is α·g/(|g| + ε) ≈ α·sign(g).
    assert param == pytest.approx([0.99, 1.01], abs=1e-7)


@pytest.mark.parametrize("name", ["xor", "moons", "circles"])
def test_toy_sets_are_seeded_and_balanced_enough(name):
    X, y = toy.make_dataset(name, 200, seed=4)
    again, y_again = toy.make_dataset(name, 200, seed=4)
    other, _ = toy.make_dataset(name, 200, seed=5)

    assert X.shape == (200, 2)
    assert y.shape == (200,)
    assert set(y.tolist()) == {0, 1}
    assert 60 <= int(y.sum()) <= 140
    assert np.array_equal(X, again) and np.array_equal(y, y_again)
    assert not np.array_equal(X, other)


def test_toy_set_unknown_name_raises():
    with pytest.raises(ValueError, match="unknown toy set"):
        toy.make_dataset("spirals")


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_optimiser_state_resumes_exactly(name):
    """get_state/set_state: stopping after 3 steps and resuming equals 6 steps in a row."""
    X, y = toy.make_dataset("xor", 40, seed=1)

    def network():
        return MLP((2, 4, 1), hidden_activation="tanh", seed=2)

    straight = network()
    opt = get_optimiser(name, 0.05)
    for _ in range(6):
        straight.loss_and_gradients(X, y)
        opt.step(straight.parameters())

    first = network()
    opt = get_optimiser(name, 0.05)
    for _ in range(3):
        first.loss_and_gradients(X, y)
        opt.step(first.parameters())
    resumed = network()
    resumed.set_weights(first.get_weights())
    opt_again = get_optimiser(name, 0.05)
    opt_again.set_state(opt.get_state())
    for _ in range(3):
        resumed.loss_and_gradients(X, y)
        opt_again.step(resumed.parameters())

    for a, b in zip(straight.get_weights(), resumed.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
