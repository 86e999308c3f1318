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
    """`speaker` is the submitter (position 0, as create_submission does); `speakers` adds
    co-speakers after it, as a list."""

    class Meta:
        model = Submission
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)
    speaker = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Talk number {n}")
    abstract = "An abstract long enough to say something about the talk."
    format = Format.TALK
    duration = 30

    @classmethod
    def _create(cls, model_class, *args, speaker, **kwargs):
        submission = super()._create(model_class, *args, **kwargs)
        submission.speakers.add(speaker, through_defaults={"position": 0})
        return submission

    @factory.post_generation
    def speakers(obj, create, extracted, **kwargs):
        for position, user in enumerate(extracted or [], start=1):
            obj.speakers.add(user, through_defaults={"position": position})
        if create:
            # What the services keep: the folded text the team's search reads.
            from talks.services.submissions import refresh_search_text

            refresh_search_text(submission_ids=[obj.pk])
            obj.refresh_from_db(fields=["search_text", "search_names"])


# Issue 3: registration and set-up ---------------------------------------------------------------

from conference.models import (  # noqa: E402
    Question,
    Registration,
    RoomAvailability,
    TicketType,
)
from conference.models.registration import (  # noqa: E402
    hash_token,
    manage_token_for,
    new_token_nonce,
)


class TicketTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TicketType

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Ticket {n}")
    price = "0.00"
    quota = 100


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    conference = factory.SubFactory(ConferenceFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = Question.Kind.TEXT


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    ticket_type = factory.SubFactory(TicketTypeFactory)
    conference = factory.SelfAttribute("ticket_type.conference")
    name = factory.Sequence(lambda n: f"Attendee {n}")
    email = factory.Sequence(lambda n: f"attendee{n}@example.org")
    state = Registration.State.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    token_nonce = factory.LazyFunction(new_token_nonce)
    token_hash = factory.LazyAttribute(lambda o: hash_token(manage_token_for(o.token_nonce)))


class RoomAvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoomAvailability

    room = factory.SubFactory(RoomFactory)
    date = factory.SelfAttribute("room.conference.start_date")
    starts_at = "09:00"
    ends_at = "18:00"


# Issue 4: call for papers, speakers and review ---------------------------------------------------

from talks.models import (  # noqa: E402
    CfpSettings,
    NearDuplicate,
    Prediction,
    Review,
    ReviewerScope,
    SpeakerProfile,
)


class CfpSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CfpSettings
        django_get_or_create = ["conference"]

    conference = factory.SubFactory(ConferenceFactory)


class SpeakerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerProfile

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    affiliation = "Example Lab"
    bio = "Builds things."


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    submission = factory.SubFactory(SubmissionFactory)
    reviewer = factory.SubFactory(UserFactory)
    score = 3
    comment = "Solid."


class ReviewerScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewerScope
        skip_postgeneration_save = True

    membership = factory.SubFactory(MembershipFactory, role=Role.REVIEWER)

    @factory.post_generation
    def tracks(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tracks.set(extracted)
            # A scope with tracks limits the reviewer (the flag was implicit before issue 14).
            Membership.objects.filter(pk=obj.membership_id).update(reviews_all_tracks=False)
            obj.membership.reviews_all_tracks = False


class PredictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Prediction

    submission = factory.SubFactory(SubmissionFactory)
    track = factory.SubFactory(TrackFactory)
    confidence = 0.6
    top = factory.LazyAttribute(
        lambda o: [{"track": o.track.slug, "label": o.track.name, "probability": o.confidence}]
    )
    categoriser = "zeroshot"
    model_version = factory.Sequence(lambda n: f"v{n}")


class NearDuplicateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NearDuplicate

    first = factory.SubFactory(SubmissionFactory)
    second = factory.SubFactory(
        SubmissionFactory, conference=factory.SelfAttribute("..first.conference")
    )
    conference = factory.SelfAttribute("first.conference")
    similarity = 0.95


# Issue 7: scheduling -----------------------------------------------------------------------------

from datetime import UTC, datetime, time  # noqa: E402

from scheduling.models import Favourite, ScheduleItem, SpeakerAvailability  # noqa: E402


class ScheduleItemFactory(factory.django.DjangoModelFactory):
    """A talk in a room at 10:00 UTC on the conference's first day, 30 minutes long."""

    class Meta:
        model = ScheduleItem

    submission = factory.SubFactory(SubmissionFactory, state="confirmed")
    conference = factory.SelfAttribute("submission.conference")
    room = factory.SubFactory(RoomFactory, conference=factory.SelfAttribute("..conference"))
    kind = "talk"
    start = factory.LazyAttribute(
        lambda o: datetime.combine(o.conference.start_date, time(10), tzinfo=UTC)
    )
    end = factory.LazyAttribute(lambda o: o.start + timedelta(minutes=30))


class FavouriteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Favourite

    user = factory.SubFactory(UserFactory)
    submission = factory.SubFactory(SubmissionFactory, state="confirmed")


class SpeakerAvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerAvailability

    user = factory.SubFactory(UserFactory)
    conference = factory.SubFactory(ConferenceFactory)
    windows = factory.LazyFunction(list)
