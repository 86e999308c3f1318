"""Bounds on ML work: one training and one re-categorisation per conference at a time, a rate
limit on the API's ML endpoints, and broker settings that match the tasks' time limits."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from conference.api.services import create_api_token
from conference.celery import app
from modeldemo import services
from modeldemo.models import Job
from tests.api.conftest import token_client

BUSY = (
    "A training is already running for this conference: start another one when it has "
    "finished (or failed)."
)
C = "/api/v1/conferences/devconf"


@pytest.fixture(autouse=True)
def fresh_throttle_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_second_training_is_refused_while_one_runs(conference, organiser):
    first = services.start_training(conference=conference, user=organiser, kind="zeroshot")

    with pytest.raises(ValidationError) as refused:
        services.start_training(conference=conference, user=organiser, kind="zeroshot")

    assert refused.value.messages == [BUSY]
    assert list(Job.objects.values_list("pk", flat=True)) == [first.pk]
    assert first.model_version.__class__.objects.count() == 1  # no orphan version either


def test_a_training_may_start_once_the_last_one_ended(conference, organiser):
    first = services.start_training(conference=conference, user=organiser, kind="zeroshot")
    Job.objects.filter(pk=first.pk).update(status="failed")

    second = services.start_training(conference=conference, user=organiser, kind="zeroshot")

    assert second.pk != first.pk


def test_trainings_of_other_conferences_do_not_count(conference, organiser):
    from tests.factories import ConferenceFactory, MembershipFactory

    other = ConferenceFactory()
    services.start_training(
        conference=other, user=MembershipFactory(conference=other).user, kind="zeroshot"
    )

    assert services.start_training(conference=conference, user=organiser, kind="zeroshot")


def test_the_database_refuses_two_active_trainings(conference):
    Job.objects.create(conference=conference, kind="train", status="running")

    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(conference=conference, kind="train")


def test_the_train_form_shows_why_a_second_training_waits(client, organiser, conference):
    services.start_training(conference=conference, user=organiser, kind="zeroshot")
    client.force_login(organiser)

    response = client.post(
        reverse("modeldemo:model_train", args=[conference.slug]), {"kind": "zeroshot"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [BUSY]
    assert Job.objects.count() == 1


def test_a_second_recategorisation_returns_the_running_one(conference, organiser):
    first, created = services.start_recategorisation(conference=conference, user=organiser)
    Job.objects.filter(pk=first.pk).update(status="running")

    second, created_again = services.start_recategorisation(conference=conference, user=organiser)

    assert (created, created_again, second.pk) == (True, False, first.pk)
    assert Job.objects.filter(kind="recategorise").count() == 1


def test_the_recategorise_button_says_one_is_running(client, organiser, conference):
    services.start_recategorisation(conference=conference, user=organiser)
    client.force_login(organiser)

    response = client.post(reverse("modeldemo:recategorise", args=[conference.slug]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "A re-categorisation is already running: follow it below."
    ]


@pytest.fixture
def api(organiser, conference):
    return token_client(organiser)


def test_the_api_answers_409_to_a_second_training(api):
    first = api.post(f"{C}/training/", {"kind": "zeroshot"}, format="json")
    second = api.post(f"{C}/training/", {"kind": "zeroshot"}, format="json")

    assert (first.status_code, second.status_code) == (202, 409)
    assert second.json() == {"detail": BUSY, "errors": {}}


def test_the_api_returns_the_running_recategorisation(api):
    first = api.post(f"{C}/recategorisation/")
    second = api.post(f"{C}/recategorisation/")

    assert (first.status_code, second.status_code) == (202, 200)
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["status"] == "queued"


def test_the_api_limits_ml_starts_per_token(api, organiser):
    answers = [api.post(f"{C}/recategorisation/").status_code for _ in range(11)]

    assert answers == [202] + [200] * 9 + [429]
    response = api.post(f"{C}/recategorisation/")
    assert set(response.json()) == {"detail", "errors"}
    assert response.json()["errors"] == {}
    assert response.json()["detail"].startswith("Request was throttled.")
    assert response["Retry-After"]
    # The training endpoint shares the budget; reading jobs is not limited.
    assert api.post(f"{C}/training/", {"kind": "zeroshot"}, format="json").status_code == 429
    assert api.get(f"{C}/jobs/").status_code == 200
    # Another token has its own budget.
    _token, key = create_api_token(user=organiser, name="second script")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post(f"{C}/recategorisation/").status_code == 200


def test_the_ml_rate_is_a_setting():
    from rest_framework.settings import api_settings

    assert api_settings.DEFAULT_THROTTLE_RATES["ml"] == "10/hour"


def test_visibility_timeout_outlasts_every_time_limit():
    limits = [task.time_limit for task in app.tasks.values() if task.time_limit]
    limits.append(app.conf.task_time_limit or 0)

    longest = max(limits)
    assert longest == 4 * 3600 + 300  # training's
    assert app.conf.broker_transport_options["visibility_timeout"] > longest


def test_the_sweeps_run_often_and_where_a_worker_lives():
    beat = app.conf.beat_schedule
    assert beat["queue-missing-predictions"]["schedule"] <= 120
    assert beat["fail-stale-ml-jobs"]["schedule"] <= 600
    queue = app.amqp.router.route({}, "modeldemo.fail_stale_jobs")["queue"].name
    assert queue == "default"


def test_job_limits_follow_the_tasks():
    from modeldemo.tasks import (
        task_propose_label_mapping,
        task_recategorise_conference,
        task_train_categoriser,
    )

    assert services.JOB_TIME_LIMITS == {
        "train": task_train_categoriser.time_limit,
        "recategorise": task_recategorise_conference.time_limit,
        "propose_mapping": task_propose_label_mapping.time_limit,
    }
