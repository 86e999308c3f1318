"""Load the demo conference of the brief. Idempotent: running it again changes nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from conference.models import Conference, Membership, Room, Track
from scheduling import demo_data
from scheduling.demo_schedule import seed_demo_schedule
from talks.services import create_submission

DEMO_PASSWORD = "demo-pass-2026"


class Command(BaseCommand):
    help = "Create the demo conference with tracks, rooms, team, speakers and submissions."

    def handle(self, *args, **options):
        with transaction.atomic():
            conference, created_conference = self._conference()
            users = self._people(conference)
            new = self._submissions(conference, users)
            # Accept most talks, place them and publish schedule v1 (once).
            release = seed_demo_schedule(conference=conference, organiser=self._organiser(users))
        state = "created" if created_conference else "already there"
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo conference {conference.name!r} {state}; {new} new submissions "
                f"(categorised as they are saved)."
            )
        )
        if release is not None:
            self.stdout.write(
                f"Schedule {release.version} published with {len(release.snapshot['items'])} items."
            )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for person in demo_data.PEOPLE:
            self.stdout.write(f"  {person['role']:<10} {person['username']}")

    def _conference(self):
        today = timezone.localdate()
        start = today + timedelta(days=60)
        conference, created = Conference.objects.get_or_create(
            slug=demo_data.CONFERENCE["slug"],
            defaults={
                **{k: v for k, v in demo_data.CONFERENCE.items() if k != "slug"},
                "start_date": start,
                "end_date": start + timedelta(days=2),
                "cfp_opens_at": timezone.now() - timedelta(days=30),
                "cfp_closes_at": timezone.now() + timedelta(days=30),
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
        return conference, created

    def _people(self, conference):
        User = get_user_model()
        users = {}
        for person in demo_data.PEOPLE:
            fields = {k: v for k, v in person.items() if k not in {"username", "role"}}
            user, created = User.objects.get_or_create(username=person["username"], defaults=fields)
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if person["role"] in {"organiser", "reviewer"}:
                Membership.objects.get_or_create(
                    conference=conference, user=user, defaults={"role": person["role"]}
                )
            users[person["username"]] = user
        return users

    def _organiser(self, users):
        person = next(p for p in demo_data.PEOPLE if p["role"] == "organiser")
        return users[person["username"]]

    def _submissions(self, conference, users) -> int:
        existing = set(conference.submissions.values_list("title", flat=True))
        new = 0
        for item in demo_data.SUBMISSIONS:
            if item["title"] in existing:
                continue
            create_submission(
                conference=conference,
                speaker=users[item["speaker"]],
                title=item["title"],
                abstract=item["abstract"],
                format=item["format"],
                duration=item["duration"],
            )
            new += 1
        return new
