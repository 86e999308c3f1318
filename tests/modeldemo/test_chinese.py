"""Chinese submissions: character features categorise them, zero-shot reads Chinese track texts."""

import numpy as np

from modeldemo import serving
from modeldemo.categorisers.zeroshot import ZeroShotCategoriser
from modeldemo.text.tfidf import TfidfCategoriser
from tests.factories import TrackFactory

# Each training text is one clause: word tokens see each as a single word no other text has.
TRAIN = {
    "医学": ["患者的临床治疗效果", "医院患者用药安全", "临床病例与患者护理", "患者术后护理观察"],
    "工学": ["桥梁结构的力学性能", "钢结构桥梁施工技术", "机械结构设计与测试", "桥梁施工质量控制"],
}
TEST = [("患者临床护理研究", "医学"), ("桥梁结构施工测试", "工学")]


def _train(features):
    texts = [text for texts in TRAIN.values() for text in texts]
    labels = [label for label, texts in TRAIN.items() for _ in texts]
    return TfidfCategoriser.train(texts, labels, features=features)


def _top(model):
    return [ranking[0][0] for ranking in model.predict([text for text, _ in TEST], k=1)]


def test_character_and_jieba_features_categorise_chinese_right():
    gold = [label for _, label in TEST]

    assert _top(_train("char")) == gold
    assert _top(_train("auto")) == gold
    assert _top(_train("jieba")) == gold


def test_word_features_cannot_read_chinese():
    model = _train("word")

    # Unseen clauses are empty vectors to it: both texts get the same, prior-only answer.
    probabilities = model.predict_proba([text for text, _ in TEST])
    assert np.allclose(probabilities[0], probabilities[1])
    assert np.allclose(probabilities[0], [0.5, 0.5])


class ConstantEncoder:
    """Every text the same vector: zero-shot by meaning ties, and only characters decide."""

    name = "constant"
    dimension = 2
    max_length = 16

    def encode(self, texts, **_kwargs):
        return np.tile([1.0, 0.0], (len(texts), 1))


LABEL_TEXTS = {"NLP": "NLP. Text and language", "Speech": "Speech. Audio and voices"}
CHINESE_TEXTS = {"NLP": "自然语言处理. 文本分类与机器翻译", "Speech": "语音. 语音识别与语音合成"}


def test_zero_shot_matches_chinese_texts_with_the_chinese_track_texts():
    zeroshot = ZeroShotCategoriser(
        LABEL_TEXTS, encoder=ConstantEncoder(), chinese_texts=CHINESE_TEXTS
    )

    rankings = zeroshot.predict(["方言语音识别的数据采集", "中文文本分类的标注方法"], k=1)

    assert [ranking[0][0] for ranking in rankings] == ["Speech", "NLP"]


def test_zero_shot_leaves_english_texts_to_the_encoder():
    zeroshot = ZeroShotCategoriser(
        LABEL_TEXTS, encoder=ConstantEncoder(), chinese_texts=CHINESE_TEXTS
    )

    assert zeroshot.predict_proba(["Speech recognition for dialects"]).tolist() == [[0.5, 0.5]]


def test_zero_shot_version_changes_with_the_chinese_texts():
    plain = ZeroShotCategoriser(LABEL_TEXTS, encoder=ConstantEncoder())
    chinese = ZeroShotCategoriser(
        LABEL_TEXTS, encoder=ConstantEncoder(), chinese_texts=CHINESE_TEXTS
    )

    assert plain.version != chinese.version
    assert chinese.version.startswith("zeroshot-constant-")


def test_track_chinese_texts_fall_back_to_english_words(conference):
    TrackFactory(conference=conference, name="NLP", slug="nlp", description="Text")
    assert serving.track_chinese_texts(conference) == ()

    TrackFactory(
        conference=conference,
        name="Speech",
        slug="speech",
        description="Audio",
        name_zh="语音",
        description_zh="语音识别",
    )

    assert serving.track_chinese_texts(conference) == (
        ("NLP", "NLP. Text"),
        ("Speech", "语音. 语音识别"),
    )


def test_the_demos_chinese_submissions_are_suggested_their_tracks():
    """On the real MiniLM weights: the demo's 12 Chinese submissions against its tracks' English
    and Chinese texts (6 of 12 by meaning alone, BENCHMARKS.md)."""
    from scheduling.demo.talks_zh import SUBMISSIONS
    from scheduling.demo_data import TRACKS

    zeroshot = ZeroShotCategoriser(
        {t["slug"]: f"{t['name']}. {t['description']}" for t in TRACKS},
        chinese_texts={t["slug"]: f"{t['name_zh']}. {t['description_zh']}" for t in TRACKS},
    )

    rankings = zeroshot.predict([f"{s['title']}. {s['abstract']}" for s in SUBMISSIONS], k=1)

    assert [ranking[0][0] for ranking in rankings] == [s["track"] for s in SUBMISSIONS]


class FixedTfidf:
    labels = ["a", "b"]

    def predict_proba(self, texts):
        return np.tile([0.2, 0.8], (len(texts), 1))


def test_bert_blend_gives_chinese_texts_the_tfidf_part_alone(monkeypatch):
    from modeldemo.bert.predict import BertCategoriser

    bert = BertCategoriser(
        None, None, ["a", "b"], version="v", tfidf=FixedTfidf(), tfidf_weight=0.5
    )
    seen = []

    def bert_proba(texts):
        seen.extend(texts)
        return np.tile([1.0, 0.0], (len(texts), 1))

    monkeypatch.setattr(bert, "bert_proba", bert_proba)

    probabilities = bert.predict_proba(["Speech recognition", "方言语音识别的数据采集"])

    assert np.allclose(probabilities, [[0.6, 0.4], [0.2, 0.8]])
    assert seen == ["Speech recognition"]  # the Chinese text never reaches BERT


def test_bert_blend_weight_by_language_can_be_set_per_folder():
    from modeldemo.bert.predict import BertCategoriser

    bert = BertCategoriser(
        None,
        None,
        ["a", "b"],
        version="v",
        tfidf=FixedTfidf(),
        tfidf_weight=0.5,
        tfidf_weight_by_language={"zh-hans": 0.75},
    )

    assert bert.tfidf_weights(["English text", "中文文本分类"]).tolist() == [0.5, 0.75]


def test_model_page_says_what_each_kind_does_with_chinese(client, organiser, conference):
    from django.urls import reverse

    from modeldemo.models import ModelVersion

    client.force_login(organiser)
    said = {}
    for kind in ("bert", "tfidf", "zeroshot"):
        version = ModelVersion.objects.create(
            conference=conference, kind=kind, labels=["NLP"], status="ready"
        )
        html = client.get(
            reverse("modeldemo:model_detail", args=[conference.slug, version.pk])
        ).content.decode()
        section = html[html.index('<section class="languages"') :]
        said[kind] = section[: section.index("</section>")]

    assert "Chinese submissions get the TF-IDF part alone" in said["bert"]
    assert "reads English by words and Chinese by characters" in said["tfidf"]
    assert "the tracks' Chinese names and descriptions" in said["zeroshot"]


def test_zero_shot_without_characters_to_match_is_flat_not_an_error():
    zeroshot = ZeroShotCategoriser(
        {"C": "C", "Go": "?"}, encoder=ConstantEncoder(), chinese_texts={"C": "C", "Go": "?"}
    )

    assert zeroshot.predict_proba(["中文文本分类"]).tolist() == [[0.5, 0.5]]
