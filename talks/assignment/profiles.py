"""What a reviewer's affinity is computed from: her expertise, tracks of interest and history.

Read by affinity.py (TF-IDF and reasons) and by the ml worker (modeldemo.reviewer_embeddings),
which embeds the same parts; `text_hash` says whether a stored ReviewerEmbedding still embeds
them.
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from conference.models import Conference
from talks.enums import State
from talks.models import Review, ReviewerProfile, SubmissionSpeaker

# The latest this many past abstracts (written, then reviewed) stand for a reviewer's history,
# each cut to this many characters: MiniLM reads 256 tokens, TF-IDF needs no more either.
HISTORY_LIMIT = 10
HISTORY_CHARS = 1200


@dataclass
class ReviewerText:
    user_id: int
    profile_id: int | None = None
    expertise: str = ""
    tracks: list[str] = field(default_factory=list)
    track_ids: set[int] = field(default_factory=set)
    history: list[str] = field(default_factory=list)
    cap: int | None = None

    @property
    def tracks_text(self) -> str:
        return ", ".join(self.tracks)

    @property
    def parts(self) -> list[str]:
        """The texts an embedding averages: expertise, tracks, each past abstract (non-empty)."""
        return [text for text in [self.expertise, self.tracks_text, *self.history] if text]

    @property
    def full_text(self) -> str:
        # The expertise twice: the reviewer's own words weigh more than her history.
        return "\n".join([self.expertise, self.expertise, self.tracks_text, *self.history])

    @property
    def text_hash(self) -> str:
        payload = json.dumps([self.expertise, self.tracks, self.history], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def reviewer_texts(*, conference: Conference, user_ids: Iterable[int]) -> dict[int, ReviewerText]:
    """{user id: ReviewerText} for these users, with or without a ReviewerProfile.

    History: abstracts of other conferences that the user spoke on or reviewed, newest first
    (this conference's own are left out: they are what is being assigned). Four queries.
    """
    user_ids = list(user_ids)
    texts = {pk: ReviewerText(user_id=pk) for pk in user_ids}
    profiles = ReviewerProfile.objects.filter(
        conference=conference, user_id__in=user_ids
    ).prefetch_related("tracks")
    use_history = set(user_ids)
    for profile in profiles:
        text = texts[profile.user_id]
        text.profile_id = profile.pk
        text.expertise = (profile.expertise or "").strip()
        tracks = sorted(profile.tracks.all(), key=lambda track: (track.position, track.name))
        text.tracks = [track.name for track in tracks]
        text.track_ids = {track.pk for track in tracks}
        text.cap = profile.cap
        if not profile.use_history:
            use_history.discard(profile.user_id)
    if not use_history:
        return texts
    history: dict[int, list[str]] = defaultdict(list)
    seen: dict[int, set[int]] = defaultdict(set)
    spoken = (
        SubmissionSpeaker.objects.filter(user_id__in=use_history)
        .exclude(submission__conference=conference)
        .exclude(submission__state=State.DRAFT)
        .order_by("-submission__created_at", "-submission_id")
        .values_list("user_id", "submission_id", "submission__title", "submission__abstract")
    )
    reviewed = (
        Review.objects.filter(reviewer_id__in=use_history)
        .exclude(submission__conference=conference)
        .order_by("-submission__created_at", "-submission_id")
        .values_list("reviewer_id", "submission_id", "submission__title", "submission__abstract")
    )
    for rows in (spoken, reviewed):
        for user_id, submission_id, title, abstract in rows:
            if len(history[user_id]) >= HISTORY_LIMIT or submission_id in seen[user_id]:
                continue
            seen[user_id].add(submission_id)
            history[user_id].append(f"{title}. {abstract}"[:HISTORY_CHARS])
    for user_id, abstracts in history.items():
        texts[user_id].history = abstracts
    return texts
