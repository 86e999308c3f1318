"""The organiser pages of the model registry."""

import pytest
from django.urls import reverse

from modeldemo.models import Job, ModelVersion
from tests.factories import ConferenceFactory, MembershipFactory

METRICS = {
    "accuracy": 0.75,
    "f1_macro": 0.5,
    "top_3_accuracy": 1.0,
    "confusion_matrix": [[2, 0], [1, 1]],
    "per_class": {
        "NLP": {"precision": 0.6667, "recall": 1.0, "f1": 0.8, "support": 2},
        "Vision": {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2},
    },
}


@pytest.fixture(autouse=True)
def models_dir(settings, tmp_path):
    settings.ML_MODELS_DIR = tmp_path / "models"


@pytest.fixture
def version(conference, ml_tracks):
    return ModelVersion.objects.create(
        conference=conference, kind="mlp", labels=["NLP", "Vision"], status="ready", metrics=METRICS
    )


def test_model_list_shows_versions_with_metrics_and_unknown_labels(
    client, organiser, conference, version
):
    other = ModelVersion.objects.create(
        conference=conference, kind="bert", labels=["NLP", "Cooking"], status="failed", error="OOM"
    )
    client.force_login(organiser)

    response = client.get(reverse("modeldemo:model_list", args=[conference.slug]))

    assert response.status_code == 200
    assert [v.name for v in response.context["versions"]] == [other.name, version.name]
    assert [v.unknown_labels for v in response.context["versions"]] == [["Cooking"], []]
    assert response.context["versions"][1].headline == [0.75, 0.5, 1.0]
    body = response.content.decode()
    assert "1 label matches no track" in body and "OOM" in body


@pytest.mark.parametrize("count", [1, 3])
def test_model_list_query_count(
    client, organiser, conference, ml_tracks, count, django_assert_num_queries
):
    for _ in range(count):
        ModelVersion.objects.create(conference=conference, kind="mlp", labels=["NLP"])
    client.force_login(organiser)

    # session, user, conference, membership, versions, tracks, jobs, data sets
    with django_assert_num_queries(8):
        client.get(reverse("modeldemo:model_list", args=[conference.slug]))


def test_model_pages_are_for_organisers_only(client, conference, version, reviewer, speaker):
    urls = [
        reverse("modeldemo:model_list", args=[conference.slug]),
        reverse("modeldemo:model_detail", args=[conference.slug, version.pk]),
        reverse("modeldemo:model_chart", args=[conference.slug, version.pk, "confusion"]),
    ]
    stranger = MembershipFactory(conference=ConferenceFactory()).user
    for url in urls:
        assert client.get(url).status_code == 302
    for user in (reviewer, speaker, stranger):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)
        for name in ("model_train", "recategorise"):
            response = client.post(reverse(f"modeldemo:{name}", args=[conference.slug]))
            assert response.status_code == 403
    assert Job.objects.count() == 0


def test_model_detail_compares_versions_and_draws_charts(client, organiser, conference, version):
    client.force_login(organiser)

    response = client.get(reverse("modeldemo:model_detail", args=[conference.slug, version.pk]))
    confusion = client.get(
        reverse("modeldemo:model_chart", args=[conference.slug, version.pk, "confusion"])
    )
    f1 = client.get(reverse("modeldemo:model_chart", args=[conference.slug, version.pk, "f1"]))
    unknown = client.get(
        reverse("modeldemo:model_chart", args=[conference.slug, version.pk, "other"])
    )

    assert response.status_code == 200
    assert dict(response.context["metrics"])["f1_macro"] == 0.5
    assert [v for v, _rows in response.context["comparison"]] == [version]
    for chart in (confusion, f1):
        assert chart["Content-Type"] == "image/png"
        assert chart.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert unknown.status_code == 404


def test_model_detail_shows_what_the_blend_adds(client, organiser, conference, ml_tracks):
    parts = {
        "bert": {"accuracy": 0.7, "f1_macro": 0.6812, "top_3_accuracy": 0.9},
        "tfidf": {"accuracy": 0.65, "f1_macro": 0.6329, "top_3_accuracy": 0.88},
        "blend": {"accuracy": 0.75, "f1_macro": 0.7274, "top_3_accuracy": 0.95},
        "tfidf_weight": 0.5,
    }
    version = ModelVersion.objects.create(
        conference=conference,
        kind="bert",
        labels=["NLP", "Vision"],
        status="ready",
        metrics=METRICS,
        training_config={"validation_parts": parts},
    )
    client.force_login(organiser)

    response = client.get(reverse("modeldemo:model_detail", args=[conference.slug, version.pk]))

    assert [name for name, _row in response.context["parts"]] == ["BERT", "TF-IDF", "blend"]
    html = response.content.decode()
    table = html[html.index('id="blend-parts"') :]
    table = table[: table.index("</table>")]
    for cells in (
        "<td>BERT</td><td>0.700</td><td>0.681</td><td>0.900</td>",
        "<td>TF-IDF</td><td>0.650</td><td>0.633</td><td>0.880</td>",
        "<td>blend</td><td>0.750</td><td>0.727</td><td>0.950</td>",
    ):
        assert cells in table
    assert "TF-IDF share 0.5" in html


def test_model_detail_of_an_unblended_version_has_no_parts(client, organiser, conference, version):
    client.force_login(organiser)

    response = client.get(reverse("modeldemo:model_detail", args=[conference.slug, version.pk]))

    assert response.context["parts"] == []
    assert 'id="blend-parts"' not in response.content.decode()


def test_model_activate_from_the_page(client, organiser, conference, version):
    client.force_login(organiser)

    response = client.post(
        reverse("modeldemo:model_activate", args=[conference.slug, version.pk]), follow=True
    )

    version.refresh_from_db()
    assert version.is_active is True
    assert [str(m) for m in response.context["messages"]] == [f"{version.name} is now active."]


def test_model_train_without_examples_shows_the_reason(client, organiser, conference, ml_tracks):
    client.force_login(organiser)

    response = client.post(
        reverse("modeldemo:model_train", args=[conference.slug]), {"kind": "mlp"}, follow=True
    )

    assert ModelVersion.objects.count() == 0
    assert [str(m) for m in response.context["messages"]] == [
        "Training needs examples of at least two tracks: confirm tracks in the review queue "
        "or import a past programme."
    ]


def test_model_train_refuses_bad_settings(client, organiser, conference, ml_tracks):
    client.force_login(organiser)

    response = client.post(
        reverse("modeldemo:model_train", args=[conference.slug]),
        {"kind": "gpt", "epochs": "0"},
        follow=True,
    )

    assert ModelVersion.objects.count() == 0
    (message,) = [str(m) for m in response.context["messages"]]
    assert message.startswith("Check the training settings:")
    assert "Select a valid choice. gpt is not one of the available choices." in message


def test_model_train_refuses_a_tfidf_share_above_one(client, organiser, conference, ml_tracks):
    client.force_login(organiser)

    response = client.post(
        reverse("modeldemo:model_train", args=[conference.slug]),
        {"kind": "bert", "tfidf_weight": "1.5"},
        follow=True,
    )

    assert ModelVersion.objects.count() == 0
    (message,) = [str(m) for m in response.context["messages"]]
    assert "Ensure this value is less than or equal to 1.0." in message


def test_job_status_reports_progress(client, organiser, conference):
    job = Job.objects.create(
        conference=conference, kind="train", status="running", done=3, total=12, message="x"
    )
    client.force_login(organiser)

    response = client.get(reverse("modeldemo:job_status", args=[job.pk]))

    assert response.json() == {
        "id": job.pk,
        "kind": "train",
        "status": "running",
        "done": 3,
        "total": 12,
        "percent": 25,
        "message": "x",
        "error": "",
    }


def test_job_status_is_for_the_conferences_organisers(client, conference, reviewer):
    job = Job.objects.create(conference=conference, kind="train")
    client.force_login(reviewer)

    assert client.get(reverse("modeldemo:job_status", args=[job.pk])).status_code == 403


def test_model_detail_says_a_refitted_version_was_trained_on_its_validation_split_too(
    client, organiser, conference, version
):
    client.force_login(organiser)
    url = reverse("modeldemo:model_detail", args=[conference.slug, version.pk])
    ModelVersion.objects.filter(pk=version.pk).update(trained_on=80, validated_on=20)

    before = client.get(url).content.decode()
    ModelVersion.objects.filter(pk=version.pk).update(
        trained_on=100, training_config={"refit": {"examples": 100, "validated_without": 20}}
    )
    after = client.get(url).content.decode()

    assert "trained on 80, validated on 20 examples" in before
    assert "validated on 20 examples without them, then trained on all 100" in after
    assert "trained on 100, validated on" not in after


def test_model_detail_shows_how_often_a_version_beat_the_active_one(
    client, organiser, conference, version
):
    client.force_login(organiser)
    url = reverse("modeldemo:model_detail", args=[conference.slug, version.pk])
    gate = {"verdict": "pass", "candidate": {"examples": 30}, "win_share": 0.62, "wins": False}

    without = client.get(url).content.decode()
    ModelVersion.objects.filter(pk=version.pk).update(gate=gate)
    body = client.get(url).content.decode()

    assert "resamples" not in without
    assert "Better than the active version in 62 % of resamples of these decisions." in body
    assert "only from 80 %" in body
    assert "show the precision with 90 % probability" in body
