"""The numpy engine (modeldemo/mlp) against torch on the same MLP: speed, memory, accuracy.

    .venv/bin/python -m bench.mlp              # ~2 min on 2 CPU cores (~20 s, embeddings cached)
    .venv/bin/python -m bench.mlp --limit 300  # smoke run

The network is the `mlp` categoriser's: 384 → 128 (ReLU) → tracks (softmax), categorical
cross-entropy, float32. Both frameworks start from the same weights.

* Speed: forward + backward of one batch (no optimiser step), median of many repeats, on one
  thread (numpy's BLAS limited with threadpoolctl, torch.set_num_threads), for several batch
  sizes.
* Memory: what the forward pass leaves held for backward (C-heap growth, the same instrument
  for both), and numpy's exact peak over forward + backward (tracemalloc).
* Accuracy: MiniLM embeddings (modeldemo/bert/encoder.py, 128 tokens) of a seeded subset of
  FOSDEM talks, train on years <= 2022, test on 2023-2024; both trained with the same Adam
  steps on the same mini-batches for a fixed number of epochs, so they should agree.

Embeddings are cached in /tmp/bench-mlp/embeddings.npz. Prints a table and writes
bench/results/mlp.json. Not part of the test suite. No Django.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from bench.categorise import DATA, CachedEncoder, load_split, log

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "mlp.json"
HIDDEN = 128
N_CLASSES = 12
DIMENSION = 384
BATCH_SIZES = (64, 512, 4096)


def numpy_network(n_in: int, n_out: int, *, seed: int = 0):
    from modeldemo.mlp.network import MLP

    return MLP(
        (n_in, HIDDEN, n_out),
        hidden_activation="relu",
        output_activation="softmax",
        loss="cce",
        seed=seed,
    )


def torch_network(network):
    """A torch copy of the numpy network, weight for weight (both store W as (out, in))."""
    import torch

    model = torch.nn.Sequential(
        torch.nn.Linear(network.layers[0].n_in, HIDDEN),
        torch.nn.ReLU(),
        torch.nn.Linear(HIDDEN, network.layers[-1].n_out),
    )
    with torch.no_grad():
        for linear, layer in zip((model[0], model[2]), network.layers, strict=True):
            linear.weight.copy_(torch.from_numpy(layer.W))
            linear.bias.copy_(torch.from_numpy(layer.b))
    return model


def fake_batch(batch: int, *, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((batch, DIMENSION)).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    classes = rng.integers(0, N_CLASSES, batch)
    return X, classes


def numpy_step(network, X, Y):
    network.loss_and_gradients(X, Y)


def torch_step(model, X, y):
    import torch

    model.zero_grad(set_to_none=False)
    torch.nn.functional.cross_entropy(model(X), y).backward()


def time_batch(batch: int, *, repeats: int, warmup: int = 10) -> dict:
    """Median ms of one forward + backward; numpy and torch alternate, so load hits both alike."""
    import torch

    from modeldemo.mlp.network import one_hot

    X, classes = fake_batch(batch)
    network = numpy_network(DIMENSION, N_CLASSES)
    model = torch_network(network)
    Y = one_hot(classes, N_CLASSES)
    tX, ty = torch.from_numpy(X), torch.from_numpy(classes)
    times = {"numpy": [], "torch": []}
    for i in range(warmup + repeats):
        for name, run in (
            ("numpy", lambda: numpy_step(network, X, Y)),
            ("torch", lambda: torch_step(model, tX, ty)),
        ):
            started = time.perf_counter()
            run()
            if i >= warmup:
                times[name].append(time.perf_counter() - started)
    return {
        "numpy_ms": 1000 * statistics.median(times["numpy"]),
        "torch_ms": 1000 * statistics.median(times["torch"]),
        "repeats": repeats,
    }


def speed(threads: int, *, repeats: int) -> dict:
    import torch
    from threadpoolctl import threadpool_limits

    torch.set_num_threads(threads)
    with threadpool_limits(limits=threads):
        return {
            str(batch): time_batch(batch, repeats=max(20, repeats * 64 // batch))
            for batch in BATCH_SIZES
        }


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()
        )
    ]


def _heap_bytes() -> int:
    """Bytes the C heap has handed out (glibc's mallinfo2); numpy and torch both allocate there."""
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = _MallInfo2
    info = libc.mallinfo2()
    return info.uordblks + info.hblkhd


def memory(batch: int) -> dict:
    """What one training step holds: the activations kept after the forward pass for backward.

    Measured as heap growth across a forward pass of a network that holds nothing yet, after a
    warm-up step on another one (BLAS buffers, torch's first-call caches), median of 5. For
    numpy, tracemalloc also gives the exact peak of array allocations over forward + backward.
    """
    import gc
    import tracemalloc

    import torch

    from modeldemo.mlp.network import one_hot

    torch.set_num_threads(1)
    X, classes = fake_batch(batch)
    Y = one_hot(classes, N_CLASSES)
    tX, ty = torch.from_numpy(X), torch.from_numpy(classes)
    numpy_step(numpy_network(DIMENSION, N_CLASSES), X, Y)
    torch_step(torch_network(numpy_network(DIMENSION, N_CLASSES)), tX, ty)
    held = {"numpy": [], "torch": []}
    for _ in range(5):
        network = numpy_network(DIMENSION, N_CLASSES)
        model = torch_network(network)
        gc.collect()
        before = _heap_bytes()
        network.forward(X)
        held["numpy"].append(_heap_bytes() - before)
        gc.collect()
        before = _heap_bytes()
        loss = torch.nn.functional.cross_entropy(model(tX), ty)
        held["torch"].append(_heap_bytes() - before)
        del loss
    network = numpy_network(DIMENSION, N_CLASSES)
    tracemalloc.start()
    numpy_step(network, X, Y)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "numpy_held_after_forward_mib": statistics.median(held["numpy"]) / 2**20,
        "torch_held_after_forward_mib": statistics.median(held["torch"]) / 2**20,
        "numpy_tracemalloc_peak_mib": peak / 2**20,
    }


def subset(texts, labels, n: int, *, seed: int):
    rows = list(zip(texts, labels, strict=True))
    random.Random(seed).shuffle(rows)
    rows = rows[:n]
    return [t for t, _ in rows], [y for _, y in rows]


def train_both(X, y, classes: list[str], *, epochs: int, batch: int, lr: float, seed: int):
    """The same Adam steps on the same mini-batches, in numpy and in torch."""
    import torch

    from modeldemo.mlp.network import one_hot
    from modeldemo.mlp.optimisers import Adam

    index = {label: i for i, label in enumerate(classes)}
    targets = np.array([index[label] for label in y])
    Y = one_hot(targets, len(classes))
    network = numpy_network(X.shape[1], len(classes), seed=seed)
    model = torch_network(network)
    optimiser = Adam(learning_rate=lr)
    torch_optimiser = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-8)
    tX, ty = torch.from_numpy(X), torch.from_numpy(targets)
    rng = np.random.default_rng(seed)
    seconds = {"numpy": 0.0, "torch": 0.0}
    params = network.parameters()
    for _ in range(epochs):
        order = rng.permutation(len(X))
        batches = [order[i : i + batch] for i in range(0, len(order), batch)]
        started = time.perf_counter()
        for idx in batches:
            network.loss_and_gradients(X[idx], Y[idx])
            optimiser.step(params)
        seconds["numpy"] += time.perf_counter() - started
        started = time.perf_counter()
        for idx in batches:
            t_idx = torch.from_numpy(idx)
            torch_step(model, tX[t_idx], ty[t_idx])
            torch_optimiser.step()
        seconds["torch"] += time.perf_counter() - started
    return network, model, seconds


def scores(gold: list[str], predicted: list[str]) -> dict:
    from sklearn.metrics import accuracy_score, f1_score

    return {
        "accuracy": float(accuracy_score(gold, predicted)),
        "f1_macro": float(f1_score(gold, predicted, average="macro", zero_division=0)),
    }


def accuracy(args) -> dict:
    import torch

    from modeldemo.bert.encoder import SentenceEncoder, base_model_path

    train_texts, train_labels, test_texts, test_labels = load_split(DATA)
    train_texts, train_labels = subset(train_texts, train_labels, args.train, seed=42)
    test_texts, test_labels = subset(test_texts, test_labels, args.test, seed=42)
    if args.limit:
        train_texts, train_labels = train_texts[: args.limit], train_labels[: args.limit]
        test_texts, test_labels = test_texts[: args.limit // 4], test_labels[: args.limit // 4]
    log(f"encoding {len(train_texts)} + {len(test_texts)} texts (cache: {args.embedding_cache})")
    started = time.monotonic()
    encoder = CachedEncoder(
        SentenceEncoder(base_model_path(), max_length=128),
        path=Path(args.embedding_cache) if args.embedding_cache else None,
    )
    cached = len(encoder.stored)
    X_train = encoder.encode(train_texts)
    X_test = encoder.encode(test_texts)
    encoder.save()
    encode_seconds = time.monotonic() - started
    classes = sorted(set(train_labels))
    log(f"training both for {args.epochs} epochs")
    torch.set_num_threads(1)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        network, model, seconds = train_both(
            X_train, train_labels, classes, epochs=args.epochs, batch=64, lr=0.005, seed=0
        )
    numpy_pred = [classes[i] for i in network.predict(X_test)]
    with torch.no_grad():
        torch_probs = torch.softmax(model(torch.from_numpy(X_test)), dim=1).numpy()
    torch_pred = [classes[i] for i in torch_probs.argmax(axis=1)]
    numpy_probs = network.predict_proba(X_test)
    # After one epoch the two still agree to float32 rounding; over many Adam steps such
    # rounding differences grow (Adam rescales every gradient), so the end points drift apart.
    with threadpool_limits(limits=1):
        one_network, one_model, _ = train_both(
            X_train, train_labels, classes, epochs=1, batch=64, lr=0.005, seed=0
        )
    with torch.no_grad():
        one_torch = torch.softmax(one_model(torch.from_numpy(X_test)), dim=1).numpy()
    one_epoch_difference = float(np.abs(one_network.predict_proba(X_test) - one_torch).max())
    return {
        "train_texts": len(train_texts),
        "test_texts": len(test_texts),
        "tracks": len(classes),
        "epochs": args.epochs,
        "batch_size": 64,
        "learning_rate": 0.005,
        "embeddings_cached_before": cached > 0,
        "encode_seconds": encode_seconds,
        "numpy": scores(test_labels, numpy_pred) | {"train_seconds": seconds["numpy"]},
        "torch": scores(test_labels, torch_pred) | {"train_seconds": seconds["torch"]},
        "same_prediction_share": float(np.mean(np.array(numpy_pred) == np.array(torch_pred))),
        "max_probability_difference": float(np.abs(numpy_probs - torch_probs).max()),
        "max_probability_difference_after_1_epoch": one_epoch_difference,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=int, default=3000, help="training talks (seeded subset)")
    parser.add_argument("--test", type=int, default=800, help="test talks (seeded subset)")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=500, help="timed batches of 64")
    parser.add_argument("--embedding-cache", default="/tmp/bench-mlp/embeddings.npz")
    parser.add_argument("--limit", type=int, help="at most N training texts (smoke runs)")
    parser.add_argument(
        "--threads",
        default="1",
        help="comma-separated thread counts to time (more than 1 is noisy on a shared machine)",
    )
    args = parser.parse_args(argv)

    import numpy
    import torch

    started = time.monotonic()
    cores = os.cpu_count() or 1
    log("timing forward + backward")
    threads = [int(n) for n in args.threads.split(",")]
    timing = {str(n): speed(n, repeats=args.repeats) for n in threads}
    log("measuring memory")
    mem = {str(batch): memory(batch) for batch in (512, 4096)}
    log("accuracy on FOSDEM embeddings")
    acc = accuracy(args)
    result = {
        "network": f"{DIMENSION} → {HIDDEN} ReLU → {N_CLASSES} softmax, categorical CE, float32",
        "machine": {
            "cpu_cores": cores,
            "python": platform.python_version(),
            "numpy": numpy.__version__,
            "torch": torch.__version__,
        },
        "forward_backward_median_ms": timing,
        "memory_per_step": mem,
        "fosdem": acc,
        "seconds": time.monotonic() - started,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    print("\nforward + backward per batch, median ms (numpy engine | torch)")
    print(f"{'threads':>7} {'batch':>6} {'numpy':>9} {'torch':>9} {'ratio':>7}")
    for threads, rows in timing.items():
        for batch, row in rows.items():
            ratio = row["numpy_ms"] / row["torch_ms"]
            print(
                f"{threads:>7} {batch:>6} {row['numpy_ms']:>9.3f} {row['torch_ms']:>9.3f}"
                f" {ratio:>6.2f}x"
            )
    print("\nmemory held after the forward pass, for backward (MiB)")
    for batch, row in mem.items():
        print(
            f"  batch {batch:>5}: numpy {row['numpy_held_after_forward_mib']:.2f}, torch "
            f"{row['torch_held_after_forward_mib']:.2f}; numpy's peak over forward + backward "
            f"{row['numpy_tracemalloc_peak_mib']:.2f}"
        )
    print(
        f"\nFOSDEM ({acc['train_texts']} train / {acc['test_texts']} test talks, "
        f"{acc['tracks']} tracks, {acc['epochs']} epochs)"
    )
    for name in ("numpy", "torch"):
        row = acc[name]
        print(
            f"  {name:>5}: accuracy {row['accuracy']:.3f}, macro-F1 {row['f1_macro']:.3f}, "
            f"training {row['train_seconds']:.2f} s"
        )
    print(
        f"  same prediction on {acc['same_prediction_share']:.1%} of test talks; "
        f"largest probability difference {acc['max_probability_difference']:.2e} "
        f"({acc['max_probability_difference_after_1_epoch']:.2e} after 1 epoch)"
    )
    print(f"\nwrote {RESULTS.relative_to(ROOT)} in {result['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
