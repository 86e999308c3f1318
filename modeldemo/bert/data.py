"""Examples → label ids → tokenised datasets and batches. torch is imported inside functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple


class Split(NamedTuple):
    train: list[int]  # indices into the examples
    validation: list[int]
    stratified: bool


def split_indices(
    labels: Sequence[str], *, validation_fraction: float = 0.2, seed: int = 42
) -> Split:
    """Seeded train/validation split of example indices, stratified by label when possible.

    Stratification needs two examples of every class and a validation set with room for one of
    each; otherwise the split is a plain seeded shuffle (a rare class may then miss a side).
    """
    from sklearn.model_selection import train_test_split

    indices = list(range(len(labels)))
    if validation_fraction <= 0 or len(indices) < 2:
        return Split(indices, [], False)
    counts = Counter(labels)
    n_validation = max(1, round(len(indices) * validation_fraction))
    stratify = (
        list(labels)
        if min(counts.values()) >= 2 and len(counts) <= n_validation <= len(indices) - len(counts)
        else None
    )
    train, validation = train_test_split(
        indices, test_size=n_validation, random_state=seed, stratify=stratify
    )
    return Split(sorted(train), sorted(validation), stratify is not None)


def label_map(labels: Sequence[str]) -> tuple[list[str], dict[str, int]]:
    """Sorted distinct labels, and label → id. Sorting makes ids independent of example order."""
    names = sorted(set(labels))
    return names, {name: i for i, name in enumerate(names)}


class TextDataset:
    """Tokenised texts (unpadded) with optional label ids; a map-style dataset for DataLoader.

    Padding happens per batch in the collator (dynamic padding): a batch of short abstracts is
    not padded to max_length.
    """

    def __init__(
        self, tokenizer, texts: Sequence[str], label_ids: Sequence[int] | None, *, max_length: int
    ):
        self.encodings = tokenizer(list(texts), truncation=True, max_length=max_length)
        self.label_ids = None if label_ids is None else list(label_ids)

    def __len__(self) -> int:
        return len(self.encodings["input_ids"])

    def __getitem__(self, i: int) -> dict:
        item = {key: values[i] for key, values in self.encodings.items()}
        if self.label_ids is not None:
            item["labels"] = self.label_ids[i]
        return item


def collator(tokenizer):
    """Pads each batch to its longest member and returns torch tensors."""
    from transformers import DataCollatorWithPadding

    return DataCollatorWithPadding(tokenizer, return_tensors="pt")


def train_loader(dataset: TextDataset, tokenizer, *, batch_size: int, seed: int):
    """Shuffled batches in an order fixed by `seed`."""
    import torch
    from torch.utils.data import DataLoader

    generator = torch.Generator().manual_seed(seed)
    return DataLoader(
        dataset,
        batch_size=batch_size,
        shuffle=True,
        generator=generator,
        collate_fn=collator(tokenizer),
    )


def length_sorted_batches(
    tokenizer, texts: Sequence[str], *, batch_size: int, max_length: int
) -> Iterator[tuple[list[int], dict]]:
    """(indices, padded batch) for inference, texts grouped by token length.

    Neighbours in length share a batch, so little compute goes into padding; callers put the
    results back in input order through the indices.
    """
    dataset = TextDataset(tokenizer, texts, None, max_length=max_length)
    order = sorted(range(len(dataset)), key=lambda i: len(dataset.encodings["input_ids"][i]))
    collate = collator(tokenizer)
    for start in range(0, len(order), batch_size):
        indices = order[start : start + batch_size]
        yield indices, collate([dataset[i] for i in indices])
