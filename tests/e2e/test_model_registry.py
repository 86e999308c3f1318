"""Browser journeys of the model registry: train, read the metrics, activate, watch a job."""

import pytest

from modeldemo.models import Job, ModelVersion
from talks.models import Prediction
from talks.services import import_labelled_examples
from tests.e2e.conftest import log_in
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
)
from tests.modeldemo.conftest import TINY

pytestmark = pytest.mark.e2e


@pytest.fixture
def conference(transactional_db, settings, tmp_path):
    settings.ML_MODELS_DIR = tmp_path / "models"
    conference = ConferenceFactory(slug="mlconf", name="ML Conf")
    for name in TINY:
        TrackFactory(conference=conference, name=name, slug=name.lower())
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))
    return conference


def test_organiser_trains_reads_metrics_activates_and_recategorises(live_server, page, conference):
    import_labelled_examples(
        rows=[(text, label) for label, texts in TINY.items() for text in texts], dataset="tiny"
    )
    submission = SubmissionFactory(
        conference=conference,
        title="Speech recognition for dialect audio",
        abstract="We transcribe recordings of spoken dialects with a speech model.",
    )
    log_in(page, live_server.url, "organiser", PASSWORD)
    page.goto(f"{live_server.url}/ml/c/mlconf/models/")
    assert "No trained versions yet" in page.inner_text("table.versions")

    page.select_option("#id_kind", "mlp")
    page.check("input[name=datasets][value=tiny]")
    page.fill("#id_epochs", "60")
    page.click("button:has-text('Start training')")
    page.wait_for_selector("text=Training started.")

    # Tasks run eagerly here, so the job is finished when the page comes back.
    job = page.locator(".job").first
    assert job.locator(".job-status").inner_text() == "Done"
    assert job.locator("progress").get_attribute("value") == "100"
    version = ModelVersion.objects.get()
    row = page.locator(f"tr[data-version='{version.pk}']")
    assert row.locator("td").nth(1).inner_text() == "Ready"
    # All 24: 5 held out to validate, then trained on every example (training.REFIT_KINDS).
    assert row.locator("td").nth(2).inner_text() == "24"

    row.locator(f"a:has-text('{version.name}')").click()
    page.wait_for_selector(f"h1:has-text('{version.name}')")
    headers = page.locator("table.metrics thead th").all_inner_texts()
    assert headers[:4] == ["Version", "Accuracy", "Top-3 accuracy", "Macro F1"]
    for alt in ("Confusion matrix", "F1 per track"):
        # Drawn by matplotlib on request: wait until the browser has decoded a real PNG.
        page.wait_for_function(
            "(alt) => { const img = document.querySelector(`img[alt='${alt}']`);"
            " return img && img.complete && img.naturalWidth > 0; }",
            arg=alt,
        )
    assert page.locator("table.table").last.locator("tbody tr").count() == 3  # per track

    page.click("text=← All versions")
    page.locator(f"tr[data-version='{version.pk}'] button:has-text('Activate')").click()
    page.wait_for_selector(f"text={version.name} is now active.")
    assert page.locator(f"tr[data-version='{version.pk}'] .badge").inner_text() == "active"

    page.click("button:has-text('Re-categorise all submissions')")
    page.wait_for_selector("text=Re-categorisation started.")
    assert page.locator(".job").first.locator(".job-status").inner_text() == "Done"
    prediction = Prediction.objects.get(submission=submission, model_version=version.name)
    assert prediction.track.name == "Speech"


def test_progress_bar_follows_a_running_job_and_reloads_when_it_ends(live_server, page, conference):
    version = ModelVersion.objects.create(conference=conference, kind="bert")
    job = Job.objects.create(
        conference=conference,
        kind="train",
        model_version=version,
        status="running",
        done=3,
        total=10,
        message="fine-tuning",
    )
    log_in(page, live_server.url, "organiser", PASSWORD)
    page.goto(f"{live_server.url}/ml/c/mlconf/models/")
    row = page.locator(".job").first
    assert row.locator("progress").get_attribute("value") == "30"
    assert row.locator(".job-percent").inner_text() == "30%"

    Job.objects.filter(pk=job.pk).update(done=7, message="fine-tuning, epoch 2")
    page.wait_for_function(
        "() => document.querySelector('.job .job-percent').textContent === '70%'"
    )
    assert row.locator("progress").get_attribute("value") == "70"
    assert row.locator(".job-message").inner_text() == "fine-tuning, epoch 2"

    Job.objects.filter(pk=job.pk).update(status="done", done=10, message="Ready.")
    # The script reloads the page when the job ends: the server renders the final state.
    page.wait_for_function(
        "() => document.querySelector('.job').dataset.status === 'done'"
        " && document.querySelector('.job .job-status').textContent === 'Done'"
    )
    assert row.locator(".job-percent").inner_text() == "100%"
