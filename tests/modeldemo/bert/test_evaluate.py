"""evaluate() on a fixed example whose numbers are worked out by hand below."""

import numpy as np
import pytest

from modeldemo.bert.evaluate import evaluate

LABELS = ["a", "b", "c", "d"]  # "d" is never the gold label
GOLD = ["a", "a", "b", "b", "c", "c"]
PROBABILITIES = np.array(
    [
        [0.60, 0.20, 0.10, 0.10],  # a → a
        [0.30, 0.40, 0.10, 0.20],  # a → b (a second)
        [0.10, 0.70, 0.15, 0.05],  # b → b
        [0.25, 0.50, 0.20, 0.05],  # b → b
        [0.05, 0.15, 0.60, 0.20],  # c → c
        [0.50, 0.10, 0.05, 0.35],  # c → a (c fourth: a top-3 miss)
    ]
)


@pytest.fixture(scope="module")
def metrics():
    return evaluate(GOLD, PROBABILITIES, LABELS)


def test_evaluate_accuracy_and_averages_by_hand(metrics):
    # a: P 1/2 R 1/2 F1 1/2; b: P 2/3 R 1 F1 4/5; c: P 1 R 1/2 F1 2/3; d: neither gold nor
    # predicted, so outside the averages. Supports are equal, so weighted = macro.
    assert metrics["examples"] == 6
    assert metrics["accuracy"] == pytest.approx(4 / 6)
    assert metrics["precision_macro"] == pytest.approx((1 / 2 + 2 / 3 + 1) / 3)
    assert metrics["recall_macro"] == pytest.approx((1 / 2 + 1 + 1 / 2) / 3)
    assert metrics["f1_macro"] == pytest.approx((1 / 2 + 4 / 5 + 2 / 3) / 3)
    assert metrics["f1_weighted"] == pytest.approx(metrics["f1_macro"])
    assert metrics["top_3_accuracy"] == pytest.approx(5 / 6)


def test_evaluate_roc_auc_skips_the_absent_class(metrics):
    # Pairs (positive scored above negative) / 8: a 7/8, b 8/8, c 4/8; d has no positives.
    assert metrics["roc_auc_ovr_macro"] == pytest.approx((7 / 8 + 1 + 1 / 2) / 3)
    assert metrics["roc_auc_classes"] == 3


def test_evaluate_confusion_matrix_and_per_class_report(metrics):
    assert metrics["confusion_matrix"] == [
        [1, 1, 0, 0],
        [0, 2, 0, 0],
        [1, 0, 1, 0],
        [0, 0, 0, 0],
    ]
    assert metrics["per_class"]["b"] == {
        "precision": pytest.approx(2 / 3),
        "recall": 1.0,
        "f1": pytest.approx(0.8),
        "support": 2,
    }
    assert metrics["per_class"]["d"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}


def test_evaluate_agrees_with_scikit_learn(metrics):
    from sklearn.metrics import f1_score, roc_auc_score, top_k_accuracy_score

    gold = [LABELS.index(label) for label in GOLD]
    predicted = PROBABILITIES.argmax(axis=1)
    three = PROBABILITIES[:, :3] / PROBABILITIES[:, :3].sum(axis=1, keepdims=True)

    assert metrics["f1_macro"] == f1_score(gold, predicted, average="macro")
    assert metrics["top_3_accuracy"] == top_k_accuracy_score(
        gold, PROBABILITIES, k=3, labels=[0, 1, 2, 3]
    )
    # With every label present, the one-vs-rest macro AUC is scikit-learn's own.
    three_labels = evaluate(GOLD, three, LABELS[:3])
    assert three_labels["roc_auc_ovr_macro"] == pytest.approx(
        roc_auc_score(gold, three, multi_class="ovr", average="macro")
    )


def test_evaluate_rejects_unknown_gold_labels_and_wrong_shapes():
    with pytest.raises(ValueError, match="not among"):
        evaluate(["z"], np.array([[0.5, 0.5]]), ["a", "b"])
    with pytest.raises(ValueError, match="shape"):
        evaluate(["a"], np.array([[1.0]]), ["a", "b"])


def test_evaluate_roc_auc_is_none_with_one_gold_class():
    metrics = evaluate(["a", "a"], np.array([[0.9, 0.1], [0.4, 0.6]]), ["a", "b"])

    assert metrics["roc_auc_ovr_macro"] is None
    assert metrics["accuracy"] == 0.5


def test_plots_return_png_bytes_and_write_files(metrics, tmp_path):
    from modeldemo.bert.plots import confusion_matrix_png, per_class_f1_png

    heatmap = confusion_matrix_png(
        metrics["confusion_matrix"], LABELS, path=tmp_path / "confusion.png"
    )
    bars = per_class_f1_png(metrics["per_class"])

    assert heatmap.startswith(b"\x89PNG") and bars.startswith(b"\x89PNG")
    assert (tmp_path / "confusion.png").read_bytes() == heatmap
