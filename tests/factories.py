"""Plain FactoryBoy factories for the domain models."""

from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from conference.enums import Role
from conference.models import Conference, Membership, Room, Track
from talks.enums import Format
from talks.models import Submission

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    name = factory.Sequence(lambda n: f"DevConf {n}")
    slug = factory.Sequence(lambda n: f"devconf-{n}")
    start_date = factory.LazyFunction(lambda: date.today() + timedelta(days=60))
    end_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=2))
    timezone = "Asia/Shanghai"
    cfp_opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    cfp_closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.Sequence(lambda n: f"track-{n}")
    description = "Talks about things."


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 100


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    conference = factory.SubFactory(ConferenceFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.ORGANISER


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    conference = factory.SubFactory(ConferenceFactory)
    speaker = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Talk number {n}")
    abstract = "An abstract long enough to say something about the talk."
    format = Format.TALK
    duration = 30
