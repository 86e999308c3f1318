"""Near-duplicate submissions, found by the cosine of their sentence embeddings."""

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from conference.models import Conference
from talks.models import NearDuplicate, Submission, SubmissionEmbedding

NEAR_DUPLICATE_SIMILARITY = 0.9


def _as_bytes(vector: np.ndarray) -> bytes:
    return vector.astype("<f4").tobytes()


def _from_bytes(raw) -> np.ndarray:
    return np.frombuffer(bytes(raw), dtype="<f4")


@transaction.atomic
def record_submission_embedding(*, submission: Submission, vector: list[float]) -> list[Submission]:
    """Store the submission's sentence embedding and flag its near-duplicates.

    The vector is L2-normalised again here (cheap, and then cosine = dot product). Every other
    submission of the conference with an embedding of the same size and cosine ≥ 0.9 becomes a
    NearDuplicate pair; pairs of this submission that fell below (its text changed) are removed.
    Returns the submissions newly flagged as near-duplicates of this one, most similar first.
    Side effects: the SubmissionEmbedding row, NearDuplicate rows created, updated or deleted.
    """
    array = np.asarray(vector, dtype=np.float64)
    if array.ndim != 1 or array.size == 0 or not np.all(np.isfinite(array)):
        raise ValidationError(_("The embedding must be a non-empty list of finite numbers."))
    norm = float(np.linalg.norm(array))
    if norm == 0:
        raise ValidationError(_("The embedding must not be all zeros."))
    array = (array / norm).astype(np.float32)
    # One embedding at a time per conference (PostgreSQL): two near-identical submissions
    # embedded at once would otherwise each miss the other, both being uncommitted.
    Conference.objects.select_for_update().filter(pk=submission.conference_id).first()
    SubmissionEmbedding.objects.update_or_create(
        submission=submission,
        defaults={"vector": _as_bytes(array), "dimension": array.size},
    )
    others = list(
        SubmissionEmbedding.objects.filter(
            submission__conference_id=submission.conference_id, dimension=array.size
        )
        .exclude(submission=submission)
        .values_list("submission_id", "vector")
    )
    similar: dict[int, float] = {}
    if others:
        matrix = np.stack([_from_bytes(raw) for _pk, raw in others])
        similarities = matrix @ array
        similar = {
            pk: float(similarity)
            for (pk, _raw), similarity in zip(others, similarities, strict=True)
            if similarity >= NEAR_DUPLICATE_SIMILARITY
        }
    mine = Q(first=submission) | Q(second=submission)
    existing = {
        (pair.second_id if pair.first_id == submission.pk else pair.first_id): pair
        for pair in NearDuplicate.objects.filter(mine)
    }
    NearDuplicate.objects.filter(mine).exclude(
        pk__in=[pair.pk for pk, pair in existing.items() if pk in similar]
    ).delete()
    new = []
    for other_pk, similarity in similar.items():
        if other_pk in existing:
            NearDuplicate.objects.filter(pk=existing[other_pk].pk).update(similarity=similarity)
            continue
        first, second = sorted((submission.pk, other_pk))
        NearDuplicate.objects.create(
            conference_id=submission.conference_id,
            first_id=first,
            second_id=second,
            similarity=similarity,
        )
        new.append((similarity, other_pk))
    new.sort(reverse=True)
    flagged = Submission.objects.in_bulk([pk for _similarity, pk in new])
    return [flagged[pk] for _similarity, pk in new]
