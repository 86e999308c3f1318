"""Load the demo conference of the brief. Idempotent: running it again changes nothing.

`--size large` loads the large demo instead (scheduling.demo.large): 300 submissions, 150
speakers, 10 rooms, 270 talks placed, for trying the organisers' pages at scale.
"""

import logging
import time
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from conference.celery import app as celery_app
from conference.dispatch import dispatch
from conference.enums import Role
from conference.models import Conference, Membership, OutboxMail, Room, Track
from scheduling import demo_data
from scheduling.demo import large
from scheduling.demo.history import seed_demo_history
from scheduling.demo.organising import seed_demo_organising
from scheduling.demo.registration import seed_registrations, seed_ticket_types
from scheduling.demo_schedule import seed_demo_schedule
from talks.models import Review, Submission
from talks.services import (
    accept_invitation,
    create_submission,
    invite_co_speaker,
    set_reviewer_tracks,
    update_speaker_profile,
)
from talks.signals import submission_text_changed

DEMO_PASSWORD = "demo-pass-2026"
# modeldemo's receiver of submission_text_changed: it queues one categorisation per submission.
CATEGORISE_ON_CHANGE = "modeldemo.categorise_on_change"


@contextmanager
def demo_mail():
    """The demo's several hundred e-mails go to the outbox and are 'sent' at once into memory.

    Tasks run in-process meanwhile, so neither this command's console nor a worker's is flooded
    with them, and no demo address (example.com) is ever really mailed.
    """
    eager = celery_app.conf.task_always_eager
    # Celery logs every task it runs in-process at INFO: hundreds of lines.
    trace = logging.getLogger("celery.app.trace")
    level = trace.level
    celery_app.conf.task_always_eager = True
    trace.setLevel(logging.WARNING)
    try:
        # No rate limit (MAIL_RATE_PER_MINUTE): these go into memory, not to a mail server.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", MAIL_RATE_PER_MINUTE=0
        ):
            yield
    finally:
        celery_app.conf.task_always_eager = eager
        trace.setLevel(level)


@contextmanager
def categorisation_held():
    """Submissions created inside are not categorised one by one (the caller does them in one
    batch afterwards)."""
    from modeldemo.apps import _queue_categorisation

    held = submission_text_changed.disconnect(dispatch_uid=CATEGORISE_ON_CHANGE)
    try:
        yield
    finally:
        if held:
            submission_text_changed.connect(
                _queue_categorisation, dispatch_uid=CATEGORISE_ON_CHANGE
            )


class Command(BaseCommand):
    help = (
        "Create the demo conference: tracks, rooms, team, speakers, submissions, reviews, "
        "tickets, registrations and a published schedule."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=["normal", "large"],
            default="normal",
            help="normal: the demo conference (120 submissions); large: a second conference "
            "with 300 submissions, 150 speakers, 10 rooms and 270 talks placed.",
        )

    def handle(self, *args, size="normal", **options):
        if size == "large":
            self._large(large.LARGE)
            return
        started = time.monotonic()
        now = timezone.now()
        with demo_mail(), transaction.atomic():
            conference, created_conference = self._conference(now)
            users = self._people(conference)
            with categorisation_held():
                new = self._submissions(conference, users)
        # One batch for every new submission, after they are committed: in-process when tasks
        # run eagerly, else queued once for the ml worker.
        if new:
            from modeldemo.tasks import task_categorise_submissions

            with transaction.atomic():
                dispatch(task_categorise_submissions, new)
        with demo_mail(), transaction.atomic():
            organiser = users[self._username("organiser")]
            history = None
            if not conference.releases.exists():
                history = seed_demo_history(
                    conference=conference,
                    organiser=organiser,
                    reviewers=[
                        users[p["username"]] for p in demo_data.PEOPLE if p["role"] == "reviewer"
                    ],
                    track_of={item["title"]: item["track"] for item in demo_data.SUBMISSIONS},
                )
            release = seed_demo_schedule(
                conference=conference,
                organiser=organiser,
                workshop_rooms=demo_data.WORKSHOP_ROOMS,
            )
            registered = seed_registrations(conference=conference, organiser=organiser, now=now)
            organising = seed_demo_organising(
                conference=conference,
                organiser=organiser,
                reviewers=[
                    users[p["username"]] for p in demo_data.PEOPLE if p["role"] == "reviewer"
                ],
            )
        self._summary(conference, created_conference, new, history, release, registered, started)
        if organising.assigned or organising.held_mails:
            self.stdout.write(
                f"Review phase open, {organising.assigned} review assignments, 2 CfP questions; "
                f"{organising.held_mails} e-mails held in the outbox for the organiser."
            )
        self._logins()

    def _large(self, size: large.Size):
        """The large demo: its own conference, the same team, bulk-written submissions
        categorised in one batch, their history, and a published schedule."""
        started = time.monotonic()
        now = timezone.now()
        with demo_mail(), transaction.atomic():
            conference, created_conference = large.seed_large_conference(now=now, size=size)
            seed_ticket_types(conference=conference, now=now)
            users = self._people(conference)
            new = large.seed_large_submissions(
                conference=conference,
                demo_speakers=[
                    users[p["username"]] for p in demo_data.PEOPLE if p["role"] == "speaker"
                ],
                password_hash=self._password_hash(),
                size=size,
            )
        if new:
            from modeldemo.tasks import task_categorise_submissions

            with transaction.atomic():
                dispatch(task_categorise_submissions, new)
        with demo_mail(), transaction.atomic():
            organiser = users[self._username("organiser")]
            history = None
            if new:
                history = large.seed_large_history(
                    conference=conference,
                    organiser=organiser,
                    reviewers=[
                        users[p["username"]] for p in demo_data.PEOPLE if p["role"] == "reviewer"
                    ],
                    limited_tracks={
                        p["username"]: p["review_tracks"]
                        for p in demo_data.PEOPLE
                        if p.get("review_tracks")
                    },
                    size=size,
                )
            release = seed_demo_schedule(
                conference=conference,
                organiser=organiser,
                workshop_rooms=large.WORKSHOP_ROOMS,
            )
        submissions = Submission.objects.filter(conference=conference)
        state = "created" if created_conference else "already there"
        lines = [
            f"Large demo conference {conference.name!r} {state}: {submissions.count()} "
            f"submissions ({len(new)} new, categorised in one batch) by "
            f"{submissions.values('speakers').distinct().count()} speakers, "
            f"{conference.rooms.count()} rooms.",
        ]
        if history is not None:
            fates = ", ".join(f"{count} {fate}" for fate, count in sorted(history.items()))
            lines.append(
                f"Reviews: {Review.objects.filter(submission__conference=conference).count()}; "
                f"{fates}."
            )
        if release is not None:
            placed = sum(1 for item in release.snapshot["items"] if item.get("talk"))
            lines.append(f"Schedule {release.version} published with {placed} talks placed.")
        lines.append(f"Done in {time.monotonic() - started:.1f} s.")
        for line in lines:
            self.stdout.write(self.style.SUCCESS(line) if line is lines[0] else line)
        self._logins()

    def _conference(self, now):
        today = timezone.localdate()
        start = today + timedelta(days=60)
        conference, created = Conference.objects.get_or_create(
            slug=demo_data.CONFERENCE["slug"],
            defaults={
                **{k: v for k, v in demo_data.CONFERENCE.items() if k != "slug"},
                "start_date": start,
                "end_date": start + timedelta(days=2),
                "cfp_opens_at": now - timedelta(days=30),
                "cfp_closes_at": now + timedelta(days=30),
            },
        )
        for position, track in enumerate(demo_data.TRACKS):
            Track.objects.get_or_create(
                conference=conference,
                slug=track["slug"],
                defaults={**track, "position": position},
            )
        for position, room in enumerate(demo_data.ROOMS):
            Room.objects.get_or_create(
                conference=conference, name=room["name"], defaults={**room, "position": position}
            )
        seed_ticket_types(conference=conference, now=now)
        return conference, created

    def _people(self, conference):
        User = get_user_model()
        users = {}
        organiser = None
        for person in demo_data.PEOPLE:
            fields = {k: person[k] for k in ("email", "first_name", "last_name") if k in person}
            user, created = User.objects.get_or_create(username=person["username"], defaults=fields)
            if created:
                user.password = self._password_hash()
                user.save()
            users[person["username"]] = user
            if person["role"] in {Role.ORGANISER, Role.REVIEWER}:
                membership, created = Membership.objects.get_or_create(
                    conference=conference, user=user, defaults={"role": person["role"]}
                )
                if person["role"] == Role.ORGANISER:
                    organiser = user
                if created and person.get("review_tracks"):
                    set_reviewer_tracks(
                        membership=membership,
                        tracks=conference.tracks.filter(slug__in=person["review_tracks"]),
                        user=organiser,
                    )
            if person.get("bio") and not hasattr(user, "speaker_profile"):
                update_speaker_profile(
                    user=user,
                    name=f"{person['first_name']} {person['last_name']}",
                    bio=person["bio"],
                    affiliation=person.get("affiliation", ""),
                )
        return users

    def _password_hash(self) -> str:
        # Hashed once for every demo login: PBKDF2 takes a second or two per call.
        if not hasattr(self, "_hashed"):
            self._hashed = make_password(DEMO_PASSWORD)
        return self._hashed

    def _username(self, role: str) -> str:
        return next(p["username"] for p in demo_data.PEOPLE if p["role"] == role)

    def _submissions(self, conference, users) -> list[int]:
        """Create the demo's submissions that are not there yet; returns their ids."""
        existing = set(conference.submissions.values_list("title", flat=True))
        new = []
        for item in demo_data.SUBMISSIONS:
            if item["title"] in existing:
                continue
            speaker = users[item["speaker"]]
            submission = create_submission(
                conference=conference,
                speaker=speaker,
                title=item["title"],
                abstract=item["abstract"],
                format=item["format"],
                duration=item["duration"],
                level=item["level"],
                language=item["language"],
            )
            for username in item["co_speakers"]:
                invitation = invite_co_speaker(
                    submission=submission, email=users[username].email, user=speaker
                )
                accept_invitation(token=invitation.token, user=users[username])
            new.append(submission.pk)
        return new

    def _summary(self, conference, created, new, history, release, registered, started):
        state = "created" if created else "already there"
        submissions = Submission.objects.filter(conference=conference)
        lines = [
            f"Demo conference {conference.name!r} {state}: {submissions.count()} submissions "
            f"({len(new)} new, categorised in one batch), {conference.rooms.count()} rooms, "
            f"{conference.ticket_types.count()} ticket types.",
        ]
        if history is not None:
            states = ", ".join(f"{count} {fate}" for fate, count in sorted(history.states.items()))
            lines.append(
                f"Tracks decided by a person: {history.decided_tracks}; reviews: "
                f"{Review.objects.filter(submission__conference=conference).count()}; "
                f"{states}."
            )
        if release is not None:
            lines.append(
                f"Schedule {release.version} published with {len(release.snapshot['items'])} "
                "items; the working copy has unpublished moves."
            )
        if registered:
            lines.append(f"{registered} registrations.")
        lines.append(
            f"{OutboxMail.objects.filter(conference=conference).count()} e-mails in the outbox; "
            f"done in {time.monotonic() - started:.1f} s."
        )
        for line in lines:
            self.stdout.write(self.style.SUCCESS(line) if line is lines[0] else line)

    def _logins(self):
        # Last, so that they are what a person sees when the command ends.
        self.stdout.flush()
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        speakers = []
        for person in demo_data.PEOPLE:
            if person["role"] == "speaker" and len(speakers) >= 2:
                speakers.append(person["username"])
                continue
            if person["role"] == "speaker":
                speakers.append(person["username"])
            note = ""
            if person.get("review_tracks"):
                note = f"  (reviews {' and '.join(person['review_tracks'])} only)"
            self.stdout.write(f"  {person['role']:<10} {person['username']}{note}")
        self.stdout.write(f"  {'speakers':<10} also {', '.join(speakers[2:])}")
