"""Fine-tuning, saving, loading and predicting with the real MiniLM weights (session fixture)."""

import json

import numpy as np
import pytest


def test_train_loss_falls_over_a_few_steps(trained, progress_calls):
    step_losses = [info["loss"] for _, _, info in progress_calls if info["phase"] == "train"]

    assert len(step_losses) == 12  # 3 epochs x ceil(29 training examples / 8)
    assert np.mean(step_losses[-3:]) < np.mean(step_losses[:3]) - 0.3
    assert [r["train_loss"] for r in trained.history] == sorted(
        (r["train_loss"] for r in trained.history), reverse=True
    )


def test_train_reports_progress_every_step_and_after_each_epoch(trained, progress_calls):
    steps = [(step, total) for step, total, info in progress_calls if info["phase"] == "train"]
    evaluated = [info for _, _, info in progress_calls if info["phase"] == "evaluated"]

    assert steps == [(step, 12) for step in range(1, 13)]
    assert [info["epoch"] for info in evaluated] == [1, 2, 3]
    assert set(evaluated[0]["metrics"]) >= {"train_loss", "val_loss", "val_macro_f1"}


def test_train_keeps_best_epoch_by_validation_macro_f1(trained):
    best = max(trained.history, key=lambda r: (r["val_macro_f1"], -r["val_loss"]))

    assert trained.best_epoch == best["epoch"]
    assert trained.validation_parts["bert"]["f1_macro"] == best["val_macro_f1"]
    assert (trained.train_examples, trained.validation_examples) == (29, 7)
    assert trained.labels == ["db", "ml", "sec"]
    assert trained.model.config.id2label == {0: "db", 1: "ml", 2: "sec"}


def test_save_writes_versioned_folder_with_labels_config_and_metrics(saved_folder, trained):
    names = {path.name for path in saved_folder.iterdir()}

    assert saved_folder.name == "bert-tiny"
    assert {"config.json", "model.safetensors", "tokenizer.json", "labels.json"} <= names
    assert {"training_config.json", "metrics.json"} <= names
    assert json.loads((saved_folder / "labels.json").read_text()) == ["db", "ml", "sec"]
    config = json.loads((saved_folder / "training_config.json").read_text())
    assert (config["max_length"], config["epochs"], config["seed"]) == (32, 3, 42)
    assert config["best_epoch"] == trained.best_epoch
    metrics = json.loads((saved_folder / "metrics.json").read_text())
    assert metrics["f1_macro"] == trained.validation_metrics["f1_macro"]


def test_save_refuses_to_overwrite_a_version(saved_folder, trained):
    from modeldemo.bert.save import save

    with pytest.raises(FileExistsError):
        save(trained, saved_folder.parent, name="tiny")


def test_load_gives_identical_logits(saved_folder, trained, examples):
    import torch

    from modeldemo.bert.save import load

    model, tokenizer, labels = load(saved_folder, device="cpu")
    batch = trained.tokenizer(examples[0][:6], padding=True, return_tensors="pt")
    with torch.inference_mode():
        before = trained.model(**batch).logits
        after = model(**tokenizer(examples[0][:6], padding=True, return_tensors="pt")).logits

    assert labels == trained.labels
    assert torch.equal(before, after)


def test_predict_returns_top_k_sorted_probabilities(saved_folder, examples):
    from modeldemo.bert.predict import BertCategoriser

    categoriser = BertCategoriser.load(saved_folder, device="cpu")
    texts, labels = examples
    rankings = categoriser.predict(texts, k=2)

    assert (categoriser.kind, categoriser.version) == ("bert", "bert-tiny")
    assert categoriser.max_length == 32
    assert all(len(ranking) == 2 for ranking in rankings)
    for ranking in rankings:
        probabilities = [p for _, p in ranking]
        assert probabilities == sorted(probabilities, reverse=True)
        assert 0 < sum(probabilities) <= 1.000001
    assert [ranking[0][0] for ranking in rankings] == labels
    assert np.allclose(categoriser.predict_proba(texts).sum(axis=1), 1, atol=1e-5)
    assert categoriser.predict([]) == []


def test_predict_batches_by_length_but_answers_in_input_order(saved_folder):
    from modeldemo.bert.predict import BertCategoriser

    categoriser = BertCategoriser.load(saved_folder, device="cpu", batch_size=2)
    texts = ["sql", "A long talk on neural networks and deep learning in production", "tls"]
    together = categoriser.predict_proba(texts)
    alone = np.vstack([categoriser.predict_proba([text]) for text in texts])

    assert np.allclose(together, alone, atol=1e-5)


def test_quantised_predictions_agree_on_top_label(saved_folder, examples):
    from modeldemo.bert.predict import BertCategoriser

    texts, _ = examples
    exact = BertCategoriser.load(saved_folder, device="cpu")
    quantised = BertCategoriser.load(saved_folder, quantize=True)

    assert quantised.version == "bert-tiny-int8"
    assert quantised.quantized and quantised.device == "cpu"
    assert [r[0][0] for r in quantised.predict(texts)] == [r[0][0] for r in exact.predict(texts)]


def test_load_categoriser_is_cached_per_folder(saved_folder):
    from modeldemo.bert.predict import load_categoriser

    assert load_categoriser(str(saved_folder)) is load_categoriser(str(saved_folder))


def test_cli_predict_prints_rankings(saved_folder, capsys):
    from modeldemo.bert.cli import main

    assert main(["predict", "--model", str(saved_folder), "-k", "1", "postgres indexes"]) == 0
    line = json.loads(capsys.readouterr().out)

    assert line["ranking"][0][0] == "db"


def test_optimizer_gives_head_its_own_rate_and_exempts_biases_from_decay(trained):
    from modeldemo.bert.config import TrainingConfig
    from modeldemo.bert.train import _optimizer

    config = TrainingConfig(learning_rate=1e-4, head_learning_rate=1e-3, weight_decay=0.01)
    optimizer = _optimizer(trained.model, config)
    group_of = {
        id(parameter): (group["lr"], group["weight_decay"])
        for group in optimizer.param_groups
        for parameter in group["params"]
    }
    model = trained.model

    assert group_of[id(model.classifier.weight)] == (1e-3, 0.01)
    assert group_of[id(model.classifier.bias)] == (1e-3, 0.0)
    assert group_of[id(model.bert.encoder.layer[0].attention.self.query.weight)] == (1e-4, 0.01)
    assert group_of[id(model.bert.embeddings.LayerNorm.weight)] == (1e-4, 0.0)
    assert len(group_of) == len(list(model.parameters()))


def test_blend_mixes_columns_by_label_name():
    from modeldemo.bert.predict import blend

    bert = np.array([[0.8, 0.2, 0.0], [0.1, 0.1, 0.8]])
    # The TF-IDF model lists its labels in another order and never saw "c".
    tfidf = np.array([[0.5, 0.5], [0.9, 0.1]])

    mixed = blend(bert, ["a", "b", "c"], tfidf, ["b", "a"], 0.25)

    assert np.allclose(mixed, [[0.725, 0.275, 0.0], [0.1, 0.3, 0.6]])


def test_train_blends_a_tfidf_model_and_scores_each_part(trained, examples):
    from modeldemo.bert.data import split_indices
    from modeldemo.bert.evaluate import evaluate
    from modeldemo.bert.predict import blend, predict_probabilities

    texts, labels = examples
    split = split_indices(labels, validation_fraction=0.2, seed=42)
    val_texts = [texts[i] for i in split.validation]
    val_labels = [labels[i] for i in split.validation]
    bert = predict_probabilities(
        trained.model, trained.tokenizer, val_texts, batch_size=8, max_length=32, device="cpu"
    )
    tfidf = trained.tfidf.predict_proba(val_texts)
    expected = evaluate(
        val_labels, blend(bert, trained.labels, tfidf, trained.tfidf.labels, 0.5), trained.labels
    )

    assert trained.config.tfidf_weight == 0.5
    assert trained.tfidf.labels == ["db", "ml", "sec"]
    assert trained.tfidf.config["training"]["examples"] == 29  # the training split only
    assert trained.validation_metrics["f1_macro"] == pytest.approx(expected["f1_macro"])
    assert trained.validation_metrics["accuracy"] == pytest.approx(expected["accuracy"])
    parts = trained.validation_parts
    assert set(parts) == {"bert", "tfidf", "blend", "tfidf_weight"}
    assert parts["blend"]["f1_macro"] == trained.validation_metrics["f1_macro"]
    assert parts["tfidf"]["accuracy"] == pytest.approx(
        np.mean(
            [trained.tfidf.labels[j] == y for j, y in zip(tfidf.argmax(1), val_labels, strict=True)]
        )
    )


def test_saved_folder_predicts_the_blend(saved_folder, trained):
    import json

    from modeldemo.bert.predict import BertCategoriser

    categoriser = BertCategoriser.load(saved_folder, device="cpu")
    texts = ["postgres indexes in production", "a talk on tls and neural networks", "hello"]
    bert = categoriser.bert_proba(texts)
    tfidf = categoriser.tfidf.predict_proba(texts)  # same label order: both sorted

    assert (saved_folder / "tfidf" / "weights.npz").is_file()
    assert categoriser.tfidf_weight == 0.5
    assert np.allclose(categoriser.predict_proba(texts), 0.5 * bert + 0.5 * tfidf, atol=1e-6)
    assert not np.allclose(bert, tfidf, atol=1e-2)
    saved = json.loads((saved_folder / "training_config.json").read_text())
    assert saved["validation_parts"] == trained.validation_parts


def test_tfidf_weight_zero_keeps_bert_alone(examples, tmp_path):
    from modeldemo.bert.config import TrainingConfig
    from modeldemo.bert.predict import BertCategoriser
    from modeldemo.bert.save import save
    from modeldemo.bert.train import train

    texts, labels = examples
    config = TrainingConfig(
        max_length=16, batch_size=8, epochs=1, max_steps=1, device="cpu", tfidf_weight=0.0
    )
    result = train(texts, labels, config=config)
    folder = save(result, tmp_path, name="alone")
    categoriser = BertCategoriser.load(folder, device="cpu")

    assert (result.tfidf, result.validation_parts) == (None, None)
    assert not (folder / "tfidf").exists()
    assert categoriser.tfidf is None
    assert np.array_equal(categoriser.predict_proba(texts[:4]), categoriser.bert_proba(texts[:4]))


@pytest.mark.parametrize("weight", [-0.1, 1.5])
def test_config_refuses_a_tfidf_weight_outside_0_1(weight):
    from modeldemo.bert.config import TrainingConfig

    with pytest.raises(ValueError, match="tfidf_weight must lie in \\[0, 1\\]"):
        TrainingConfig(tfidf_weight=weight)


def test_config_defaults_are_the_measured_cpu_rates():
    from modeldemo.bert.config import TrainingConfig

    config = TrainingConfig()

    assert (config.learning_rate, config.head_learning_rate) == (1e-4, 1e-3)
    assert (config.max_length, config.batch_size, config.epochs) == (256, 32, 3)
