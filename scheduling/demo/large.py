"""The large demo conference (`seed_demo --size large`): the organisers' pages at scale.

About 300 submissions by 150 speakers in 10 rooms over three days, 270 of them placed. The
texts are the normal demo's, each used two or three times (a later use gets a title of its
own); the speakers are the demo's twelve and generated people, some with accented names, so
that "muller" finding "Müller" can be tried. Deterministic: everything follows from the
submission's place in the list.

Rows are written with bulk_create and bulk_update rather than one service call each: the
history of a submission here is data, not a decision somebody takes, so it sends no e-mail
and trains no model. What the services would keep (search columns, history entries) is
written alongside; categorisation runs as in the normal demo, once, in one batch; the
schedule is placed and published by the normal demo's seed_demo_schedule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from conference.models import Conference, Room, Track
from scheduling import demo_data
from scheduling.demo.attendees import FAMILY, GIVEN
from scheduling.demo.history import COMMENTS, COMMENTS_ZH, REVIEWS, SCORES
from talks.enums import Format, LogAction, State, TrackSource
from talks.models import Review, SpeakerProfile, Submission, SubmissionLog, SubmissionSpeaker
from talks.services.submissions import refresh_search_text

CONFERENCE = {
    **demo_data.CONFERENCE,
    "name": "AI Large Model Applications Developer Conference (large demo)",
    "slug": "ai-dev-conf-large",
}
ROOMS = [
    {"name": "Main Hall", "capacity": 1200},
    *({"name": f"Room {letter}", "capacity": 300 - 20 * i} for i, letter in enumerate("ABCDEFG")),
    {"name": "Workshop Room 1", "capacity": 40},
    {"name": "Workshop Room 2", "capacity": 30},
]
WORKSHOP_ROOMS = ("Workshop Room 1", "Workshop Room 2")

# A text used again gets one of these after its title, in its language.
AGAIN = [("", ""), (": one year on", "：一年之后"), (" in practice", "：实践篇")]
# One keynote opens each day; the others and the workshops beyond two rooms' worth become
# talks of the same length (a workshop's 90 minutes become a 45-minute talk).
KEYNOTES = 3
WORKSHOPS = 16

GENERATED_GIVEN = [
    "José", "Jürgen", "Zoë", "François", "Søren", "Inés", "Łukasz", "Chloé", "Björn",
    "Amélie", "Joaquín", "Noémie", "Dvora", "Kofi", "Aylin", "Renée", "Matías", "Ngozi",
    "Hyun-woo", "Siobhán", "Tomáš", "Ananya", "Élodie",
]  # fmt: skip
GENERATED_FAMILY = [
    "Müller", "Álvarez", "Brontë", "Nguyễn", "Østergaard", "Peña", "Dvořák", "Çelik",
    "Lefèvre", "Ibáñez", "Okonkwo", "Šimić", "Kowalski", "Sørensen", "Gómez", "Núñez",
    "Schäfer", "Açık", "Mendonça",
]  # fmt: skip
AFFILIATIONS = [
    "Huaxia Cloud", "Qiantang AI Research", "Jiangnan Bank", "Fudan University",
    "Northbridge Analytics", "Kansai Vision Systems", "Tongji Hospital IT", "Pudong Robotics",
]  # fmt: skip


@dataclass(frozen=True)
class Size:
    """How big the generated conference is. LARGE is what the command loads; tests may ask
    for a smaller one (same rules, fewer rows)."""

    submissions: int = 300
    speakers: int = 150
    # Submissions that are not accepted: in turn rejected, waiting for a decision (track
    # decided, reviews written) and waiting in the track review queue.
    not_accepted: int = 27
    # Of the accepted ones, this many are not confirmed yet (the last three stay unscheduled).
    unconfirmed: int = 30
    keynotes: int = KEYNOTES
    workshops: int = WORKSHOPS
    rooms: list = field(default_factory=lambda: ROOMS)


LARGE = Size()
NOT_ACCEPTED_FATES = ("rejected", "submitted", "queue")
# The decisions that lead to each fate, in order (a confirmation is the speaker's, unlogged
# actor).
STATES_OF_FATE = {
    "accepted": (State.ACCEPTED,),
    "confirmed": (State.ACCEPTED, State.CONFIRMED),
    "rejected": (State.REJECTED,),
}


def large_items(size: Size = LARGE) -> list[dict]:
    """The submissions of the large demo, in order: title, abstract, format, duration, level,
    language, track (slug) and the index of its speaker, plus its `fate`."""
    base = demo_data.SUBMISSIONS
    items, keynotes, workshops, regular = [], 0, 0, 0
    not_accepted = 0
    every = max(1, (size.submissions - size.keynotes - size.workshops) // max(size.not_accepted, 1))
    for index in range(size.submissions):
        source = base[index % len(base)]
        again = AGAIN[(index // len(base)) % len(AGAIN)]
        suffix = again[1] if source["language"] == "zh" else again[0]
        fmt, duration = source["format"], source["duration"]
        if fmt == Format.KEYNOTE:
            if keynotes < size.keynotes:
                keynotes += 1
            else:
                fmt = Format.TALK
        elif fmt == Format.WORKSHOP:
            if workshops < size.workshops:
                workshops += 1
            else:
                fmt, duration = Format.TALK, 45
        fate = "confirmed"
        if fmt in (Format.TALK, Format.CASE_STUDY, Format.LIGHTNING):
            if regular % every == every // 2 and not_accepted < size.not_accepted:
                fate = NOT_ACCEPTED_FATES[not_accepted % len(NOT_ACCEPTED_FATES)]
                not_accepted += 1
            regular += 1
        items.append(
            {
                "title": f"{source['title']}{suffix}",
                "abstract": source["abstract"],
                "format": fmt,
                "duration": duration,
                "level": source["level"],
                "language": source["language"],
                "track": source["track"],
                "speaker": index % size.speakers,
                "fate": fate,
            }
        )
    # The last accepted regular talks wait for their speakers' confirmation.
    regular_accepted = [
        item
        for item in items
        if item["fate"] == "confirmed"
        and item["format"] in (Format.TALK, Format.CASE_STUDY, Format.LIGHTNING)
    ]
    for item in regular_accepted[len(regular_accepted) - size.unconfirmed :]:
        item["fate"] = "accepted"
    return items


def generated_people(count: int) -> list[dict]:
    """`count` speakers beyond the demo's own: half Chinese names, half names with accents."""
    people = []
    for number in range(count):
        if number % 2:
            given = GENERATED_GIVEN[number % len(GENERATED_GIVEN)]
            family = GENERATED_FAMILY[(number // 2) % len(GENERATED_FAMILY)]
            name = f"{given} {family}"
        else:
            family = FAMILY[(number // 2) % len(FAMILY)][0]
            given = GIVEN[(number * 5 + number // 32) % len(GIVEN)][0]
            name = family + given
        people.append(
            {
                "username": f"speaker{number + 1:03d}",
                "name": name,
                "affiliation": AFFILIATIONS[number % len(AFFILIATIONS)],
            }
        )
    return people


def seed_large_conference(*, now, size: Size = LARGE) -> tuple[Conference, bool]:
    """The conference with the normal demo's tracks and `size.rooms` (get_or_create)."""
    start = timezone.localdate() + timedelta(days=60)
    conference, created = Conference.objects.get_or_create(
        slug=CONFERENCE["slug"],
        defaults={
            **{k: v for k, v in CONFERENCE.items() if k != "slug"},
            "start_date": start,
            "end_date": start + timedelta(days=2),
            "cfp_opens_at": now - timedelta(days=30),
            "cfp_closes_at": now + timedelta(days=30),
        },
    )
    Track.objects.bulk_create(
        [
            Track(conference=conference, position=position, **track)
            for position, track in enumerate(demo_data.TRACKS)
            if not conference.tracks.filter(slug=track["slug"]).exists()
        ]
    )
    Room.objects.bulk_create(
        [
            Room(conference=conference, position=position, **room)
            for position, room in enumerate(size.rooms)
            if not conference.rooms.filter(name=room["name"]).exists()
        ]
    )
    return conference, created


def seed_large_submissions(
    *, conference: Conference, demo_speakers: list, password_hash: str, size: Size = LARGE
) -> list[int]:
    """Speakers and submissions of the large demo, once; returns the new submissions' ids.

    `demo_speakers`: the normal demo's speaker users, who come first; generated speakers
    (speaker001 ...) make up `size.speakers`, all with the password of `password_hash`.
    Side effects: users and speaker profiles (those not there yet), submissions with their
    speakers, search columns and "created" history entries.
    """
    if conference.submissions.exists():
        return []
    users = list(demo_speakers[: size.speakers])
    people = generated_people(size.speakers - len(users))
    User = get_user_model()
    existing = {
        u.username: u for u in User.objects.filter(username__in=[p["username"] for p in people])
    }
    fresh = [
        User(
            username=person["username"],
            email=f"{person['username']}@example.com",
            password=password_hash,
        )
        for person in people
        if person["username"] not in existing
    ]
    User.objects.bulk_create(fresh)
    by_name = {
        u.username: u for u in User.objects.filter(username__in=[p["username"] for p in people])
    }
    SpeakerProfile.objects.bulk_create(
        [
            SpeakerProfile(
                user=by_name[person["username"]],
                name=person["name"],
                affiliation=person["affiliation"],
                bio=f"{person['name']} builds products on large models at {person['affiliation']}.",
            )
            for person in people
            if person["username"] not in existing
        ]
    )
    users += [by_name[person["username"]] for person in people]

    items = large_items(size)
    submissions = Submission.objects.bulk_create(
        [
            Submission(
                conference=conference,
                title=item["title"],
                abstract=item["abstract"],
                format=item["format"],
                duration=item["duration"],
                level=item["level"],
                language=item["language"],
                state=State.SUBMITTED,
            )
            for item in items
        ]
    )
    if any(submission.pk is None for submission in submissions):
        # Databases that do not return ids from a bulk insert: read them back in order.
        submissions = list(conference.submissions.order_by("pk"))
    SubmissionSpeaker.objects.bulk_create(
        [
            SubmissionSpeaker(submission=submission, user=users[item["speaker"]], position=0)
            for submission, item in zip(submissions, items, strict=True)
        ]
    )
    SubmissionLog.objects.bulk_create(
        [
            SubmissionLog(
                submission=submission,
                actor=users[item["speaker"]],
                action=LogAction.CREATED,
                data={"state": State.SUBMITTED},
            )
            for submission, item in zip(submissions, items, strict=True)
        ]
    )
    ids = [submission.pk for submission in submissions]
    refresh_search_text(submission_ids=ids)
    return ids


def seed_large_history(
    *, conference: Conference, organiser, reviewers: list, limited_tracks: dict, size: Size = LARGE
) -> dict[str, int]:
    """Tracks decided, reviews and decisions of the large demo's submissions, after their
    categorisation. Returns {fate: count}.

    `limited_tracks`: {reviewer username: track slugs} for reviewers limited to some tracks.
    Side effects: tracks and states (bulk_update), reviews, "track" and "state" history entries.
    """
    items = large_items(size)
    tracks = {track.slug: track for track in conference.tracks.all()}
    submissions = list(conference.submissions.order_by("pk"))
    reviews, logs, counts = [], [], {}
    for index, (submission, item) in enumerate(zip(submissions, items, strict=True)):
        fate = item["fate"]
        counts[fate] = counts.get(fate, 0) + 1
        track = tracks[item["track"]]
        if fate != "queue":
            submission.track = track
            submission.track_source = (
                TrackSource.REVIEW
                if track.pk == submission.suggested_track_id
                else TrackSource.OVERRIDE
            )
            logs.append(
                SubmissionLog(
                    submission=submission,
                    actor=organiser,
                    action=LogAction.TRACK,
                    data={"previous": "", "track": track.name, "source": submission.track_source},
                )
            )
        reviews += _reviews(submission, item, index, reviewers, limited_tracks)
        for to_state in STATES_OF_FATE.get(fate, ()):
            logs.append(
                SubmissionLog(
                    submission=submission,
                    actor=organiser if to_state != State.CONFIRMED else None,
                    action=LogAction.STATE,
                    data={"from": submission.state, "to": to_state},
                )
            )
            submission.state = to_state
    Submission.objects.bulk_update(submissions, ["track", "track_source", "state"])
    Review.objects.bulk_create(reviews)
    SubmissionLog.objects.bulk_create(logs)
    return counts


def _reviews(submission, item, index: int, reviewers: list, limited_tracks: dict) -> list:
    fate = item["fate"]
    if fate == "queue" and index % 3:
        return []
    count = REVIEWS[fate]
    scores = SCORES[fate]
    comments = COMMENTS_ZH if item["language"] == "zh" else COMMENTS
    allowed = [
        reviewer
        for reviewer in reviewers
        if reviewer.username not in limited_tracks
        or (fate != "queue" and item["track"] in limited_tracks[reviewer.username])
    ]
    chosen = [
        allowed[(index + offset) % len(allowed)] for offset in range(min(count, len(allowed)))
    ]
    return [
        Review(
            submission=submission,
            reviewer=reviewer,
            score=scores[number % len(scores)],
            comment=comments[scores[number % len(scores)]],
        )
        for number, reviewer in enumerate(chosen)
    ]
