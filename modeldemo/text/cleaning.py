"""The brief's text cleaning, for the bag-of-words (TF-IDF) baseline.

Non-alphanumerics become spaces, everything is lower-cased, and English stop words go. The stop
list is scikit-learn's ENGLISH_STOP_WORDS: NLTK's list would have to be downloaded, and nothing is
downloaded at run time.

BERT does not read cleaned text: its WordPiece tokeniser splits any word into known subwords,
casing, punctuation and stop words ("not", "without", "C++") carry signal a bag of words loses,
and the model was pre-trained on raw text, so cleaning would only move its input away from that.
"""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# "Alphanumeric" is Unicode-aware: accented letters and CJK characters are kept (the brief's
# conference is Chinese); "_" counts as punctuation although \w matches it.
_NON_ALPHANUMERIC = re.compile(r"[\W_]+")

STOP_WORDS = ENGLISH_STOP_WORDS


def clean_text(text: str) -> str:
    """Lower-cased words of `text` without punctuation or stop words, joined by single spaces."""
    words = _NON_ALPHANUMERIC.sub(" ", text or "").lower().split()
    return " ".join(word for word in words if word not in STOP_WORDS)


def tokenise(text: str) -> list[str]:
    """The words of the cleaned text."""
    return clean_text(text).split()


def join_fields(record: dict, fields: list[str] | tuple[str, ...], *, separator: str = "\n") -> str:
    """Join a record's text fields (e.g. title and abstract) into one text, skipping empty ones."""
    parts = [str(record.get(field) or "").strip() for field in fields]
    return separator.join(part for part in parts if part)
