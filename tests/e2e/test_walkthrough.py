"""Browser journeys of the backprop walkthrough: the calculator follows its inputs; XOR trains."""

import re
import time

import pytest

pytestmark = pytest.mark.e2e

URL = "/ml/walkthrough/"


@pytest.fixture
def walkthrough(live_server, page, transactional_db):
    page.goto(live_server.url + URL)
    return page


def test_calculator_tables_follow_an_edited_input(walkthrough):
    page = walkthrough
    output = page.locator("#layer-2-neurons tbody tr").first
    assert "0.7·0.5987 + 0.8·0.7311 + 0 = 1.0039" in output.inner_text()
    assert page.locator("#step-output").inner_text() == "0.7318"

    page.fill("#id_bp-x", "1, 1")

    page.wait_for_function("document.querySelector('#step-output').textContent === '0.7514'")
    hidden = page.locator("#layer-1-neurons tbody tr")
    assert "0.1·1 + 0.2·1 + 0.3 = 0.6" in hidden.nth(0).inner_text()
    assert "0.4·1 + 0.5·1 + 0.6 = 1.5" in hidden.nth(1).inner_text()
    assert "0.7·0.6457 + 0.8·0.8176 + 0 = 1.106" in output.inner_text()
    assert page.locator("#step-loss").inner_text() == "0.2858"
    # The page was not reloaded: the address now holds the edited values for a link.
    assert "bp-x=1%2C+1" in page.url

    page.fill("#id_bp-w1", "0.1, oops; 0.4, 0.5")
    page.wait_for_selector("#step-errors")
    assert "“oops” is not a number." in page.locator("#step-errors").inner_text()


def test_xor_trains_in_the_browser_to_full_accuracy(walkthrough):
    page = walkthrough
    chunks = []
    page.on(
        "request", lambda request: chunks.append(request.url) if "/toy/" in request.url else None
    )
    page.select_option("#id_toy-dataset", "xor")
    page.fill("#id_toy-epochs", "100")

    started = time.monotonic()
    page.click(".toy-form button[type=submit]")
    page.wait_for_function(
        "document.querySelector('#toy-accuracy') && "
        "document.querySelector('#toy-accuracy').textContent === '1.000'",
        timeout=2_000,
    )
    converged = time.monotonic() - started
    page.wait_for_function(
        "document.querySelector('#toy-summary').textContent.includes('Epoch 100 of 100')",
        timeout=20_000,
    )

    assert converged < 2.0
    assert len(chunks) == 10  # ten chunks of ten epochs, each its own short request
    assert "toy-dataset" not in page.url  # trained by the script, not by reloading the page
    train_loss = float(page.locator("#toy-train-loss").inner_text())
    assert train_loss < 0.01
    # SVG y grows downwards: the last point of the curve sits far below the first.
    points = page.locator("polyline.train").get_attribute("points").split()
    first_y, last_y = float(points[0].split(",")[1]), float(points[-1].split(",")[1])
    assert len(points) == 100
    assert last_y - first_y > 150
    assert re.fullmatch(r"\s*", page.locator("#toy-status").inner_text())
