"""Track categorisation on real FOSDEM programmes: past years train, the next years test.

    .venv/bin/python -m bench.categorise                   # everything (~40 min on 2 CPU cores)
    .venv/bin/python -m bench.categorise --skip-bert       # the cheap models (~12 min, ~1 cached)
    .venv/bin/python -m bench.categorise --bert-model DIR  # evaluate a fine-tuned folder (~3 min)
    .venv/bin/python -m bench.categorise --throughput-only # speed vs the CPU's ceiling (~5 min)

The fine-tuning defaults here are the CPU budget's (BENCHMARKS.md says how they were chosen):
128 tokens, 2 epochs, lr 1e-4 with 1e-3 for the pooler + classifier, 10% held out for
choosing the epoch. TrainingConfig's defaults differ only in length and epochs (256 tokens,
3 epochs: the brief's, affordable on a GPU).

    .venv/bin/python -m bench.categorise --lang zh --skip-bert  # Chinese, cross-validated (~4 min)
    .venv/bin/python -m bench.categorise --lang zh --bert-folds 1  # + BERT on one fold

--lang zh cross-validates (5 folds, stratified, seed 42) on ../shared/data/csl_zh_dev.jsonl
(1,000 Chinese abstracts, 13 categories) every text-feature choice of the TF-IDF model (word /
character n-grams / jieba words, modeldemo.text.features), zero-shot with Chinese category
descriptions, the MLP on MiniLM embeddings and (on --bert-folds folds) the fine-tuned BERT,
alone and blended; it writes bench/results/categorise_zh.json.

Data: ../shared/data/fosdem_dev_2007_2024.jsonl, label_coarse (12 tracks), title + abstract.
Train on years <= 2022 (6,838 talks), test on 2023-2024 (1,284): the real use case, last
years' programmes suggesting this year's tracks. Prints a table and writes
bench/results/categorise.json. Not part of the test suite. No Django.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "fosdem_dev_2007_2024.jsonl"
RESULTS = ROOT / "bench" / "results" / "categorise.json"
LABEL_FIELD = "label_coarse"
LAST_TRAIN_YEAR = 2022

# One line per track for the zero-shot categoriser, written from the track names alone
# (never tuned on the test years).
TRACK_DESCRIPTIONS = {
    "cloud-infra-ops": "Cloud, infrastructure and operations: containers, Kubernetes, "
    "virtualisation, configuration management, monitoring, DevOps.",
    "community-policy": "Community and policy: open source communities, licensing, law, "
    "governance, funding, education, diversity.",
    "databases": "Databases: SQL, PostgreSQL, MySQL, NoSQL, storage engines, queries, replication.",
    "desktop-office-media": "Desktop, office and multimedia: desktop environments, graphics, "
    "audio, video, office suites, GNOME, KDE.",
    "devtools": "Developer tools: version control, build systems, testing, continuous "
    "integration, debuggers, IDEs.",
    "embedded-hardware": "Embedded systems and hardware: microcontrollers, IoT, open hardware, "
    "FPGA, RISC-V, automotive, mobile devices.",
    "languages": "Programming languages: compilers, interpreters, runtimes, language design, "
    "Python, Rust, Go, Java, JavaScript.",
    "networking-comms": "Networking and communications: network protocols, SDN, telephony, "
    "real-time communication, messaging, email, DNS.",
    "os-distros": "Operating systems and distributions: Linux kernel, BSD, distributions, "
    "packaging, boot, init systems.",
    "science-data-ai": "Science, data and AI: machine learning, data science, HPC, scientific "
    "computing, geospatial, research software.",
    "security-privacy": "Security and privacy: cryptography, vulnerabilities, hardening, "
    "identity, privacy, secure software.",
    "web-browsers": "Web and browsers: web frameworks, browsers, web standards, JavaScript "
    "front ends, web performance.",
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load_split(path: Path):
    from modeldemo.text.cleaning import join_fields

    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    train, test = [], []
    for row in rows:
        (train if row["year"] <= LAST_TRAIN_YEAR else test).append(
            (join_fields(row, ["title", "abstract"]), row[LABEL_FIELD])
        )
    return [t for t, _ in train], [y for _, y in train], [t for t, _ in test], [y for _, y in test]


def summary(metrics: dict) -> dict:
    keys = ("accuracy", "f1_macro", "top_3_accuracy", "f1_weighted", "roc_auc_ovr_macro")
    return {key: metrics[key] for key in keys}


class CachedEncoder:
    """Encodes every text once: zero-shot and MLP share the same MiniLM embeddings.

    With `path`, the embeddings are also kept in an .npz keyed by text hashes, so a rerun of
    the benchmark skips the encoding (minutes on two cores); the JSON says whether it did.
    """

    def __init__(self, encoder, *, path: Path | None = None):
        self.encoder = encoder
        self.name = encoder.name
        self.dimension = encoder.dimension
        self.path = path
        self.cache: dict[str, np.ndarray] = {}
        self.stored: dict[str, np.ndarray] = {}
        if path and path.exists():
            with np.load(path, allow_pickle=False) as stored:
                self.stored = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))

    def _key(self, text: str) -> str:
        tag = f"{self.name}/{self.encoder.max_length}/{text}"
        return hashlib.sha1(tag.encode()).hexdigest()

    def encode(self, texts, *, batch_size: int = 32) -> np.ndarray:
        for text in texts:
            if text not in self.cache and self._key(text) in self.stored:
                self.cache[text] = self.stored[self._key(text)]
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            for text, vector in zip(missing, self.encoder.encode(missing), strict=True):
                self.cache[text] = vector
        return np.stack([self.cache[t] for t in texts])

    def save(self) -> None:
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            keys = [self._key(text) for text in self.cache]
            np.savez(self.path, keys=np.array(keys), vectors=np.stack(list(self.cache.values())))


def probabilities_of(categoriser, texts, labels, *, bert_alone: bool = False) -> np.ndarray:
    """Any categoriser's full probability matrix, columns in `labels` order.

    bert_alone: a BertCategoriser's own probabilities, without the TF-IDF model it blends in.
    """
    if hasattr(categoriser, "predict_proba"):
        predict = categoriser.bert_proba if bert_alone else categoriser.predict_proba
        matrix = predict(texts)
        order = [list(categoriser.labels).index(label) for label in labels]
        return np.asarray(matrix)[:, order]
    index = {label: j for j, label in enumerate(labels)}
    matrix = np.zeros((len(texts), len(labels)))
    for i, ranking in enumerate(categoriser.predict(texts, k=len(labels))):
        for label, probability in ranking:
            matrix[i, index[label]] = probability
    return matrix


def paired_bootstrap(gold, ours, theirs, labels, *, resamples: int = 1000, seed: int = 42):
    """Macro-F1(ours) - macro-F1(theirs) on the test set, with a 95% paired bootstrap interval.

    Both are scored on the same resampled texts, so the interval is about the difference
    itself: when it includes 0, 1,284 test talks cannot tell the two apart.
    """
    from sklearn.metrics import f1_score

    index = {label: j for j, label in enumerate(labels)}
    y = np.array([index[label] for label in gold])
    a, b = np.asarray(ours).argmax(axis=1), np.asarray(theirs).argmax(axis=1)
    rng = np.random.default_rng(seed)
    deltas = []
    for _ in range(resamples):
        i = rng.integers(0, len(y), len(y))
        deltas.append(f1_score(y[i], a[i], average="macro") - f1_score(y[i], b[i], average="macro"))
    delta = f1_score(y, a, average="macro") - f1_score(y, b, average="macro")
    low, high = np.percentile(deltas, [2.5, 97.5])
    return {"delta": round(float(delta), 4), "ci95": [round(float(low), 4), round(float(high), 4)]}


def encoder_flops(tokens: int, config) -> float:
    """Floating-point operations (2 per multiply-add) of one BERT forward pass over `tokens`.

    Per layer: the Q, K, V and output projections (4·n·d²), the feed-forward pair (2·n·d·f)
    and attention's scores and weighted sum (2·n²·d). Embeddings, LayerNorms, softmax and
    the head are a few per cent more and left out, so ceilings below are slightly generous.
    """
    n, d, f = tokens, config.hidden_size, config.intermediate_size
    return 2.0 * config.num_hidden_layers * (4 * n * d * d + 2 * n * d * f + 2 * n * n * d)


def matmul_gflops(*, repeats: int = 20) -> float:
    """This CPU's float32 matrix-product rate (best of `repeats`), the ceiling of any mode.

    The shape is a batch's feed-forward product: 2,048 tokens of 384 into 1,536, as large
    and as shaped as the biggest products the model makes, so no mode can beat it.
    """
    import torch

    a, b = torch.randn(2048, 384), torch.randn(384, 1536)
    for _ in range(3):
        a @ b
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - started)
    return 2.0 * 2048 * 384 * 1536 / best / 1e9


def throughput(categoriser, texts, *, max_length: int, quantised=None, repeats: int = 2) -> dict:
    """Abstracts per second (best of `repeats`) at `max_length` tokens, four ways.

    Also the useful GFLOP/s of each (the FLOPs of the unpadded texts over the time taken), to
    set beside matmul_gflops(): what no way of batching can exceed.
    """
    import torch

    def best(run) -> float:
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        return len(texts) / min(times)

    model, tokenizer, device = categoriser.model, categoriser.tokenizer, categoriser.device

    def naive_padded():
        # The tutorial way: one text per call, padded to max_length, under no_grad.
        with torch.no_grad():
            for text in texts:
                batch = tokenizer(
                    text,
                    padding="max_length",
                    truncation=True,
                    max_length=max_length,
                    return_tensors="pt",
                ).to(device)
                torch.softmax(model(**batch).logits, dim=-1)

    saved = categoriser.max_length
    categoriser.max_length = max_length
    if quantised is not None:
        quantised.max_length = max_length
    try:
        categoriser.bert_proba(texts[:8])  # warm-up
        rates = {
            "naive_padded": best(naive_padded),
            "naive": best(lambda: [categoriser.bert_proba([t]) for t in texts]),
            "batched_sorted": best(lambda: categoriser.bert_proba(texts)),
        }
        if quantised is not None:
            quantised.bert_proba(texts[:8])
            rates["int8_batched_sorted"] = best(lambda: quantised.bert_proba(texts))
    finally:
        categoriser.max_length = saved
    tokens = [
        min(len(ids), max_length)
        for ids in tokenizer(list(texts), truncation=True, max_length=max_length)["input_ids"]
    ]
    flops = float(np.mean([encoder_flops(n, model.config) for n in tokens]))
    return {
        "max_length": max_length,
        "mean_tokens": round(float(np.mean(tokens)), 1),
        "gflop_per_abstract": round(flops / 1e9, 3),
        "per_s": {mode: round(rate, 1) for mode, rate in rates.items()},
        "useful_gflops": {mode: round(rate * flops / 1e9, 1) for mode, rate in rates.items()},
        "batched_vs_naive": round(rates["batched_sorted"] / rates["naive"], 2),
    }


def throughput_report(bert, quantised, texts, lengths) -> dict:
    peak = matmul_gflops()
    rows = []
    for max_length in lengths:
        log(f"throughput at {max_length} tokens on {len(texts)} abstracts")
        row = throughput(bert, texts, max_length=max_length, quantised=quantised)
        # The fastest any float32 mode could go: every FLOP at the matrix-product rate.
        row["ceiling_per_s"] = round(peak / row["gflop_per_abstract"], 1)
        row["ceiling_vs_naive"] = round(row["ceiling_per_s"] / row["per_s"]["naive"], 2)
        rows.append(row)
        log(json.dumps(row))
    return {"texts": len(texts), "matmul_gflops": round(peak, 1), "by_length": rows}


def base_categoriser(labels):
    """The base MiniLM with a fresh head: as fast as a fine-tuned one, for speed alone."""
    from modeldemo.bert.encoder import base_model_path
    from modeldemo.bert.model import build_model, load_tokenizer
    from modeldemo.bert.predict import BertCategoriser

    path = base_model_path()
    model = build_model(path, labels).eval()
    return BertCategoriser(model, load_tokenizer(path), labels, version="base", device="cpu")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument("--skip-zeroshot", action="store_true")
    parser.add_argument("--skip-mlp", action="store_true")
    parser.add_argument("--skip-bert", action="store_true")
    parser.add_argument("--bert-model", help="a fine-tuned folder to evaluate instead of training")
    parser.add_argument("--model-root", default="/tmp/bench-categorise", help="where bert goes")
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=1e-4)
    parser.add_argument(
        "--head-learning-rate", type=float, default=1e-3, help="pooler + classifier lr"
    )
    parser.add_argument("--validation-fraction", type=float, default=0.1)
    parser.add_argument("--max-steps", type=int, help="stop bert training early (timing probes)")
    parser.add_argument("--encoder-max-length", type=int, default=128)
    parser.add_argument(
        "--embedding-cache",
        default="/tmp/bench-categorise/embeddings.npz",
        help="npz of MiniLM embeddings reused across runs ('' for none)",
    )
    parser.add_argument("--throughput-texts", type=int, default=192)
    parser.add_argument(
        "--throughput-lengths", default="64,128,256", help="max_length values to time"
    )
    parser.add_argument(
        "--throughput-only",
        action="store_true",
        help="only time inference (the --bert-model folder, else the base model: same speed)",
    )
    parser.add_argument("--limit", type=int, help="first N train and test texts (smoke runs)")
    parser.add_argument(
        "--lang",
        choices=["en", "zh"],
        default="en",
        help="zh: cross-validate on --data (default csl_zh_dev.jsonl), every text feature",
    )
    parser.add_argument(
        "--bert-folds", type=int, default=1, help="zh: fine-tune BERT on this many folds"
    )
    parser.add_argument(
        "--features", help="zh: only these text-feature rows, comma-separated ('char 1-2')"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.lang == "zh":
        if args.data == str(DATA):
            args.data = str(DATA_ZH)
        if args.embedding_cache == "/tmp/bench-categorise/embeddings.npz":
            args.embedding_cache = "/tmp/bench-categorise/embeddings_zh.npz"
        return main_zh(args, started)
    lengths = [int(value) for value in args.throughput_lengths.split(",")]
    if args.throughput_only:
        return throughput_only(args, lengths, started)

    from modeldemo.bert.evaluate import evaluate
    from modeldemo.text.tfidf import TfidfCategoriser

    train_texts, train_labels, test_texts, test_labels = load_split(Path(args.data))
    if args.limit:
        train_texts, train_labels = train_texts[-args.limit :], train_labels[-args.limit :]
        test_texts, test_labels = test_texts[: args.limit], test_labels[: args.limit]
    labels = sorted(set(train_labels))
    log(f"train {len(train_texts)}, test {len(test_texts)}, {len(labels)} labels")
    results: dict = {}
    probabilities: dict[str, np.ndarray] = {}

    def record(name, matrix, seconds_train, seconds_predict, **extra):
        probabilities[name] = matrix
        metrics = evaluate(test_labels, matrix, labels)
        results[name] = {
            **summary(metrics),
            "train_s": round(seconds_train, 1),
            "predict_s": round(seconds_predict, 1),
            **extra,
        }
        log(f"{name}: {json.dumps(results[name])}")

    # Majority class: the prior as every text's probabilities (top-3 = the 3 biggest tracks).
    counts = Counter(train_labels)
    prior = np.array([counts[label] / len(train_labels) for label in labels])
    record("majority", np.tile(prior, (len(test_texts), 1)), 0.0, 0.0)

    t0 = time.monotonic()
    tfidf = TfidfCategoriser.train(train_texts, train_labels)
    t1 = time.monotonic()
    record("tfidf_logreg", tfidf.predict_proba(test_texts), t1 - t0, time.monotonic() - t1)

    encoder = None
    if not (args.skip_zeroshot and args.skip_mlp):
        from modeldemo.bert.encoder import SentenceEncoder, base_model_path

        t0 = time.monotonic()
        encoder = CachedEncoder(
            SentenceEncoder(base_model_path(), max_length=args.encoder_max_length),
            path=Path(args.embedding_cache) if args.embedding_cache else None,
        )
        cached = sum(encoder._key(t) in encoder.stored for t in train_texts + test_texts)
        encoder.encode(train_texts + test_texts)
        encoder.save()
        encode_s = time.monotonic() - t0
        log(f"encoded {len(encoder.cache)} texts ({cached} from the cache) in {encode_s:.0f}s")
        results["_encoding"] = {
            "texts": len(encoder.cache),
            "from_cache": cached,
            "seconds": round(encode_s, 1),
            "max_length": args.encoder_max_length,
        }
    if not args.skip_zeroshot:
        from modeldemo.categorisers.zeroshot import ZeroShotCategoriser

        t0 = time.monotonic()
        zeroshot = ZeroShotCategoriser(TRACK_DESCRIPTIONS, encoder=encoder)
        t1 = time.monotonic()
        record(
            "zeroshot",
            probabilities_of(zeroshot, test_texts, labels),
            t1 - t0,
            time.monotonic() - t1,
        )
    if not args.skip_mlp:
        try:
            from modeldemo.categorisers.mlp import MLPCategoriser
        except ImportError as error:
            results["mlp"] = {"skipped": f"MLPCategoriser unavailable: {error}"}
        else:
            t0 = time.monotonic()
            mlp = MLPCategoriser.train(train_texts, train_labels, encoder=encoder, seed=42)
            t1 = time.monotonic()
            record("mlp", probabilities_of(mlp, test_texts, labels), t1 - t0, time.monotonic() - t1)

    bert_settings = None
    if not args.skip_bert:
        from modeldemo.bert.config import TrainingConfig
        from modeldemo.bert.predict import BertCategoriser

        train_s = 0.0
        if args.bert_model:
            folder = Path(args.bert_model)
            # The fine-tuning time recorded when the folder was trained.
            train_s = json.loads((folder / "training_config.json").read_text())["seconds"]
        else:
            from modeldemo.bert import save, train

            config = TrainingConfig(
                max_length=args.max_length,
                epochs=args.epochs,
                batch_size=args.batch_size,
                learning_rate=args.learning_rate,
                head_learning_rate=args.head_learning_rate,
                validation_fraction=args.validation_fraction,
                max_steps=args.max_steps,
            )
            log(f"fine-tuning: {config}")
            last = [0.0]

            def progress(step, total, info):
                if info["phase"] == "evaluated" or time.monotonic() - last[0] > 60:
                    last[0] = time.monotonic()
                    shown = info.get("metrics") or {k: info[k] for k in ("epoch", "loss")}
                    log(f"step {step}/{total} {json.dumps(shown)}")

            result = train.train(train_texts, train_labels, config=config, on_progress=progress)
            train_s = result.seconds
            folder = save.save(result, args.model_root)
            log(f"saved {folder} after {train_s:.0f}s; history {result.history}")
        saved = json.loads((folder / "training_config.json").read_text())
        bert_settings = {k: v for k, v in saved.items() if k != "base_model"}
        bert = BertCategoriser.load(folder, device="cpu")
        t0 = time.monotonic()
        alone = probabilities_of(bert, test_texts, labels, bert_alone=True)
        record("bert", alone, train_s, time.monotonic() - t0)
        # Equal weights, fixed beforehand: the two err differently (words vs meaning).
        ensemble = (probabilities["bert"] + probabilities["tfidf_logreg"]) / 2
        record("bert+tfidf (mean of probabilities)", ensemble, train_s, 0.0)
        if bert.tfidf is not None:
            # What the app predicts: the folder's own TF-IDF half, trained on the same
            # examples as the BERT (the training years less the held-out share).
            from modeldemo.bert.predict import blend

            t0 = time.monotonic()
            own = blend(
                alone,
                labels,
                bert.tfidf.predict_proba(test_texts),
                bert.tfidf.labels,
                bert.tfidf_weight,
            )
            record("bert+tfidf as saved (the app's blend)", own, train_s, time.monotonic() - t0)

        quantised = BertCategoriser.load(folder, quantize=True)
        t0 = time.monotonic()
        record(
            "bert int8",
            probabilities_of(quantised, test_texts, labels, bert_alone=True),
            train_s,
            time.monotonic() - t0,
        )

        sample = random.Random(42).sample(test_texts, args.throughput_texts)
        speed = throughput_report(bert, quantised, sample, lengths)
        speed["int8_macro_f1_cost"] = round(
            results["bert"]["f1_macro"] - results["bert int8"]["f1_macro"], 4
        )
        results["_throughput"] = speed

    if "tfidf_logreg" in probabilities:
        for name, matrix in probabilities.items():
            if name != "tfidf_logreg":
                results[name]["f1_macro_vs_tfidf"] = paired_bootstrap(
                    test_labels, matrix, probabilities["tfidf_logreg"], labels
                )

    report = {
        "data": Path(args.data).name,
        "label_field": LABEL_FIELD,
        "split": {
            "train": f"years <= {LAST_TRAIN_YEAR}",
            "test": f"years > {LAST_TRAIN_YEAR}",
            "train_examples": len(train_texts),
            "test_examples": len(test_texts),
            "labels": len(labels),
        },
        "command": " ".join([".venv/bin/python -m bench.categorise", *(argv or sys.argv[1:])]),
        "arguments": vars(args),
        "bert_training": bert_settings,
        "machine": machine(),
        "results": results,
        "total_s": round(time.monotonic() - started, 1),
    }
    write(report, Path(args.out), table(results))
    return 0


def machine() -> dict:
    import torch

    return {
        "cpus": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
    }


def write(report: dict, out: Path, text: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(text)
    print(f"\nwritten to {out}; {report['total_s']:.0f}s in all")


def throughput_only(args, lengths, started) -> int:
    """Inference speed alone: no training, no F1 (the full run measures what int8 costs)."""
    from modeldemo.bert.predict import BertCategoriser, quantize_dynamic

    _, train_labels, test_texts, _ = load_split(Path(args.data))
    if args.bert_model:
        bert = BertCategoriser.load(args.bert_model, device="cpu")
        quantised = BertCategoriser.load(args.bert_model, quantize=True)
    else:
        labels = sorted(set(train_labels))
        bert = base_categoriser(labels)
        quantised = base_categoriser(labels)
        quantised.model, quantised.quantized = quantize_dynamic(quantised.model), True
    sample = random.Random(42).sample(test_texts, args.throughput_texts)
    speed = throughput_report(bert, quantised, sample, lengths)
    report = {
        "data": Path(args.data).name,
        "command": " ".join([".venv/bin/python -m bench.categorise", *sys.argv[1:]]),
        "model": args.bert_model or "base MiniLM, fresh 12-label head",
        "machine": machine(),
        "results": {"_throughput": speed},
        "total_s": round(time.monotonic() - started, 1),
    }
    out = Path(args.out)
    if out == RESULTS:
        out = RESULTS.with_name("categorise_throughput.json")
    write(report, out, throughput_table(speed))
    return 0


def table(results: dict) -> str:
    lines = [
        "| categoriser | accuracy | macro-F1 | top-3 accuracy | macro-F1 − TF-IDF's [95% CI] "
        "| train s | predict s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in results.items():
        if name.startswith("_"):
            continue
        if "skipped" in row:
            lines.append(f"| {name} | skipped: {row['skipped']} | | | | | |")
            continue
        versus = row.get("f1_macro_vs_tfidf")
        versus = (
            f"{versus['delta']:+.3f} [{versus['ci95'][0]:+.3f}, {versus['ci95'][1]:+.3f}]"
            if versus
            else "—"
        )
        lines.append(
            f"| {name} | {row['accuracy']:.3f} | {row['f1_macro']:.3f} | "
            f"{row['top_3_accuracy']:.3f} | {versus} | "
            f"{row['train_s']:.0f} | {row['predict_s']:.0f} |"
        )
    if results.get("_throughput"):
        lines += ["", throughput_table(results["_throughput"])]
    return "\n".join(lines)


MODES = [
    ("naive_padded", "one at a time, padded to max_length, `no_grad` (tutorial)"),
    ("naive", "one at a time, dynamic length, `inference_mode` (naive)"),
    ("batched_sorted", "batched (64), length-sorted, dynamic padding"),
    ("int8_batched_sorted", "same + dynamic int8 (Linear → qint8)"),
]


def throughput_table(speed: dict) -> str:
    """Abstracts/s by max_length, with useful GFLOP/s and the float32 ceiling."""
    rows = speed["by_length"]
    head = " | ".join(f"{row['max_length']} tokens (mean {row['mean_tokens']})" for row in rows)
    lines = [
        f"| {speed['texts']} abstracts: abstracts/s (useful GFLOP/s) | {head} |",
        "|---|" + "---:|" * len(rows),
    ]
    for mode, name in MODES:
        cells = [
            f"{row['per_s'][mode]} ({row['useful_gflops'][mode]})" if mode in row["per_s"] else "—"
            for row in rows
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append(
        "| batched ÷ naive | " + " | ".join(f"{row['batched_vs_naive']}×" for row in rows) + " |"
    )
    lines.append(
        f"| float32 ceiling: every FLOP at {speed['matmul_gflops']} GFLOP/s (÷ naive) | "
        + " | ".join(f"{row['ceiling_per_s']} ({row['ceiling_vs_naive']}×)" for row in rows)
        + " |"
    )
    return "\n".join(lines)


# --lang zh: the Chinese abstracts of ../shared/data/csl_zh_dev.jsonl, cross-validated.
DATA_ZH = ROOT.parent / "shared" / "data" / "csl_zh_dev.jsonl"
RESULTS_ZH = ROOT / "bench" / "results" / "categorise_zh.json"
FOLDS = 5
# The text features compared (modeldemo.text.features): name → TfidfCategoriser.train settings.
# Chinese examples are class-balanced (TfidfCategoriser's default) except where "unweighted".
ZH_FEATURES = {
    "word": {"features": "word"},
    "char 1-2, unweighted": {"features": "char", "char_ngrams": (1, 2), "balanced_languages": ()},
    "char 1-2": {"features": "char", "char_ngrams": (1, 2)},
    "char 2-3": {"features": "char", "char_ngrams": (2, 3)},
    "jieba": {"features": "jieba"},
}
# One line per category for zero-shot, in Chinese, written from the 13 names alone (the
# categories of CSL: China's first-level disciplines).
CATEGORY_DESCRIPTIONS_ZH = {
    "工学": "工学：机械、电子、计算机、控制、土木、材料、化工、能源与交通工程。",
    "医学": "医学：临床医学、基础医学、药学、护理、公共卫生与中医。",
    "农学": "农学：作物、园艺、植物保护、畜牧、兽医、林业与水产。",
    "理学": "理学：数学、物理、化学、生物、地理、天文与统计。",
    "法学": "法学：法律、政治、社会学、民族学与马克思主义理论。",
    "管理学": "管理学：工商管理、公共管理、会计、图书情报与工程管理。",
    "教育学": "教育学：教学、课程、学前教育、心理学与体育。",
    "经济学": "经济学：理论经济、金融、财政、贸易与产业经济。",
    "文学": "文学：中国语言文学、外国语言文学与新闻传播。",
    "哲学": "哲学：伦理、逻辑、宗教与马克思主义哲学。",
    "历史学": "历史学：中国史、世界史与考古。",
    "艺术学": "艺术学：音乐、美术、设计、戏剧与影视。",
    "军事学": "军事学：战略、战术、军队指挥与国防。",
}


def load_zh(path: Path, limit: int | None = None):
    from modeldemo.text.cleaning import join_fields

    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    rows = rows[:limit] if limit else rows
    return [join_fields(row, ["title", "abstract"]) for row in rows], [r["label"] for r in rows]


def folds_of(labels, *, folds: int = FOLDS, seed: int = 42):
    """Stratified folds; a category with fewer items than folds lands in fewer of them."""
    from sklearn.model_selection import StratifiedKFold

    counts = Counter(labels)
    # StratifiedKFold refuses nothing but warns on rare classes; those few items still go round.
    splitter = StratifiedKFold(
        n_splits=min(folds, max(counts.values())), shuffle=True, random_state=seed
    )
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(splitter.split(np.zeros(len(labels)), labels))


def out_of_fold(train_predict, texts, labels, label_names, splits) -> np.ndarray:
    """Every text's probabilities from the model trained on the other folds."""
    matrix = np.zeros((len(texts), len(label_names)))
    for train_ids, test_ids in splits:
        categoriser = train_predict([texts[i] for i in train_ids], [labels[i] for i in train_ids])
        rows = probabilities_of(categoriser, [texts[i] for i in test_ids], label_names)
        matrix[test_ids] = rows
    return matrix


def main_zh(args, started) -> int:
    from modeldemo.bert.evaluate import evaluate
    from modeldemo.text.tfidf import TfidfCategoriser

    texts, labels = load_zh(Path(args.data), args.limit)
    label_names = sorted(set(labels))
    splits = folds_of(labels)
    log(f"{len(texts)} texts, {len(label_names)} labels, {len(splits)} folds")
    results: dict = {}
    probabilities: dict[str, np.ndarray] = {}

    def record(name, matrix, seconds, gold=labels, **extra):
        probabilities[name] = matrix
        results[name] = {
            **summary(evaluate(gold, matrix, label_names)),
            "seconds": round(seconds, 1),
            **extra,
        }
        log(f"{name}: {json.dumps(results[name])}")

    counts = Counter(labels)
    prior = np.array([counts[label] / len(labels) for label in label_names])
    record("majority", np.tile(prior, (len(texts), 1)), 0.0)
    chosen = args.features.split(",") if args.features else list(ZH_FEATURES)
    for name, settings in ZH_FEATURES.items():
        if name not in chosen:
            continue
        t0 = time.monotonic()
        matrix = out_of_fold(
            lambda x, y, s=settings: TfidfCategoriser.train(x, y, **s),
            texts,
            labels,
            label_names,
            splits,
        )
        record(f"tfidf [{name}]", matrix, time.monotonic() - t0, features=settings)
    if not args.features:
        t0 = time.monotonic()
        matrix = out_of_fold(
            lambda x, y: TfidfCategoriser.train(x, y), texts, labels, label_names, splits
        )
        record("tfidf [auto: the app's default]", matrix, time.monotonic() - t0)

    encoder = None
    if not (args.skip_zeroshot and args.skip_mlp):
        from modeldemo.bert.encoder import SentenceEncoder, base_model_path

        t0 = time.monotonic()
        encoder = CachedEncoder(
            SentenceEncoder(base_model_path(), max_length=args.encoder_max_length),
            path=Path(args.embedding_cache) if args.embedding_cache else None,
        )
        encoder.encode(texts)
        encoder.save()
        results["_encoding"] = {"texts": len(texts), "seconds": round(time.monotonic() - t0, 1)}
        log(f"encoded in {time.monotonic() - t0:.0f}s")
    if not args.skip_zeroshot:
        from modeldemo.categorisers.zeroshot import ZeroShotCategoriser

        t0 = time.monotonic()
        zeroshot = ZeroShotCategoriser(CATEGORY_DESCRIPTIONS_ZH, encoder=encoder)
        record(
            "zeroshot (Chinese descriptions, MiniLM alone)",
            probabilities_of(zeroshot, texts, label_names),
            time.monotonic() - t0,
        )
        # What the app does with Chinese texts: MiniLM and character match (LEXICAL_WEIGHT).
        t0 = time.monotonic()
        zeroshot = ZeroShotCategoriser(
            CATEGORY_DESCRIPTIONS_ZH, encoder=encoder, chinese_texts=CATEGORY_DESCRIPTIONS_ZH
        )
        record(
            "zeroshot (Chinese descriptions, MiniLM + characters: the app's)",
            probabilities_of(zeroshot, texts, label_names),
            time.monotonic() - t0,
        )
    if not args.skip_mlp:
        from modeldemo.categorisers.mlp import MLPCategoriser

        t0 = time.monotonic()
        matrix = out_of_fold(
            lambda x, y: MLPCategoriser.train(x, y, encoder=encoder, seed=42),
            texts,
            labels,
            label_names,
            splits,
        )
        record("mlp (MiniLM embeddings)", matrix, time.monotonic() - t0)
        tfidf = probabilities[f"tfidf [{CHINESE_CHOICE}]"]
        for weight in (0.25, 0.5, 0.75):
            record(
                f"mlp+tfidf [{CHINESE_CHOICE}] tfidf weight {weight}",
                (1 - weight) * probabilities["mlp (MiniLM embeddings)"] + weight * tfidf,
                0.0,
            )
    if not args.skip_bert:
        bert_zh(args, texts, labels, label_names, splits, record, probabilities)

    if "tfidf [word]" in probabilities:
        # Over all 1,000 texts only (the BERT rows hold a subset).
        for name, matrix in probabilities.items():
            if name != "tfidf [word]" and len(matrix) == len(labels):
                results[name]["f1_macro_vs_word"] = paired_bootstrap(
                    labels, matrix, probabilities["tfidf [word]"], label_names
                )
    report = {
        "data": Path(args.data).name,
        "lang": "zh",
        "split": {
            "cross_validation": f"{len(splits)}-fold stratified, seed 42",
            "examples": len(texts),
            "labels": len(label_names),
        },
        "command": " ".join([".venv/bin/python -m bench.categorise", *sys.argv[1:]]),
        "arguments": vars(args),
        "machine": machine(),
        "results": results,
        "total_s": round(time.monotonic() - started, 1),
    }
    out = Path(args.out) if args.out != str(RESULTS) else RESULTS_ZH
    write(report, out, table_zh(results))
    return 0


# The Chinese features the app's "auto" uses (modeldemo.text.features.CHINESE_FEATURES).
CHINESE_CHOICE = "char 1-2"


def bert_zh(args, texts, labels, label_names, splits, record, probabilities) -> None:
    """Fine-tuned MiniLM on one fold only (--bert-folds): minutes per fold on two CPU cores.

    The fold's TF-IDF probabilities are blended in at the weights the app may choose.
    """
    from modeldemo.bert import train
    from modeldemo.bert.config import TrainingConfig
    from modeldemo.bert.predict import BertCategoriser, align_columns

    config = TrainingConfig(
        max_length=args.max_length,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        head_learning_rate=args.head_learning_rate,
        validation_fraction=args.validation_fraction,
        max_steps=args.max_steps,
        tfidf_weight=0.0,
    )
    chosen = splits[: args.bert_folds]
    ids = np.concatenate([test for _, test in chosen])
    gold = [labels[i] for i in ids]
    bert_rows, t0 = [], time.monotonic()
    for train_ids, test_ids in chosen:
        log(f"fine-tuning on {len(train_ids)}: {config}")
        result = train.train(
            [texts[i] for i in train_ids], [labels[i] for i in train_ids], config=config
        )
        bert = BertCategoriser(
            result.model, result.tokenizer, result.labels, version="zh", max_length=args.max_length
        )
        rows = bert.bert_proba([texts[i] for i in test_ids])
        bert_rows.append(align_columns(rows, result.labels, label_names))
    bert_matrix = np.concatenate(bert_rows)
    seconds = time.monotonic() - t0
    subset = f"{len(chosen)} of {len(splits)} folds ({len(ids)} texts)"
    record("bert (fine-tuned MiniLM)", bert_matrix, seconds, gold=gold, subset=subset)
    tfidf = probabilities[f"tfidf [{CHINESE_CHOICE}]"][ids]
    record(f"tfidf [{CHINESE_CHOICE}] on the same texts", tfidf, 0.0, gold=gold, subset=subset)
    for weight in (0.5, 0.75, 1.0):
        record(
            f"bert+tfidf [{CHINESE_CHOICE}] tfidf weight {weight}",
            (1 - weight) * bert_matrix + weight * tfidf,
            0.0,
            gold=gold,
            subset=subset,
        )


def table_zh(results: dict) -> str:
    lines = [
        "| categoriser [text features] | accuracy | macro-F1 | top-3 accuracy "
        "| macro-F1 − word's [95% CI] | s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in results.items():
        if name.startswith("_"):
            continue
        versus = row.get("f1_macro_vs_word")
        versus = (
            f"{versus['delta']:+.3f} [{versus['ci95'][0]:+.3f}, {versus['ci95'][1]:+.3f}]"
            if versus
            else "—"
        )
        shown = name + (f" ({row['subset']})" if row.get("subset") else "")
        lines.append(
            f"| {shown} | {row['accuracy']:.3f} | {row['f1_macro']:.3f} | "
            f"{row['top_3_accuracy']:.3f} | {versus} | {row['seconds']:.0f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
