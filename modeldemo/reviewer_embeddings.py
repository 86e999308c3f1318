"""Reviewer embeddings for the automatic assignment (talks.assignment.affinity).

A reviewer's vector is the normalised weighted mean of the MiniLM embeddings of her parts —
expertise (weight 2), tracks of interest (1) and her past abstracts (1 in all, shared) — with
the encoder that embeds submissions (modeldemo.bert.encoder, as modeldemo.services does for
SubmissionEmbedding), so cosine compares like with like. Parts are encoded apart because one
concatenated text would be cut at 256 tokens and lose the history. Only profiles whose text
changed (text_hash) are encoded. Reads through talks.assignment.profiles, writes through
talks.services.assignment.
"""

import numpy as np

from conference.models import Conference
from talks.assignment.profiles import ReviewerText, reviewer_texts
from talks.models import ReviewerEmbedding, ReviewerProfile
from talks.services.assignment import store_reviewer_embedding

EXPERTISE_WEIGHT = 2.0
TRACKS_WEIGHT = 1.0
HISTORY_WEIGHT = 1.0


def reviewer_vector(text: ReviewerText, encode) -> np.ndarray | None:
    """The profile's vector from `encode(texts) -> array`, or None when it has no text."""
    parts = [(text.expertise, EXPERTISE_WEIGHT), (text.tracks_text, TRACKS_WEIGHT)]
    parts = [(part, weight) for part, weight in parts if part]
    history = [abstract for abstract in text.history if abstract]
    parts += [(abstract, HISTORY_WEIGHT / len(history)) for abstract in history]
    if not parts:
        return None
    vectors = encode([part for part, _weight in parts])
    weights = np.array([weight for _part, weight in parts])[:, None]
    mean = (vectors * weights).sum(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None


def embed_reviewers(*, conference_id: int) -> int:
    """Embed the conference's profiles whose text changed; returns how many were written.

    A profile that now has no text at all loses its embedding (it would embed nothing).
    """
    conference = Conference.objects.filter(pk=conference_id).first()
    if conference is None:
        return 0
    profiles = list(ReviewerProfile.objects.filter(conference=conference))
    if not profiles:
        return 0
    texts = reviewer_texts(conference=conference, user_ids=[p.user_id for p in profiles])
    stored = {
        row.profile_id: row.text_hash
        for row in ReviewerEmbedding.objects.filter(profile__in=profiles).only(
            "profile_id", "text_hash"
        )
    }
    due = [p for p in profiles if stored.get(p.pk) != texts[p.user_id].text_hash]
    if not due:
        return 0
    from modeldemo.bert.encoder import get_encoder

    encoder = get_encoder()
    done = 0
    for profile in due:
        text = texts[profile.user_id]
        vector = reviewer_vector(text, encoder.encode)
        if vector is None:
            ReviewerEmbedding.objects.filter(profile=profile).delete()
            continue
        store_reviewer_embedding(
            profile=profile, text_hash=text.text_hash, vector=[float(x) for x in vector]
        )
        done += 1
    return done
