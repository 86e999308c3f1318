"""The whole app in Simplified Chinese (issue 19): every HTML page, as each role (anonymous,
attendee, speaker, reviewer, organiser), read by a browser asking for zh-hans, shows no English
word in its navigation, headings, buttons, form labels, table headings, menus or messages, other
than data (what people typed: conference, track, room and talk titles, names, e-mail addresses,
codes; read from the database, not listed here) and the few technical names that Chinese text
writes in Latin letters (TERMS). Key pages are also no wider than a 375 px phone in Chinese.

The pages are those of tests/e2e/test_layout.py: every GET pattern of the URL conf, arguments
filled from its data builder (so a new page is walked without editing this test); what is not
an HTML page is skipped there, by name, with the reason.

The anonymous visitor's browser sends Accept-Language: zh-CN (it never touches the switcher);
the others log in and press the header's 简体中文 button (the cookie), as a person would.
"""

from __future__ import annotations

import os
import re
import zoneinfo

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from conference.models.registration import Registration
from tests.e2e.conftest import log_in
from tests.e2e.test_layout import (
    OVERFLOW_JS,
    build_data,
    encoder,  # noqa: F401 (the mapping page's fixture)
    pages,
)
from tests.factories import PASSWORD, FavouriteFactory, UserFactory

pytestmark = pytest.mark.e2e

# ZH_TEXT=all: read every paragraph, list item and cell too (to look for strings nobody marked;
# the test's own scope is the interface's controls and messages).
EVERYTHING = os.environ.get("ZH_TEXT") == "all"

ROLES = ("anonymous", "attendee", "speaker", "reviewer", "organiser")

# Where people type text that pages show as it is: the data, per model, that may stay English.
DATA_FIELDS = {
    "auth.User": ["username", "first_name", "last_name", "email"],
    "conference.Conference": ["name", "slug", "description", "venue", "timezone"],
    "conference.Track": ["name", "slug", "description"],
    "conference.Room": ["name"],
    "conference.TicketType": ["name", "description", "currency"],
    "conference.Question": ["label", "help_text", "choices"],
    "conference.Registration": ["name", "email", "organisation", "check_in_code"],
    "conference.Answer": ["value"],
    "conference.Invitation": ["email"],
    "conference.ApiToken": ["name", "prefix"],
    "conference.AccountEmail": ["confirmed_email", "pending_email"],
    "conference.OutboxMail": ["to", "subject", "body"],
    "talks.CfpSettings": ["text"],
    "talks.MailTemplate": ["subject", "body"],
    "talks.Submission": ["title", "abstract"],
    "talks.Decision": ["description"],
    "talks.LabelledExample": ["text", "label", "dataset"],
    "talks.ReviewPhase": ["name"],
    "talks.ScoreCategory": ["name"],
    "talks.Review": ["comment"],
    "talks.ReviewerProfile": ["expertise"],
    "talks.AssignmentSettings": ["public_email_domains"],
    "talks.CfpQuestion": ["text", "help_text", "options"],
    "talks.Answer": ["value"],
    "talks.SpeakerProfile": ["name", "bio", "affiliation", "links"],
    "talks.SpeakerInvitation": ["email"],
    "scheduling.ScheduleItem": ["title"],
    "scheduling.Release": ["version", "comment"],
    "modeldemo.ModelVersion": ["name", "base_model", "labels", "override_reason"],
    "modeldemo.LabelMapping": ["dataset"],
}

# Names that Chinese interfaces write in Latin letters: formats, standards, products, the
# model families and the maths of the walkthrough, keys of the keyboard. Lower case.
TERMS = {
    # formats, protocols, standards
    "api",
    "rest",
    "openapi",
    "csv",
    "json",
    "jsonl",
    "xml",
    "pdf",
    "ics",
    "ical",
    "url",
    "http",
    "https",
    "utf",
    "jpeg",
    "png",
    "gif",
    "webp",
    "mb",
    "qr",
    "html",
    "css",
    "markdown",
    "javascript",
    "cny",
    "utc",
    "id",
    # interchange formats and tools named by the import and export pages
    "frab",
    "pretalx",
    "c3voc",
    "redoc",
    "swagger",
    # machine learning
    "ml",
    "bert",
    "minilm",
    "mlp",
    "tf",
    "idf",
    "f1",
    "sgd",
    "adam",
    "relu",
    "sigmoid",
    "tanh",
    "softmax",
    "xor",
    "roc",
    "auc",
    # keys
    "tab",
    "enter",
    "shift",
    "ctrl",
    "esc",
}
# File names (schedule.xml, rules.md) are names too.
FILE_NAME = re.compile(r"\b[\w-]+\.(?:xml|json|jsonl|csv|ics|md|pdf|py)\b", re.IGNORECASE)

# A word: two letters or more, with the digits that belong to it (c3voc, f1).
WORD = re.compile(r"[A-Za-z0-9]*[A-Za-z]{2}[A-Za-z0-9]*")

# What a reader sees as interface text: navigation, headings, buttons, labels, table headings,
# menus and messages, each with the names that assistive technology reads out. Code, formulas,
# the language switcher (each language named in itself) and text marked as another language
# are left out.
TEXTS_JS = """(everything) => {
  const skip = 'code, pre, kbd, samp, script, style, .language-switcher, .formula-text, '
    + '[lang]:not([lang|="zh"]):not(html)';
  const kinds = {
    navigation: 'nav a, nav button, .tabs a',
    heading: 'h1, h2, h3, h4, h5, h6, caption, summary, legend',
    button: 'button, input[type=submit], input[type=button], a.button',
    label: 'label, th',
    menu: 'option',
    message: '.messages li, .message, .errorlist li, .helptext, .empty',
  };
  if (everything) kinds.text = 'p, li, td, dd, dt, small, span, figcaption, div:not(:has(*))';
  const found = [];
  for (const [kind, selector] of Object.entries(kinds)) {
    for (const el of document.querySelectorAll(selector)) {
      if (el.closest(skip)) continue;
      const copy = el.cloneNode(true);
      copy.querySelectorAll(skip + ', select, textarea, sub, sup').forEach((n) => n.remove());
      let text = el.tagName === 'INPUT' ? el.value : copy.textContent;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        if (el.getAttribute(name)) text += ' ' + el.getAttribute(name);
      }
      text = (text || '').replace(/\\s+/g, ' ').trim();
      if (text) found.push([kind, text]);
    }
  }
  // Narrow tables show each cell's heading from its data-label (CSS content: attr()).
  for (const el of document.querySelectorAll('[data-label]')) {
    if (!el.closest(skip)) found.push(['label', el.dataset.label]);
  }
  found.push(['title', document.title]);
  return found;
}"""

# Pages checked at 375 px in Chinese (the layout test checks every page in English).
PHONE_PAGES = {
    "home",
    "conference:detail",
    "scheduling:agenda",
    "scheduling:talk",
    "scheduling:my_agenda",
    "talks:submission_create",
    "talks:review_list",
    "talks:track_review_queue",
    "registrations:register",
    "setup:conference",
    "login",
}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()] + [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def data_strings() -> list[str]:
    """Every value of DATA_FIELDS in the database, longest first, whitespace as on a page."""
    found = set()
    for label, fields in DATA_FIELDS.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        names = []
        for field in fields:
            try:
                model._meta.get_field(field)
                names.append(field)
            except FieldDoesNotExist:
                pass
        for row in model.objects.values(*names):
            for value in row.values():
                found.update(" ".join(s.split()) for s in _strings(value))
        if label == "modeldemo.ModelVersion":
            found.update(str(version) for version in model.objects.all())
    # Time zones are codes (the set-up page offers them all).
    found.update(zoneinfo.available_timezones())
    return sorted((s for s in found if s), key=len, reverse=True)


def without_data(text: str, data: list[str]) -> str:
    """The text less every data value in it, then less the start of a long value cut short
    (a title truncated to fit a table)."""
    folded = FILE_NAME.sub(" ", text).casefold()
    for value in data:
        folded = folded.replace(value.casefold(), " ")
    for value in data:
        needle = value.casefold()
        if len(needle) > 24 and needle[:16] in folded:
            cut = 16
            while cut < len(needle) and needle[: cut + 1] in folded:
                cut += 1
            folded = folded.replace(needle[:cut], " ")
    return folded


# A formula (z = Σ wa + b): its letters are variables, not words.
FORMULA = re.compile(r"[=←∂Σσδ]")


def english_words(text: str, data: list[str]) -> list[str]:
    words = [w for w in WORD.findall(without_data(text, data)) if w.lower() not in TERMS]
    if FORMULA.search(text):
        words = [w for w in words if len(w) > 3]
    return words


def test_english_words_are_found_and_data_is_not():
    data = ["Vision at scale", "sam@example.org", "Serving large language models to millions"]
    assert english_words("评审“Vision at scale”", data) == []
    assert english_words("发给 sam@example.org 的邮件", data) == []
    # A title cut short by the page is still data; the interface around it is not.
    assert english_words("Serving large language models…", data) == []
    assert english_words("Save 保存 Serving large langu…", data) == ["save"]
    # A short value inside a longer one's start does not hide the words around it.
    assert english_words("Ticket Vision at scale", data + ["Vision at scale, in depth"]) == [
        "ticket"
    ]
    assert english_words("导出（CSV）· BERT · 第 3 页", data) == []
    assert english_words("Log in", data) == ["log", "in"]
    assert english_words("z = Σ wa + b · Weights", data) == ["weights"]
    assert english_words("Asia/Shanghai · c3voc · schedule.xml", data + ["Asia/Shanghai"]) == []


def open_page(page, url: str) -> int | None:
    """Load the page if it answers with HTML (200, or a redirect other than to the log-in page);
    its status otherwise (None: nothing to read)."""
    answer = page.context.request.get(url, max_redirects=0)
    status, kind = answer.status, answer.headers.get("content-type", "")
    location = answer.headers.get("location", "")
    answer.dispose()
    if 300 <= status < 400 and "/accounts/login/" not in location:
        page.goto(url)
        return 200
    if status != 200 or "text/html" not in kind:
        return status if status >= 500 else None
    page.goto(url)
    return status


def switch_to_chinese(page) -> None:
    page.click(".language-switcher button[value='zh-hans']")
    page.wait_for_selector("html[lang='zh-hans']")


def walk(browser, base_url: str, data: dict, to_check, roles=ROLES) -> tuple[list[str], dict]:
    """Read every page of `to_check` as each role in Chinese: the problems, and how many pages
    each role could read."""
    known = data_strings()
    failures = []
    english: dict[tuple, list[str]] = {}  # (kind, text, words) -> where
    read = dict.fromkeys(roles, 0)
    for role in roles:
        # The anonymous browser asks for Chinese; the others ask for English, log in, and
        # press the switcher.
        locale = "zh-CN" if role == "anonymous" else "en-GB"
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
        context.set_default_timeout(30_000)
        page = context.new_page()
        if role != "anonymous":
            log_in(page, base_url, data["users"][role].username, PASSWORD)
            assert page.evaluate("document.documentElement.lang") == "en"
            switch_to_chinese(page)
        for name, address in to_check:
            status = open_page(page, base_url + address)
            if status is None:
                continue
            read[role] += 1
            if status >= 500:
                failures.append(f"{address} as {role}: status {status}")
                continue
            if page.evaluate("document.documentElement.lang") != "zh-hans":
                failures.append(f"{address} as {role}: <html lang> is not zh-hans")
            for kind, text in page.evaluate(TEXTS_JS, EVERYTHING):
                words = english_words(text, known)
                if words:
                    english.setdefault((kind, text[:90], tuple(words)), []).append(
                        f"{address} as {role}"
                    )
            if name in PHONE_PAGES and role in ("anonymous", "organiser"):
                page.set_viewport_size({"width": 375, "height": 900})
                scroll_width, width, culprit = page.evaluate(OVERFLOW_JS)
                if scroll_width > width:
                    failures.append(f"{address} as {role} at 375 px: {scroll_width} px ({culprit})")
                page.set_viewport_size({"width": 1280, "height": 900})
        context.close()
    # One line per English text, with where it shows (a header word would fill pages).
    for (kind, text, words), where in english.items():
        more = f" and {len(where) - 2} more" if len(where) > 2 else ""
        failures.append(f"{kind} {text!r} {list(words)}: {', '.join(where[:2])}{more}")
    return failures, read


def test_every_page_is_chinese_for_every_role(live_server, browser, transactional_db, encoder):  # noqa: F811
    data = build_data()
    # The attendee: an account with a registration (by its e-mail) and a starred talk.
    attendee = UserFactory(username="yusuf", email="yusuf@example.org")
    registration = Registration.objects.first()
    Registration.objects.filter(pk=registration.pk).update(email=attendee.email)
    FavouriteFactory(user=attendee, submission_id=data["pks"]["talks"])
    data["users"]["attendee"] = attendee

    to_check, _unfilled = pages(data)
    only = os.environ.get("ZH_PAGES")  # a regex of URL names: check only those (while fixing)
    if only:
        to_check = [(name, address) for name, address in to_check if re.search(only, name)]
    assert to_check
    failures, read = walk(browser, live_server.url, data, to_check)
    # The walk reached the pages (an organiser opens nearly all, a visitor the public ones).
    if not only:
        print(f"pages read per role (of {len(to_check)}): {read}")
        assert read["organiser"] > len(to_check) // 2, read
        assert min(read.values()) >= 10, read
    # Pages that no role opened are the layout test's to report (it fails on them): same data.
    assert failures == [], f"{len(failures)} problems:\n" + "\n".join(failures)


def test_form_errors_and_messages_are_chinese(live_server, browser, transactional_db):
    """What a page says back after a form is sent: Django's own field errors, ours, and the
    messages shown after a redirect."""
    data = build_data()
    known = data_strings()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(30_000)
    page = context.new_page()

    def english(selector: str) -> list[tuple[str, list[str]]]:
        found = [(t, english_words(t, known)) for t in page.locator(selector).all_inner_texts()]
        return [(t, w) for t, w in found if w]

    # A wrong password: the form's own error.
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong")
    page.locator("main form [type=submit]").click()
    assert page.locator(".errorlist li, .errornote, .error").count() > 0
    assert english(".errorlist li") == []

    # An empty submission: Django's "required" errors, in Chinese.
    log_in(page, live_server.url, data["users"]["speaker"].username, PASSWORD)
    page.goto(f"{live_server.url}/c/{data['conference'].slug}/submit/")
    page.eval_on_selector_all(
        "main form [required]", "els => els.forEach(e => e.removeAttribute('required'))"
    )
    page.locator("main form [type=submit]").first.click()
    errors = page.locator(".errorlist li").all_inner_texts()
    assert "该字段是必填项。" in errors
    assert english(".errorlist li") == []

    # A message after a redirect: the organiser saves the conference.
    context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server.url, data["users"]["organiser"].username, PASSWORD)
    page.goto(f"{live_server.url}/c/{data['conference'].slug}/setup/")
    page.locator("main form [type=submit]").first.click()
    assert page.locator(".messages li").all_inner_texts() == ["会议已保存。"]
    context.close()


def test_run_and_proposal_pages_are_chinese(live_server, browser, transactional_db, encoder):  # noqa: F811
    """The pages of an automatic draft schedule's run and of a reviewer-assignment proposal
    exist once somebody started one: the organiser does, through their forms, in Chinese; then
    every page that names a run, a proposal, a bid or a reviewer is read as the reviewer and
    the organiser."""
    data = build_data()
    base, slug = live_server.url, data["conference"].slug
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(60_000)
    page = context.new_page()
    log_in(page, base, data["users"]["organiser"].username, PASSWORD)
    page.goto(f"{base}/c/{slug}/schedule/solver/")
    page.fill("#id_time_limit_seconds", "10")
    page.click("form.solver-settings button[name=solve]")
    page.wait_for_load_state()
    page.goto(f"{base}/c/{slug}/review/assignment/")
    page.click("button.compute-proposal")
    page.wait_for_load_state()
    context.close()

    conference = data["conference"]
    run = apps.get_model("scheduling", "SolverRun").objects.filter(conference=conference).first()
    proposal = (
        apps.get_model("talks", "AssignmentProposal").objects.filter(conference=conference).first()
    )
    assert run is not None and proposal is not None
    data["pks"].update({"runs": run.pk, "assignment": proposal.pk, "bids": data["pks"]["talks"]})
    data["values"]["user_pk"] = data["users"]["reviewer"].pk
    to_check, _unfilled = pages(data)
    to_check = [
        (name, address)
        for name, address in to_check
        if re.search(r"solver|assignment|bid|reviewer_profile", name)
    ]
    failures, read = walk(browser, base, data, to_check, roles=("reviewer", "organiser"))
    assert read["organiser"] >= 6, read
    assert failures == [], f"{len(failures)} problems:\n" + "\n".join(failures)
