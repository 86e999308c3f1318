"""Training counts each decision of this conference's people DECIDED_WEIGHT times."""

from modeldemo import training


def test_decisions_count_several_times_past_examples_once(tmp_path):
    past = [(f"python talk {i}", "Languages") for i in range(10)]
    past += [(f"kernel talk {i}", "Systems") for i in range(9)] + [("kernel scheduler", "Systems")]
    decided = [("python again", "Languages"), ("kernel again", "Systems"), ("sql", "Systems")]
    texts = [text for text, _ in past + decided]
    labels = [label for _, label in past + decided]

    result = training.train(
        kind="tfidf", texts=texts, labels=labels, out_dir=tmp_path / "m", recent=len(past)
    )

    # The latest fifth of the past (4) validates a model of 16 past + 3 decided, the decisions
    # 5 times each (16 + 15 texts); the version is then trained again on every example, the
    # validation split included: 20 + 15 texts, 23 examples of evidence.
    assert training.DECIDED_WEIGHT == 5
    assert result.validated_on == 4
    assert result.config["examples"] == 31
    assert result.config["refit"] == {"examples": 35, "validated_without": 4}
    assert result.trained_on == 23
    assert result.evidence == {"Languages": 11, "Systems": 12}
    # The saved model is the second one: it knows a word only the validation split has.
    assert "scheduler" in training.load_folder(result.path).vectoriser.vocabulary_


def test_bert_is_not_trained_twice():
    assert training.REFIT_KINDS == ("tfidf", "mlp")


def test_an_mlp_encodes_its_texts_once_for_both_fits(tmp_path, monkeypatch):
    import numpy as np

    encoded = []

    class CountingEncoder:
        name = "counting"
        dimension = 4

        def encode(self, texts, **kwargs):
            encoded.extend(texts)
            words = ["python", "kernel", "sql", "talk"]
            return np.array(
                [[float(word in text) for word in words] for text in texts], dtype=np.float32
            )

    monkeypatch.setattr("modeldemo.bert.encoder.get_encoder", lambda *a, **k: CountingEncoder())
    texts = [f"python talk {i}" for i in range(10)] + [f"kernel talk {i}" for i in range(10)]
    labels = ["Languages"] * 10 + ["Systems"] * 10

    result = training.train(
        kind="mlp", texts=texts, labels=labels, out_dir=tmp_path / "m", recent=len(texts), epochs=3
    )

    # Every text once for both fits, then the 4 that validate once more to score the first.
    assert (result.trained_on, result.validated_on) == (20, 4)
    assert len(encoded) == 20 + 4
    assert sorted(encoded[20:]) == sorted(texts[16:])
