"""Splitting and label ids."""

from collections import Counter

from modeldemo.bert.data import label_map, split_indices


def test_split_is_stratified_and_seeded():
    labels = ["a"] * 50 + ["b"] * 30 + ["c"] * 20

    split = split_indices(labels, validation_fraction=0.2, seed=42)

    assert split.stratified
    assert (len(split.train), len(split.validation)) == (80, 20)
    assert Counter(labels[i] for i in split.validation) == {"a": 10, "b": 6, "c": 4}
    assert Counter(labels[i] for i in split.train) == {"a": 40, "b": 24, "c": 16}
    assert sorted(split.train + split.validation) == list(range(100))
    assert split == split_indices(labels, validation_fraction=0.2, seed=42)
    assert split.validation != split_indices(labels, validation_fraction=0.2, seed=7).validation


def test_split_falls_back_to_unstratified_when_a_class_has_one_example():
    labels = ["a"] * 9 + ["b"] * 10 + ["c"]

    split = split_indices(labels, validation_fraction=0.2, seed=42)

    assert not split.stratified
    assert (len(split.train), len(split.validation)) == (16, 4)


def test_split_without_validation_keeps_everything_for_training():
    assert split_indices(["a", "b"], validation_fraction=0).train == [0, 1]


def test_label_map_sorts_labels_so_ids_do_not_depend_on_order():
    assert label_map(["sec", "ml", "db", "ml"]) == (
        ["db", "ml", "sec"],
        {"db": 0, "ml": 1, "sec": 2},
    )
