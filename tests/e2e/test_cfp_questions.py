"""Browser journey of the CfP questions: an organiser adds a required choice question for
workshops, a speaker sees it only once she picks the workshop format, and the team reads the
answer on the review page and in the CSV export."""

import csv
import io

import pytest

from talks.models import Answer, CfpQuestion, Submission
from tests.e2e.conftest import log_in, log_out
from tests.factories import PASSWORD, ConferenceFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def conference(transactional_db):
    return ConferenceFactory(slug="aidev", name="AI Dev Conf")


def test_required_workshop_question_from_organiser_to_speaker_to_review(
    live_server, page, conference
):
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))
    UserFactory(username="speaker")

    # The organiser finds the questions from the CfP settings and adds one.
    log_in(page, live_server.url, "organiser", PASSWORD)
    page.goto(f"{live_server.url}/c/aidev/cfp/")
    page.click("a:has-text('Your own questions on the submission form')")
    page.click("a:has-text('Add a question')")
    page.fill("#id_text", "Which hands-on level?")
    page.select_option("#id_kind", "choice")
    long_choice = "Expert: " + "has fine-tuned models on clusters of many GPUs " * 3
    page.fill("#id_options", f"Beginner\nExpert\n{long_choice}")
    page.check("#id_required")
    page.check("input[name=formats][value=workshop]")
    page.click("button:has-text('Save')")
    page.wait_for_selector("text=“Which hands-on level?” is added.")
    assert "Workshop · every track" in page.inner_text("td.scope")
    log_out(page)

    # The speaker sees the question only for a workshop, and must answer it then.
    log_in(page, live_server.url, "speaker", PASSWORD)
    page.goto(f"{live_server.url}/c/aidev/submit/")
    question = page.locator(".cfp-question")
    page.select_option("#id_format", "talk")
    assert question.is_hidden()
    page.select_option("#id_format", "workshop")
    assert question.is_visible()
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the long choice
    page.set_viewport_size({"width": 1280, "height": 800})
    page.fill("#id_title", "Fine-tuning a small LLM on one GPU")
    page.fill("#id_abstract", "Hands-on: LoRA fine-tuning of a small language model.")
    page.click("button:has-text('Submit')")
    page.wait_for_selector("text=This question is required.")
    assert question.is_visible()  # still the workshop's form after the refusal
    page.select_option(".cfp-question select", "Expert")
    page.click("button:has-text('Submit')")
    page.wait_for_selector("text=your submission was received")
    assert page.inner_text("dl.answers dd") == "Expert"
    log_out(page)

    submission = Submission.objects.get()
    assert list(Answer.objects.values_list("submission", "question__text", "value")) == [
        (submission.pk, "Which hands-on level?", "Expert")
    ]

    # The organiser reads it on the review page and in the CSV.
    log_in(page, live_server.url, "organiser", PASSWORD)
    page.goto(f"{live_server.url}/c/aidev/submissions/{submission.pk}/")
    assert page.inner_text("dl.answers dt") == "Which hands-on level?"
    assert page.inner_text("dl.answers dd") == "Expert"
    page.goto(f"{live_server.url}/c/aidev/cfp/questions/")
    with page.expect_download() as download_info:
        page.click("a.export-csv")
    path = download_info.value.path()
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert [(row["title"], row["format"], row["Which hands-on level?"]) for row in rows] == [
        ("Fine-tuning a small LLM on one GPU", "workshop", "Expert")
    ]
    assert CfpQuestion.objects.get().required is True

    # On a phone the organiser's pages do not overflow sideways.
    page.set_viewport_size({"width": 375, "height": 800})
    question_id = CfpQuestion.objects.get().pk
    for url in ("cfp/questions/", "cfp/questions/new/", f"cfp/questions/{question_id}/delete/"):
        page.goto(f"{live_server.url}/c/aidev/{url}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, url
