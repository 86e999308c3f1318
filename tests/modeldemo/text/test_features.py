"""Text features for Chinese: character n-grams and jieba words, chosen by the text's language."""

import json

import numpy as np
import pytest

from modeldemo.text.features import analyser, char_ngrams, chinese_tokens, jieba_words
from modeldemo.text.tfidf import TfidfCategoriser, balanced_weights

SENTENCE = "深度学习，用于BERT模型。"


def test_char_ngrams_of_one_run():
    assert char_ngrams("深度学习", 1, 2) == ["深", "度", "学", "习", "深度", "度学", "学习"]
    assert char_ngrams("深度学习", 2, 3) == ["深度", "度学", "学习", "深度学", "度学习"]
    assert char_ngrams("深", 2, 3) == ["深"]


def test_char_features_never_cross_punctuation_and_keep_latin_words():
    assert analyser("char")(SENTENCE) == [
        *["深", "度", "学", "习", "深度", "度学", "学习"],
        *["用", "于", "用于"],
        "bert",
        *["模", "型", "模型"],
    ]


def test_jieba_features_are_words_and_word_bigrams():
    assert jieba_words("深度学习用于") == ["深度", "学习", "用于"]
    assert analyser("jieba")(SENTENCE) == ["深度", "学习", "深度 学习", "用于", "bert", "模型"]


def test_word_features_see_a_chinese_clause_as_one_word():
    assert analyser("word")(SENTENCE) == ["深度学习", "用于bert模型", "深度学习 用于bert模型"]


def test_auto_features_follow_the_texts_language():
    auto = analyser("auto")

    assert auto("Deep learning for the web") == analyser("word")("Deep learning for the web")
    assert auto("Deep learning for the web") == [
        "deep",
        "learning",
        "web",
        "deep learning",
        "learning web",
    ]
    assert auto(SENTENCE) == analyser("char")(SENTENCE)
    assert analyser("auto", chinese_features="jieba")(SENTENCE) == analyser("jieba")(SENTENCE)


def test_chinese_tokens_with_two_to_three_grams():
    assert chinese_tokens("语音识别", features="char", ngram_range=(2, 3)) == [
        "语音",
        "音识",
        "识别",
        "语音识",
        "音识别",
    ]


def test_unknown_features_are_refused():
    with pytest.raises(ValueError, match="unknown text features 'bpe'"):
        analyser("bpe")
    with pytest.raises(ValueError, match="Chinese features are 'char' or 'jieba'"):
        analyser("auto", chinese_features="word")


def test_balanced_weights_only_for_chinese_examples():
    texts = ["医学研究", "医学治疗", "工程设计", "An English talk"]
    labels = ["医学", "医学", "工学", "NLP"]

    weights = balanced_weights(texts, labels, ["zh-hans"])

    # 3 Chinese examples, 2 labels: 3 / (2 × 2) and 3 / (2 × 1); English stays 1.
    assert weights.tolist() == [0.75, 0.75, 1.5, 1.0]
    assert balanced_weights(texts[3:], labels[3:], ["zh-hans"]) is None
    assert balanced_weights(texts, labels, []) is None


def test_tfidf_with_auto_features_saves_and_loads(tmp_path):
    texts = ["患者临床治疗", "医院患者护理", "桥梁结构施工", "钢结构桥梁", "Speech models", "ASR"]
    labels = ["医学", "医学", "工学", "工学", "Speech", "Speech"]
    model = TfidfCategoriser.train(texts, labels)

    loaded = TfidfCategoriser.load(model.save(tmp_path / "m"))

    probe = ["患者护理", "桥梁施工", "speech"]
    assert np.allclose(loaded.predict_proba(probe), model.predict_proba(probe))
    assert loaded.config["settings"] == {
        "ngram_max": 2,
        "min_df": 1,
        "max_features": 100_000,
        "features": "auto",
        "char_ngrams": [1, 2],
        "chinese_features": "char",
    }


def test_tfidf_saved_before_features_loads_as_words(tmp_path):
    model = TfidfCategoriser.train(["speech audio", "image vision"], ["S", "V"], features="word")
    folder = model.save(tmp_path / "old")
    config = json.loads((folder / "config.json").read_text())

    assert "features" not in config["settings"]
    loaded = TfidfCategoriser.load(folder)
    assert loaded.vectoriser.build_analyzer()("语音识别，audio") == [
        "语音识别",
        "audio",
        "语音识别 audio",
    ]
