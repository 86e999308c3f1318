"""Training counts each decision of this conference's people DECIDED_WEIGHT times."""

from modeldemo import training


def test_decisions_count_several_times_past_examples_once(tmp_path):
    past = [(f"python talk {i}", "Languages") for i in range(10)]
    past += [(f"kernel talk {i}", "Systems") for i in range(10)]
    decided = [("python again", "Languages"), ("kernel again", "Systems"), ("sql", "Systems")]
    texts = [text for text, _ in past + decided]
    labels = [label for _, label in past + decided]

    result = training.train(
        kind="tfidf", texts=texts, labels=labels, out_dir=tmp_path / "m", recent=len(past)
    )

    # The latest fifth of the past (4) validates; 16 past + 3 decided are trained on, the
    # decisions 5 times each: 16 + 15 texts, but 19 examples of evidence.
    assert training.DECIDED_WEIGHT == 5
    assert result.validated_on == 4
    assert result.trained_on == 19
    assert result.config["examples"] == 31
    assert result.evidence == {"Languages": 11, "Systems": 8}
