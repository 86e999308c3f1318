"""Classification metrics from gold labels and a probability matrix; scikit-learn does the maths.

No torch here: any categoriser's probabilities can be evaluated (the benchmark compares all).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

TOP_K = 3


def evaluate(y_true: Sequence[str], probabilities, labels: Sequence[str]) -> dict:
    """Metrics of the predictions argmax(probabilities) against `y_true`.

    `probabilities` is (n_texts, len(labels)), columns in `labels` order; every gold label must
    be one of `labels`. Returns plain JSON-able numbers:

    - accuracy; precision/recall/f1 macro and weighted. The averages run over the labels that
      occur in y_true or in the predictions (scikit-learn's default): a label nobody holds and
      nothing predicts has no errors to count and would only drag the macro average to 0.
    - top_3_accuracy: the gold label is among the 3 most probable (1.0 with ≤ 3 labels).
    - roc_auc_ovr_macro: one-vs-rest ROC-AUC averaged over the labels present in y_true
      (roc_auc_classes says how many). A label absent from y_true has no positives, so its
      AUC is undefined: it is skipped rather than failing. None when fewer than two are present.
    - confusion_matrix: rows = gold, columns = predicted, over all `labels` in order.
    - per_class: {label: {precision, recall, f1, support}} for every label (0.0 where undefined).
    """
    from sklearn.metrics import (
        accuracy_score,
        confusion_matrix,
        precision_recall_fscore_support,
        roc_auc_score,
        top_k_accuracy_score,
    )

    labels = list(labels)
    index = {label: j for j, label in enumerate(labels)}
    unknown = sorted({label for label in y_true} - set(index))
    if unknown:
        raise ValueError(f"gold labels not among the model's labels: {unknown}")
    probabilities = np.asarray(probabilities, dtype=np.float64)
    if probabilities.shape != (len(y_true), len(labels)):
        raise ValueError(
            f"probabilities have shape {probabilities.shape}, "
            f"expected ({len(y_true)}, {len(labels)})"
        )
    if not len(y_true):
        return {"examples": 0}
    gold = np.array([index[label] for label in y_true])
    predicted = probabilities.argmax(axis=1)
    all_ids = list(range(len(labels)))

    metrics: dict = {"examples": len(gold), "accuracy": float(accuracy_score(gold, predicted))}
    for average in ("macro", "weighted"):
        precision, recall, f1, _ = precision_recall_fscore_support(
            gold, predicted, average=average, zero_division=0
        )
        metrics[f"precision_{average}"] = float(precision)
        metrics[f"recall_{average}"] = float(recall)
        metrics[f"f1_{average}"] = float(f1)

    if len(labels) > TOP_K:
        metrics["top_3_accuracy"] = float(
            top_k_accuracy_score(gold, probabilities, k=TOP_K, labels=all_ids)
        )
    else:
        metrics["top_3_accuracy"] = 1.0

    aucs = []
    for j in sorted(set(gold.tolist())):
        positives = gold == j
        if positives.all():
            continue
        aucs.append(float(roc_auc_score(positives, probabilities[:, j])))
    metrics["roc_auc_ovr_macro"] = float(np.mean(aucs)) if len(aucs) >= 2 else None
    metrics["roc_auc_classes"] = len(aucs)

    metrics["confusion_matrix"] = confusion_matrix(gold, predicted, labels=all_ids).tolist()
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=all_ids, average=None, zero_division=0
    )
    metrics["per_class"] = {
        label: {
            "precision": float(precision[j]),
            "recall": float(recall[j]),
            "f1": float(f1[j]),
            "support": int(support[j]),
        }
        for j, label in enumerate(labels)
    }
    metrics["labels"] = labels
    return metrics
