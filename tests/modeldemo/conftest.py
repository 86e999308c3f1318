import pytest

from talks.services import import_labelled_examples
from tests.factories import TrackFactory

TINY = {
    "NLP": [
        "Fine-tuning a language model for legal question answering",
        "Machine translation of Chinese news with transformers",
        "Named entity recognition in clinical notes written in text",
        "Retrieval-augmented generation for customer support chat",
        "Summarising long documents with large language models",
        "Tokenisation and word embeddings for low-resource languages",
        "Sentiment analysis of product reviews with BERT",
        "Instruction tuning a chat model on dialogue data",
    ],
    "Vision": [
        "Object detection on drone video with YOLO",
        "Image segmentation of satellite photos",
        "Face recognition on edge cameras",
        "Defect detection in factory camera images",
        "Optical character recognition of scanned invoices images",
        "Pose estimation from video frames of athletes",
        "Medical image classification of X-ray pictures",
        "Generating images with diffusion models",
    ],
    "Speech": [
        "Automatic speech recognition for Cantonese dialects",
        "Text-to-speech voices that sound natural",
        "Speaker diarisation of meeting audio recordings",
        "Keyword spotting on microphones in smart speakers",
        "Noise suppression for voice calls audio",
        "Voice cloning from a few seconds of speech",
        "Transcribing podcasts with a speech model",
        "Wake word detection on low-power audio chips",
    ],
}


@pytest.fixture
def ml_tracks(conference):
    return [
        TrackFactory(
            conference=conference, name="NLP", slug="nlp", description="Text and language"
        ),
        TrackFactory(conference=conference, name="Vision", slug="vision", description="Images"),
        TrackFactory(conference=conference, name="Speech", slug="speech", description="Audio"),
    ]


@pytest.fixture
def tiny_dataset(db):
    rows = [(text, label) for label, texts in TINY.items() for text in texts]
    import_labelled_examples(rows=rows, dataset="tiny")
    return "tiny"
