"""manage.py seed_demo: the demo conference that shows every feature on first load."""

import os
import re
import zlib
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from conference.models import Conference, Membership, OutboxMail, Registration
from scheduling import demo_data
from scheduling.demo import attendees, large
from scheduling.demo.history import fates
from scheduling.management.commands.seed_demo import DEMO_PASSWORD, Command
from scheduling.models import Release, ScheduleItem
from scheduling.services import preview_changelog
from talks.enums import HUMAN_TRACK_SOURCES, State
from talks.models import (
    Prediction,
    Review,
    ReviewAssignment,
    ReviewerProfile,
    ReviewPhase,
    Submission,
)
from talks.selectors import track_review_queue

CJK = re.compile(r"[\u4e00-\u9fff]")


def seed() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("seed_demo", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_demo_data_has_the_briefs_tracks_and_languages():
    submissions = demo_data.SUBMISSIONS
    people = {person["username"] for person in demo_data.PEOPLE}

    assert len(submissions) == 120
    assert len({item["title"] for item in submissions}) == 120
    assert len({item["track"] for item in submissions}) == 11
    chinese = [item for item in submissions if item["language"] == "zh"]
    assert len(chinese) == 12
    assert all(CJK.search(item["title"]) and CJK.search(item["abstract"]) for item in chinese)
    assert {item["format"] for item in submissions} == {
        "keynote",
        "talk",
        "workshop",
        "panel",
        "case_study",
        "lightning",
    }
    assert all(
        item["speaker"] in people and set(item["co_speakers"]) <= people - {item["speaker"]}
        for item in submissions
    )


def test_registrants_are_the_same_every_time():
    first, second = attendees.registrants(), attendees.registrants()

    assert first == second
    assert len({person["email"] for person in first}) == attendees.REGISTRATIONS


@pytest.mark.django_db(transaction=True)
def test_seed_demo_loads_every_feature_once_and_prints_the_logins_last():
    out, _err = seed()

    conference = Conference.objects.get(slug="ai-dev-conf")
    submissions = Submission.objects.filter(conference=conference)
    # Call for papers: 120 submissions over all 11 tracks, 12 of them in Chinese.
    assert submissions.count() == 120
    assert submissions.filter(language="zh").count() == 12
    assert conference.tracks.filter(submissions__isnull=False).distinct().count() == 11
    assert submissions.filter(speaker_links__position__gt=0).distinct().count() == 8
    # Categorised in one batch: every submission has one prediction.
    assert Prediction.objects.filter(submission__conference=conference).count() == 120
    # Track review: 89 tracks decided by a person, 31 waiting in the queue at mixed confidence.
    assert submissions.filter(track_source__in=HUMAN_TRACK_SOURCES).count() == 89
    queue = track_review_queue(conference=conference, decision="pending")
    assert queue.count() == 31
    confidences = [s.suggested_confidence for s in queue]
    assert all(c is not None for c in confidences)
    assert max(confidences) - min(confidences) > 0.2
    # Reviews under way, by four reviewers; one reviews two tracks only.
    reviewers = Membership.objects.filter(conference=conference, role="reviewer")
    assert reviewers.count() == 4
    limited = reviewers.get(reviews_all_tracks=False)
    assert limited.user.username == "chen.jing"
    assert sorted(limited.review_scope.tracks.values_list("slug", flat=True)) == [
        "education",
        "healthcare",
    ]
    assert not Review.objects.filter(reviewer=limited.user).exclude(
        submission__track__slug__in=["education", "healthcare"]
    )
    assert Review.objects.filter(submission__conference=conference).count() == 254
    assert submissions.filter(state=State.SUBMITTED, reviews__isnull=False).distinct().count() == 17
    assert dict(
        (state, submissions.filter(state=state).count())
        for state in (State.SUBMITTED, State.ACCEPTED, State.CONFIRMED, State.REJECTED)
    ) == {State.SUBMITTED: 41, State.ACCEPTED: 10, State.CONFIRMED: 59, State.REJECTED: 10}
    # Six rooms, three days of talks, v1 published and two moves not yet published.
    assert conference.rooms.count() == 6
    talks = ScheduleItem.objects.filter(conference=conference, submission__isnull=False)
    assert talks.count() == 66
    assert len({item.start.astimezone(conference.tzinfo).date() for item in talks}) == 3
    assert talks.filter(kind="keynote", room__name="Main Hall").count() == 5
    assert (
        talks.filter(submission__format="workshop", room__name__in=demo_data.WORKSHOP_ROOMS).count()
        == 8
    )
    assert list(Release.objects.filter(conference=conference).values_list("version")) == [("v1",)]
    changes = preview_changelog(conference=conference)
    assert (len(changes["added"]), len(changes["moved"]), len(changes["removed"])) == (0, 2, 0)
    # Registration: three ticket types, the early bird sold out with a waiting list.
    tickets = {t.name: t for t in conference.ticket_types.all()}
    assert list(tickets) == ["Early bird", "Standard", "Student"]
    early = tickets["Early bird"]
    assert early.registrations.filter(state__in=Registration.SEAT_STATES).count() == early.quota
    assert early.registrations.filter(state="waitlisted").count() == 6
    registrations = conference.registrations
    assert registrations.count() == 160
    assert registrations.filter(state="checked_in").count() == 28
    assert registrations.filter(state="pending").count() == 6
    assert registrations.filter(state="cancelled").count() == 4
    assert len({r.created_at.date() for r in registrations.all()}) > 30
    assert conference.questions.count() == 2
    # Every e-mail is in the outbox, sent (into memory, not to the console).
    mails = OutboxMail.objects.filter(conference=conference)
    # Every e-mail was sent but the speakers' dinner invitation and the reviewers' assignment
    # notices, held for the organiser.
    assert mails.count() == 569
    assert not mails.exclude(status="sent").exclude(status="held")
    held = mails.filter(status="held")
    assert held.count() == 16
    dinner = "Speakers' dinner on the first evening"
    assert held.filter(subject=dinner).count() == 12
    notices = sorted(held.exclude(subject=dinner).values_list("subject", flat=True))
    assert [subject.split(" ", 1)[1] for subject in notices] == [
        f"submissions to review for {conference.name}"
    ] * 4
    # The organising tools in use: an open review phase, two reviewers on each undecided talk
    # (the limited reviewer only in her tracks) from the automatic assignment, two CfP questions.
    phase = ReviewPhase.objects.get(conference=conference)
    assert (phase.name, phase.is_open) == ("Main review", True)
    undecided = submissions.filter(state="submitted")
    assert ReviewAssignment.objects.filter(submission__in=undecided).count() == (
        2 * undecided.count()
    )
    proposal = conference.assignment_proposals.get()
    assert (proposal.status, proposal.stats["pairs"], proposal.stats["unfilled"]) == (
        "applied",
        2 * undecided.count(),
        0,
    )
    assert ReviewerProfile.objects.filter(conference=conference).count() == 4
    assert conference.cfp_questions.count() == 2
    assert "e-mails held in the outbox for the organiser." in out
    # The logins are the last lines.
    logins = out.strip().splitlines()[-9:]
    assert logins[0] == f"Demo logins (password for all: {DEMO_PASSWORD}):"
    assert [line.split()[1] for line in logins[1:8]] == [
        "zhang.min",
        "priya.nair",
        "chen.jing",
        "marcus.lee",
        "ana.souza",
        "li.wei",
        "alex.morgan",
    ]
    assert logins[8].startswith("  speakers   also wang.fang, chen.hao")

    # A second run creates nothing.
    counts = (submissions.count(), Review.objects.count(), registrations.count(), mails.count())
    out, _err = seed()
    assert "0 new" in out
    after = (submissions.count(), Review.objects.count(), registrations.count(), mails.count())
    assert after == counts
    assert ReviewPhase.objects.filter(conference=conference).count() == 1
    assert Release.objects.filter(conference=conference).count() == 1
    assert out.strip().splitlines()[-9] == logins[0]


def test_fates_keep_invited_formats_confirmed():
    class Talk:
        def __init__(self, pk, format):
            self.pk, self.format = pk, format

    talks = [Talk(1, "keynote"), Talk(2, "talk"), Talk(3, "talk"), Talk(4, "workshop")]

    assert fates(talks) == {1: "confirmed", 2: "confirmed", 3: "queue", 4: "confirmed"}


# The large demo (seed_demo --size large) ---------------------------------------------------------

# The same rules as the large demo, a fifth of its rows: MiniLM's categorisation of 300 texts
# takes minutes on a shared CPU, so the full size runs in CI only (below).
SMALL = large.Size(submissions=60, speakers=30, not_accepted=9, unconfirmed=6, workshops=4)


class HashedWords:
    """A bag of hashed words (never all zeros): deterministic, instant, no MiniLM."""

    name = "hashed-words"

    def encode(self, texts):
        out = np.zeros((len(texts), 64), dtype=np.float32)
        out[:, 0] = 1.0
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, 1 + zlib.crc32(word.encode()) % 63] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture
def word_encoder(monkeypatch):
    """Categorisation still runs, in one batch, on hashed words instead of MiniLM."""
    monkeypatch.setattr("modeldemo.bert.encoder.get_encoder", lambda *a, **k: HashedWords())


def seed_large(size: large.Size) -> str:
    out = StringIO()
    Command(stdout=out, stderr=StringIO())._large(size)
    return out.getvalue()


def test_large_items_are_deterministic_and_keep_three_keynotes():
    items = large.large_items()

    assert items == large.large_items()
    assert len(items) == 300
    assert len({item["title"] for item in items}) == 300
    assert len({item["speaker"] for item in items}) == 150
    formats = {fmt: sum(item["format"] == fmt for item in items) for fmt in ("keynote", "workshop")}
    assert formats == {"keynote": 3, "workshop": 16}
    fates = {}
    for item in items:
        fates[item["fate"]] = fates.get(item["fate"], 0) + 1
    assert fates == {"confirmed": 243, "accepted": 30, "rejected": 9, "submitted": 9, "queue": 9}


@pytest.mark.django_db(transaction=True)
def test_seed_large_demo_builds_a_conference_at_scale(word_encoder):
    out = seed_large(SMALL)

    conference = Conference.objects.get(slug="ai-dev-conf-large")
    assert not Conference.objects.filter(slug="ai-dev-conf").exists()
    submissions = Submission.objects.filter(conference=conference)
    assert submissions.count() == 60
    assert submissions.values("speakers").distinct().count() == 30
    assert (conference.rooms.count(), conference.tracks.count()) == (10, 11)
    # Categorised in one batch: one prediction each.
    assert Prediction.objects.filter(submission__conference=conference).count() == 60
    assert dict(
        (state, submissions.filter(state=state).count())
        for state in (State.SUBMITTED, State.ACCEPTED, State.CONFIRMED, State.REJECTED)
    ) == {State.SUBMITTED: 6, State.ACCEPTED: 6, State.CONFIRMED: 45, State.REJECTED: 3}
    assert submissions.filter(track_source__in=HUMAN_TRACK_SOURCES).count() == 57
    assert Review.objects.filter(submission__conference=conference).count() == 162
    assert not Review.objects.filter(reviewer__username="chen.jing").exclude(
        submission__track__slug__in=["education", "healthcare"]
    )
    # The team of the normal demo, and speakers with accented names to search for.
    assert Membership.objects.filter(conference=conference).count() == 5
    assert submissions.filter(search_names__contains="muller").count() == 2
    # Placed over three days and published: all accepted talks but the last three.
    talks = ScheduleItem.objects.filter(conference=conference, submission__isnull=False)
    assert talks.count() == 48
    assert len({item.start.astimezone(conference.tzinfo).date() for item in talks}) == 3
    # The first sixty texts hold two keynotes.
    assert talks.filter(kind="keynote", room__name="Main Hall").count() == 2
    assert (
        talks.filter(submission__format="workshop", room__name__startswith="Workshop").count() == 4
    )
    assert list(conference.releases.values_list("version", flat=True)) == ["v1"]
    assert "60 submissions (60 new, categorised in one batch) by 30 speakers, 10 rooms." in out
    assert out.strip().splitlines()[-9] == f"Demo logins (password for all: {DEMO_PASSWORD}):"

    # Again: nothing new.
    counts = (submissions.count(), Review.objects.count(), talks.count())
    out = seed_large(SMALL)
    assert "(0 new" in out
    assert (submissions.count(), Review.objects.count(), talks.count()) == counts


@pytest.mark.skipif(
    not os.environ.get("CI"), reason="MiniLM categorises 300 texts: minutes on a shared CPU; CI"
)
@pytest.mark.django_db(transaction=True)
def test_seed_demo_size_large_has_300_submissions_and_270_talks_placed():
    out = StringIO()
    call_command("seed_demo", "--size", "large", stdout=out, stderr=StringIO())

    conference = Conference.objects.get(slug="ai-dev-conf-large")
    submissions = Submission.objects.filter(conference=conference)
    assert submissions.count() == 300
    assert submissions.values("speakers").distinct().count() == 150
    assert conference.rooms.count() == 10
    assert Prediction.objects.filter(submission__conference=conference).count() == 300
    talks = ScheduleItem.objects.filter(conference=conference, submission__isnull=False)
    assert talks.count() == 270
    assert len({item.start.astimezone(conference.tzinfo).date() for item in talks}) == 3
    assert talks.filter(kind="keynote", room__name="Main Hall").count() == 3
    assert (
        talks.filter(submission__format="workshop", room__name__in=large.WORKSHOP_ROOMS).count()
        == 16
    )
    assert Review.objects.filter(submission__conference=conference).count() == 840
    assert "Schedule v1 published with 270 talks placed." in out.getvalue()
