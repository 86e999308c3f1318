"""The toy trainer: a 2 → hidden → 1 network on XOR, moons or circles, trained in chunks.

A chunk trains a few epochs from a state the browser sends back (weights, optimiser moments,
loss history), so every request stays in the tens of milliseconds and the page can draw the
loss as it falls. Nothing is stored on the server. Everything is seeded: the same form and the
same number of epochs give the same weights however the epochs were split into chunks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from modeldemo.mlp.network import MLP
from modeldemo.mlp.optimisers import get_optimiser
from modeldemo.mlp.toy import make_dataset
from modeldemo.walkthrough import plots
from modeldemo.walkthrough.forms import MAX_TOY_EPOCHS

TOY_PREFIX = "toy"
TOY_POINTS = 200
TOY_BATCH_SIZE = 32
TOY_VALIDATION_POINTS = 50  # a quarter of the points
TOY_PATIENCE = 20
# About 10 ms of numpy per chunk on one core: the curve moves smoothly and XOR settles in a few.
TOY_CHUNK_EPOCHS = 10


class ToyStateError(ValueError):
    """The state sent back does not fit the network the form describes."""


def _network(cleaned: Mapping) -> MLP:
    return MLP(
        (2, cleaned["hidden"], 1),
        hidden_activation=cleaned["activation"],
        output_activation="sigmoid",
        loss="bce",
        seed=cleaned["seed"],
    )


def _split(cleaned: Mapping):
    X, y = make_dataset(cleaned["dataset"], TOY_POINTS, seed=cleaned["seed"])
    order = np.random.default_rng(cleaned["seed"]).permutation(len(X))
    val, train = order[:TOY_VALIDATION_POINTS], order[TOY_VALIDATION_POINTS:]
    y = y.astype(np.float32).reshape(-1, 1)
    return X, y, (X[train], y[train]), (X[val], y[val])


def _arrays(raw, like: list[np.ndarray]) -> list[np.ndarray]:
    if not isinstance(raw, list) or len(raw) != len(like):
        raise ToyStateError("wrong number of arrays")
    out = []
    for values, reference in zip(raw, like, strict=True):
        try:
            array = np.asarray(values, dtype=reference.dtype)
        except (TypeError, ValueError):
            raise ToyStateError("not an array of numbers") from None
        if array.shape != reference.shape or not np.all(np.isfinite(array)):
            raise ToyStateError("array of the wrong shape or not finite")
        out.append(array)
    return out


def _losses(raw, length: int) -> list[float]:
    if not isinstance(raw, list) or len(raw) != length:
        raise ToyStateError("loss history of the wrong length")
    try:
        values = [float(value) for value in raw]
    except (TypeError, ValueError):
        raise ToyStateError("loss history holds a non-number") from None
    if not all(math.isfinite(value) for value in values):
        raise ToyStateError("loss history not finite")
    return values


def _load(state: Mapping, network: MLP, optimiser, cleaned: Mapping) -> dict:
    """Check the browser's state against the form's network and put it into place."""
    if not isinstance(state, Mapping):
        raise ToyStateError("state is not an object")
    epoch = state.get("epoch")
    if not isinstance(epoch, int) or isinstance(epoch, bool) or not 0 <= epoch <= MAX_TOY_EPOCHS:
        raise ToyStateError("epoch out of range")
    weights = network.get_weights()
    network.set_weights(_arrays(state.get("weights"), weights))
    raw_opt = state.get("optimiser")
    if not isinstance(raw_opt, Mapping):
        raise ToyStateError("optimiser state is not an object")
    blank = optimiser.get_state()
    loaded = {}
    for key in blank:
        if key == "t":
            t = raw_opt.get("t")
            if not isinstance(t, int) or isinstance(t, bool) or t < 0:
                raise ToyStateError("optimiser step count out of range")
            loaded["t"] = t
        # Moments are empty until the first step has run.
        elif raw_opt.get(key) == [] and epoch == 0:
            loaded[key] = []
        else:
            loaded[key] = _arrays(raw_opt.get(key), weights)
    optimiser.set_state(loaded)
    best_weights = state.get("best_weights")
    if cleaned.get("early_stopping") and epoch:
        best_weights = _arrays(best_weights, weights)
    else:
        best_weights = None
    best_epoch, waited = state.get("best_epoch"), state.get("waited")
    for value in (best_epoch, waited):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= epoch:
            raise ToyStateError("early-stopping counters out of range")
    return {
        "epoch": epoch,
        "train_loss": _losses(state.get("train_loss"), epoch),
        "val_loss": _losses(state.get("val_loss"), epoch),
        "best_epoch": best_epoch,
        "waited": waited,
        "best_weights": best_weights,
        "stopped_early": bool(state.get("stopped_early")),
    }


def _dump(network: MLP, optimiser, progress: Mapping) -> dict:
    """The state as plain JSON: float32 values as floats round-trip exactly."""
    opt = {
        key: value if key == "t" else [array.tolist() for array in value]
        for key, value in optimiser.get_state().items()
    }
    best = progress["best_weights"]
    return {
        "epoch": progress["epoch"],
        "weights": [array.tolist() for array in network.get_weights()],
        "optimiser": opt,
        "train_loss": progress["train_loss"],
        "val_loss": progress["val_loss"],
        "best_epoch": progress["best_epoch"],
        "waited": progress["waited"],
        "best_weights": None if best is None else [array.tolist() for array in best],
        "stopped_early": progress["stopped_early"],
    }


def train_toy_chunk(cleaned: Mapping, state: Mapping | None = None, *, epochs: int) -> dict:
    """Train up to `epochs` more epochs, from `state` (None: a fresh, seeded network).

    Stops at the form's epoch count, or early (patience TOY_PATIENCE on the validation loss,
    putting the best epoch's weights back) when the form asks. Returns the new state, the
    figures and the numbers to show; raises ToyStateError when `state` does not fit.
    """
    network = _network(cleaned)
    optimiser = get_optimiser(cleaned["optimiser"], cleaned["learning_rate"])
    params = network.parameters()
    if state is None:
        progress = {
            "epoch": 0,
            "train_loss": [],
            "val_loss": [],
            "best_epoch": 0,
            "waited": 0,
            "best_weights": None,
            "stopped_early": False,
        }
    else:
        progress = _load(state, network, optimiser, cleaned)
    X, y, (X_train, y_train), (X_val, y_val) = _split(cleaned)
    early = bool(cleaned.get("early_stopping"))
    target = cleaned["epochs"]
    end = min(progress["epoch"] + epochs, target)
    while progress["epoch"] < end and not progress["stopped_early"]:
        epoch = progress["epoch"] + 1
        # One generator per epoch, so chunks of any size shuffle exactly alike.
        order = np.random.default_rng([cleaned["seed"], epoch]).permutation(len(X_train))
        for start in range(0, len(order), TOY_BATCH_SIZE):
            batch = order[start : start + TOY_BATCH_SIZE]
            network.loss_and_gradients(X_train[batch], y_train[batch])
            optimiser.step(params)
        progress["train_loss"].append(network.evaluate(X_train, y_train))
        val_loss = network.evaluate(X_val, y_val)
        progress["val_loss"].append(val_loss)
        progress["epoch"] = epoch
        best = progress["val_loss"][progress["best_epoch"] - 1] if progress["best_epoch"] else None
        if best is None or val_loss < best:
            progress["best_epoch"], progress["waited"] = epoch, 0
            if early:
                progress["best_weights"] = network.get_weights()
        else:
            progress["waited"] += 1
            if early and progress["waited"] >= TOY_PATIENCE:
                progress["stopped_early"] = True
    done = progress["stopped_early"] or progress["epoch"] >= target
    if done and early and progress["best_weights"] is not None:
        network.set_weights(progress["best_weights"])
    # With early stopping the best epoch's weights are put back: report that epoch.
    shown = progress["best_epoch"] - 1 if done and early else progress["epoch"] - 1
    accuracy = float(np.mean(network.predict(X) == y[:, 0]))
    return {
        "state": _dump(network, optimiser, progress),
        "done": done,
        "epochs": target,
        "epochs_run": progress["epoch"],
        "stopped_early": progress["stopped_early"],
        "best_epoch": progress["best_epoch"],
        "train_loss": progress["train_loss"][shown] if progress["epoch"] else None,
        "val_loss": progress["val_loss"][shown] if progress["epoch"] else None,
        "accuracy": accuracy,
        "loss_curve": plots.loss_curve(progress["train_loss"], progress["val_loss"], epochs=target),
        "boundary": plots.decision_boundary(network, X, y[:, 0]),
    }
