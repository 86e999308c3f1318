"""The engine's backpropagation against central finite differences and torch autograd."""

import numpy as np
import pytest
import torch

from modeldemo.mlp.network import MLP

SHAPES = [(3, 4, 2), (2, 5, 3, 3), (4, 2)]
HIDDEN = ["sigmoid", "tanh", "relu", "identity"]
# Every (output activation, loss) pair whose loss is defined on that activation's range:
# the cross-entropies need outputs in (0, 1), mean squared error takes anything.
OUTPUT_PAIRS = [
    ("sigmoid", "mse"),
    ("tanh", "mse"),
    ("relu", "mse"),
    ("identity", "mse"),
    ("softmax", "mse"),
    ("sigmoid", "bce"),
    ("softmax", "bce"),
    ("sigmoid", "cce"),
    ("softmax", "cce"),
]
N_SAMPLES = 6


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def make_case(shape, hidden, output, loss, seed=0):
    rng = np.random.default_rng(seed)
    network = MLP(
        shape,
        hidden_activation=hidden,
        output_activation=output,
        loss=loss,
        seed=seed,
        dtype=np.float64,
    )
    # Non-zero biases, so that their gradients are exercised from the start.
    for layer in network.layers:
        layer.b[...] = rng.normal(0.0, 0.5, size=layer.b.shape)
    X = rng.normal(size=(N_SAMPLES, shape[0]))
    n_out = shape[-1]
    if loss == "cce":
        y = np.eye(n_out)[rng.integers(0, n_out, size=N_SAMPLES)]
    elif loss == "bce":
        y = rng.integers(0, 2, size=(N_SAMPLES, n_out)).astype(float)
    else:
        y = rng.uniform(0.0, 1.0, size=(N_SAMPLES, n_out))
    return network, X, y


def torch_gradients(network: MLP, X, y) -> list[np.ndarray]:
    """The same network and loss written directly in torch; autograd does the calculus."""
    functions = {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "identity": lambda z: z,
        "softmax": lambda z: torch.softmax(z, dim=1),
    }
    params = [
        torch.tensor(array, dtype=torch.float64, requires_grad=True)
        for array in network.get_weights()
    ]
    a = torch.tensor(X, dtype=torch.float64)
    t = torch.tensor(y, dtype=torch.float64)
    for i, layer in enumerate(network.layers):
        W, b = params[2 * i], params[2 * i + 1]
        a = functions[layer.activation.name](a @ W.T + b)
    n = X.shape[0]
    if network.loss.name == "mse":
        loss = 0.5 * ((a - t) ** 2).sum() / n
    elif network.loss.name == "bce":
        loss = torch.nn.functional.binary_cross_entropy(a, t, reduction="sum") / n
    else:
        loss = -(t * torch.log(a)).sum() / n
    loss.backward()
    return [p.grad.numpy() for p in params]


def finite_difference_gradients(network: MLP, X, y, h=1e-6) -> list[np.ndarray]:
    gradients = []
    for layer in network.layers:
        for param in (layer.W, layer.b):
            grad = np.zeros_like(param)
            for index in np.ndindex(param.shape):
                original = param[index]
                param[index] = original + h
                plus = network.evaluate(X, y)
                param[index] = original - h
                minus = network.evaluate(X, y)
                param[index] = original
                grad[index] = (plus - minus) / (2 * h)
            gradients.append(grad)
    return gradients


def engine_gradients(network: MLP, X, y, *, shortcut=True) -> list[np.ndarray]:
    network.loss_and_gradients(X, y, shortcut=shortcut)
    return [grad.copy() for _, grad in network.parameters()]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize(("output", "loss"), OUTPUT_PAIRS)
def test_gradients_match_finite_differences_and_torch(shape, hidden, output, loss):
    network, X, y = make_case(shape, hidden, output, loss)

    ours = engine_gradients(network, X, y)
    numeric = finite_difference_gradients(network, X, y)
    reference = torch_gradients(network, X, y)

    assert len(ours) == 2 * (len(shape) - 1)
    for mine, fd, auto in zip(ours, numeric, reference, strict=True):
        assert mine.shape == fd.shape == auto.shape
        assert relative_error(mine, fd) < 1e-6
        assert relative_error(mine, auto) < 1e-6
        np.testing.assert_allclose(mine, auto, rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize(("output", "loss"), [("sigmoid", "bce"), ("softmax", "cce")])
def test_output_shortcut_equals_full_chain_rule(output, loss):
    network, X, y = make_case((3, 4, 3), "tanh", output, loss, seed=3)

    shortcut = engine_gradients(network, X, y, shortcut=True)
    full = engine_gradients(network, X, y, shortcut=False)

    for a, b in zip(shortcut, full, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-14)


def test_output_delta_is_a_minus_y_over_n_with_the_shortcut():
    network, X, y = make_case((3, 4, 2), "relu", "softmax", "cce", seed=5)

    network.loss_and_gradients(X, y)

    output = network.layers[-1]
    np.testing.assert_array_equal(output.delta, (output.a - y) / N_SAMPLES)
