"""What happened to the demo's submissions before today: tracks decided, reviews, decisions.

Deterministic: each submission's fate follows from its format and its place in the demo data.
Keynotes, workshops and panels were invited and are confirmed; of the other talks about three
in ten still wait in the track review queue, and the rest have a track that a person decided,
reviews, and (mostly) a decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from conference.models import Conference
from talks.enums import Format, State
from talks.models import speakers_prefetch
from talks.rules import can_review_submission, review_track_ids
from talks.services import change_submission_state, save_review, set_submission_track

INVITED_FORMATS = (Format.KEYNOTE, Format.WORKSHOP, Format.PANEL)
# The fate of the other talks, in turn: "queue" waits for a person to decide its track,
# "submitted" has its track but no decision yet.
FATES = (
    "confirmed",
    "queue",
    "confirmed",
    "submitted",
    "confirmed",
    "queue",
    "rejected",
    "confirmed",
    "queue",
    "accepted",
)
# How many reviews each fate has; a queued talk has one on every third.
REVIEWS = {"confirmed": 3, "accepted": 2, "rejected": 3, "submitted": 2, "queue": 1}
SCORES = {
    "confirmed": (5, 4, 4),
    "accepted": (4, 3),
    "rejected": (2, 1, 2),
    "submitted": (3, 4),
    "queue": (4, 2, 3),
}
COMMENTS = {
    5: "Strong, concrete and well scoped; the numbers from production make it stand out.",
    4: "Clear abstract with real results. Ask the speaker to say more about what failed.",
    3: "Relevant topic, but the abstract is vague about results. Could work as a short talk.",
    2: "Mostly a product overview; little the audience can reuse.",
    1: "Overlaps heavily with other submissions and gives no evidence.",
}
COMMENTS_ZH = {
    5: "内容扎实，有真实的线上数据，强烈推荐。",
    4: "摘要清楚，结果可信；希望补充失败的经验。",
    3: "题目有意义，但结果描述较少，可以考虑做短报告。",
    2: "偏产品介绍，可借鉴的内容不多。",
    1: "与其他投稿重复，缺少证据。",
}


@dataclass
class History:
    decided_tracks: int = 0
    reviews: int = 0
    states: dict | None = None


def fates(submissions) -> dict[int, str]:
    """{submission pk: fate} for the demo's submissions, in their order."""
    result, other = {}, 0
    for submission in submissions:
        if submission.format in INVITED_FORMATS:
            result[submission.pk] = "confirmed"
        else:
            result[submission.pk] = FATES[other % len(FATES)]
            other += 1
    return result


def seed_demo_history(
    *, conference: Conference, organiser, reviewers: list, track_of: dict[str, str]
) -> History:
    """Decide tracks, write reviews and make the decisions of the demo's submissions.

    `reviewers`: the reviewers' users, the track-limited one included (she only reviews her
    tracks); `track_of`: {title: track slug} from the demo data.
    Side effects: as set_submission_track, save_review and change_submission_state.
    """
    tracks = {track.slug: track for track in conference.tracks.all()}
    talks = list(
        conference.submissions.order_by("pk")
        .select_related("conference", "track", "suggested_track")
        .prefetch_related(speakers_prefetch())
    )
    fate_of = fates(talks)
    history = History(states={})
    for index, talk in enumerate(talks):
        fate = fate_of[talk.pk]
        track = tracks.get(track_of.get(talk.title, ""))
        if fate != "queue" and track is not None:
            # The organiser decides most tracks; the first reviewer helps with every fourth.
            decider = reviewers[0] if index % 4 == 0 else organiser
            set_submission_track(submission=talk, track=track, user=decider)
            history.decided_tracks += 1
        history.reviews += _review(talk, fate, index, reviewers)
        if fate in ("accepted", "confirmed"):
            change_submission_state(submission=talk, to_state=State.ACCEPTED, user=organiser)
        if fate == "confirmed":
            # The submitter (the first speaker) confirms.
            change_submission_state(
                submission=talk, to_state=State.CONFIRMED, user=talk.speakers.all()[0]
            )
        if fate == "rejected":
            change_submission_state(submission=talk, to_state=State.REJECTED, user=organiser)
        history.states[fate] = history.states.get(fate, 0) + 1
    return history


def _review(talk, fate: str, index: int, reviewers: list) -> int:
    if talk.state != State.SUBMITTED:
        return 0
    if fate == "queue" and index % 3:
        return 0
    count = REVIEWS[fate]
    scores = SCORES[fate]
    comments = COMMENTS_ZH if talk.language == "zh" else COMMENTS
    if fate == "queue":
        # Who sees an undecided talk depends on the model's suggestion: only reviewers of every
        # track review it here, so the demo's reviews do not change with the model.
        reviewers = [r for r in reviewers if review_track_ids(r, talk.conference) is None]
    written = 0
    # Rotate through the reviewers; the limited one reviews only what is in her tracks.
    for offset in range(len(reviewers)):
        if written == count:
            break
        reviewer = reviewers[(index + offset) % len(reviewers)]
        if not can_review_submission(reviewer, talk):
            continue
        score = scores[written % len(scores)]
        save_review(submission=talk, reviewer=reviewer, score=score, comment=comments[score])
        written += 1
    return written
