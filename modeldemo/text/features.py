"""Text features for the TF-IDF categoriser, in English and in Chinese.

The brief's cleaning splits on non-word characters, so a Chinese clause between two punctuation
marks is a single "word" that no other abstract repeats. Chinese is written without spaces; its
runs of ideographs are cut here into character n-grams or into jieba's words instead:

- "word":  the cleaned text's words and word bigrams (English; what the baseline always did);
- "char":  each run of ideographs as character n-grams (1–2 by default); other words as words;
- "jieba": each run of ideographs cut into words by jieba, with word bigrams; other words too;
- "auto":  per text, by its language (conference.language): English texts get "word", Chinese
  texts CHINESE_FEATURES (chosen by bench/categorise.py --lang zh, see BENCHMARKS.md).

The analysers are plain functions of a name and settings, so a saved model stores the name and
is rebuilt without pickle.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from conference.language import CHINESE, CJK, detect_language
from modeldemo.text.cleaning import clean_text

FEATURES = ("word", "char", "jieba", "auto")
# What "auto" uses for Chinese texts: measured side by side in BENCHMARKS.md (Chinese).
CHINESE_FEATURES = "char"

_RUNS = re.compile(f"[{CJK}]+|[^{CJK}\\s]+")
_IDEOGRAPHS = re.compile(f"^[{CJK}]+$")
# scikit-learn's default token pattern: a non-Chinese word needs two characters.
_WORD = re.compile(r"(?u)\b\w\w+\b")


def _runs(text: str) -> list[str]:
    """The cleaned text cut into runs of ideographs and runs of anything else."""
    return _RUNS.findall(clean_text(text))


def char_ngrams(run: str, low: int, high: int) -> list[str]:
    """The character n-grams of one run, for n from low to high ("深度学习", 1, 2 → 深 度 学 习
    深度 度学 学习); a run shorter than `low` stands whole."""
    if len(run) < low:
        return [run]
    return [run[i : i + n] for n in range(low, high + 1) for i in range(len(run) - n + 1)]


def _bigrams(words: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@functools.cache
def _jieba():
    import logging

    import jieba

    # jieba logs its dictionary load at DEBUG through its own handler; quiet.
    jieba.setLogLevel(logging.WARNING)
    return jieba


def jieba_words(run: str) -> list[str]:
    """jieba's words of one run of ideographs (precise mode, no HMM guesses: repeatable)."""
    return [word for word in _jieba().lcut(run, HMM=False) if word.strip()]


def chinese_tokens(text: str, *, features: str, ngram_range: tuple[int, int] = (1, 2)) -> list:
    """The tokens of a (mostly) Chinese text: ideograph runs by `features` ("char" or "jieba"),
    every other run's words as words; n-grams never cross a punctuation mark."""
    tokens: list[str] = []
    for run in _runs(text):
        if _IDEOGRAPHS.match(run):
            if features == "jieba":
                words = jieba_words(run)
                tokens += words + _bigrams(words)
            else:
                tokens += char_ngrams(run, *ngram_range)
        else:
            tokens += _WORD.findall(run)
    return tokens


@functools.cache
def _word_analyser(ngram_max: int) -> Callable[[str], list[str]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(preprocessor=clean_text, ngram_range=(1, ngram_max)).build_analyzer()


def analyser(
    features: str,
    *,
    ngram_max: int = 2,
    char_ngrams: tuple[int, int] = (1, 2),
    chinese_features: str = CHINESE_FEATURES,
) -> Callable[[str], list[str]]:
    """The function that turns one text into its tokens for `features` (see the module);
    chinese_features: what "auto" does with Chinese texts ("char" or "jieba")."""
    if features not in FEATURES:
        raise ValueError(f"unknown text features {features!r}; one of {', '.join(FEATURES)}")
    if chinese_features not in ("char", "jieba"):
        raise ValueError(f"Chinese features are 'char' or 'jieba', not {chinese_features!r}")
    low, high = char_ngrams
    words = _word_analyser(ngram_max)
    if features == "word":
        return words
    chosen = chinese_features if features == "auto" else features

    def chinese(text: str) -> list[str]:
        return chinese_tokens(text, features=chosen, ngram_range=(low, high))

    if features in ("char", "jieba"):
        return chinese

    def by_language(text: str) -> list[str]:
        return chinese(text) if detect_language(text) == CHINESE else words(text)

    return by_language
