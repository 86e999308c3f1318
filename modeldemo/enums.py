from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ZEROSHOT = "zeroshot", _("Zero-shot (MiniLM vs track descriptions)")
    MLP = "mlp", _("MLP on MiniLM embeddings")
    TFIDF = "tfidf", _("TF-IDF + logistic regression")
    BERT = "bert", _("Fine-tuned BERT")


class VersionStatus(models.TextChoices):
    TRAINING = "training", _("Training")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class JobKind(models.TextChoices):
    TRAIN = "train", _("Training")
    RECATEGORISE = "recategorise", _("Re-categorisation")
    PROPOSE_MAPPING = "propose_mapping", _("Label-mapping proposal")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
