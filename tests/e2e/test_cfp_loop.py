"""Browser journey of the track-suggestion loop: upload a past programme, map its labels,
train, read the gate's verdict, activate, and go back to zero-shot."""

import json

import pytest

from modeldemo.models import LabelMapping, ModelVersion
from tests.e2e.conftest import log_in
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    TrackFactory,
    UserFactory,
)
from tests.modeldemo.conftest import TINY

pytestmark = pytest.mark.e2e

# Last year's programme used other names for the same tracks.
OLD_NAMES = {"NLP": "Text room", "Vision": "Images room", "Speech": "Audio room"}


@pytest.fixture
def conference(transactional_db, settings, tmp_path):
    settings.ML_MODELS_DIR = tmp_path / "models"
    conference = ConferenceFactory(slug="loopconf", name="Loop Conf")
    descriptions = {"NLP": "Language and text", "Vision": "Images", "Speech": "Audio"}
    for name, description in descriptions.items():
        TrackFactory(conference=conference, name=name, slug=name.lower(), description=description)
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))
    return conference


def test_upload_map_train_gate_activate_and_back(live_server, page, conference, tmp_path):
    upload = tmp_path / "past.jsonl"
    upload.write_text(
        "".join(
            json.dumps({"title": text, "abstract": "", "room": OLD_NAMES[label]}) + "\n"
            for label, texts in TINY.items()
            for text in texts
        )
    )
    log_in(page, live_server.url, "organiser", PASSWORD)
    page.goto(f"{live_server.url}/ml/c/loopconf/models/")
    page.click("text=Import examples (JSONL or CSV)")
    page.set_input_files("#id_file", str(upload))
    page.fill("#id_dataset", "last-year")
    page.fill("#id_text_fields", "title,abstract")
    page.fill("#id_label_field", "room")
    page.click("button:has-text('Import')")

    # The mapping step: every old name with the track proposed for it.
    page.wait_for_selector("h1:has-text('Map the labels of last-year')")
    proposed = {
        row.get_attribute("data-label"): row.locator("td").nth(2).inner_text()
        for row in page.locator("table.mapping tbody tr").all()
    }
    assert proposed == {"Text room": "NLP", "Images room": "Vision", "Audio room": "Speech"}
    page.click("button:has-text('Accept all proposals')")
    page.wait_for_selector("text=Mapping saved")
    assert LabelMapping.objects.get(dataset="last-year").revision == 1

    page.select_option("#id_kind", "tfidf")
    page.check("input[name=datasets][value=last-year]")
    page.click("button:has-text('Start training')")
    page.wait_for_selector("text=Training started.")
    version = ModelVersion.objects.get(kind="tfidf")
    row = page.locator(f"tr[data-version='{version.pk}']")
    assert row.locator("td").nth(1).inner_text() == "Ready"
    # No person has decided a track yet: the gate cannot tell, and says so.
    assert row.locator(".gate-cell").inner_text() == "too few decisions"

    row.locator(f"a:has-text('{version.name}')").click()
    page.wait_for_selector('h2:has-text("This conference\'s decided submissions")')
    assert "not enough decided submissions" in page.inner_text(".gate-verdict")
    assert page.locator("#reliability tbody tr").count() == 10
    assert page.is_visible('h2:has-text("The training data\'s validation split")')

    page.click("text=← All versions")
    page.locator(f"tr[data-version='{version.pk}'] button:has-text('Activate')").click()
    page.wait_for_selector(f"text={version.name} is now active.")
    page.click("button:has-text('Back to zero-shot')")
    page.wait_for_selector("text=Zero-shot is now active.")
    assert ModelVersion.objects.get(is_active=True).kind == "zeroshot"
