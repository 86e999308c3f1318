"""A target precision becomes the CfP's auto-assign threshold, derived again on activation."""

import pytest
from django.urls import reverse

from modeldemo import auto_assign, services
from modeldemo.models import AutoAssignTarget, ModelVersion
from talks.models import CfpSettings

CONFIDENCE = [round(0.99 - i * 0.01, 2) for i in range(90)]
# The 60 most confident right, then wrong and right in turn. At a 95% target the cut falls
# after 60: 60 right of 60 show a precision of at least 0.962 with 90 % probability
# (serving.PRECISION_LEVEL); 61 of 62 (0.984 on them) show only 0.937. On the decisions'
# own precision alone it would have fallen after 62.
MOSTLY_RIGHT = [True] * 60 + [i % 2 == 1 for i in range(30)]


def _version(conference, correct, **kwargs):
    return ModelVersion.objects.create(
        conference=conference,
        kind="mlp",
        labels=["NLP", "Speech", "Vision"],
        status="ready",
        calibration={"decided": {"confidence": CONFIDENCE, "correct": correct}},
        **kwargs,
    )


def _threshold(conference):
    return CfpSettings.objects.get(conference=conference).auto_assign_threshold


@pytest.fixture
def good(conference, organiser, ml_tracks):
    version = _version(conference, MOSTLY_RIGHT)
    services.activate_model_version(version=version, user=organiser)
    return version


def test_a_target_gives_the_threshold_of_the_active_version(conference, organiser, good):
    row = auto_assign.set_target(conference=conference, user=organiser, target=0.95)

    assert (row.version, row.threshold, row.precision, row.coverage, row.measured_on) == (
        good,
        0.4,
        1.0,
        0.6667,
        "decided",
    )
    assert _threshold(conference) == 0.4


def test_another_active_version_derives_it_again(conference, organiser, good):
    auto_assign.set_target(conference=conference, user=organiser, target=0.95)
    never_right = _version(conference, [False] * 90)

    services.activate_model_version(version=never_right, user=organiser)

    assert _threshold(conference) is None
    row = AutoAssignTarget.objects.get(conference=conference)
    assert (row.version, row.threshold, row.coverage) == (never_right, None, None)

    services.activate_model_version(version=good, user=organiser)

    assert _threshold(conference) == 0.4


def test_turning_it_off_clears_the_threshold(conference, organiser, good):
    auto_assign.set_target(conference=conference, user=organiser, target=0.95)

    auto_assign.clear_target(conference=conference, user=organiser)

    assert _threshold(conference) is None
    assert not AutoAssignTarget.objects.exists()


def test_the_version_page_sets_it_and_says_what_it_gives(client, conference, organiser, good):
    client.force_login(organiser)
    page = reverse("modeldemo:model_detail", args=[conference.slug, good.pk])

    response = client.post(
        reverse("modeldemo:auto_assign_target", args=[conference.slug]),
        {"target": "0.95", "action": "set", "next": page},
        follow=True,
    )

    body = response.content.decode()
    assert response.redirect_chain == [(page, 302)]
    assert (
        "Tracks are now set automatically at confidence ≥ 0.400 (precision 1.000, coverage 67% "
        f"on decided, {good.name})."
    ) in body
    assert (
        "In use: target 0.95 → tracks are set automatically at confidence ≥ 0.400 "
        f"(coverage 0.667, from {good.name})."
    ) in body


def test_a_bad_target_is_refused_with_a_reason(client, conference, organiser, good):
    client.force_login(organiser)

    response = client.post(
        reverse("modeldemo:auto_assign_target", args=[conference.slug]),
        {"target": "1.5", "action": "set"},
        follow=True,
    )

    assert "Enter the target precision as a number from 0.5 to 1." in response.content.decode()
    assert not AutoAssignTarget.objects.exists()


def test_reviewers_cannot_set_it(client, conference, reviewer, good):
    client.force_login(reviewer)

    response = client.post(
        reverse("modeldemo:auto_assign_target", args=[conference.slug]), {"target": "0.9"}
    )

    assert response.status_code == 403
    assert not AutoAssignTarget.objects.exists()
