"""Layout against long text and small screens (issue 15, point 7): every HTML page of the app,
as each role, at 1,280 and 375 px wide, on data with a 200-character title and a 60-character
unbroken word, is no wider than the window; on the agenda, talk and speaker pages no two visible
boxes overlap.

The pages come from the URL patterns themselves (get_resolver), their arguments filled from the
data below, so a new page is checked without editing this test. Only what is not an HTML page
is skipped, each one named in SKIPPED with the reason. A page that no role can open fails the
test too (it would otherwise never be checked): give it data, or name it in SKIPPED.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from conference.account_email import confirmation_link
from conference.enums import Role
from conference.mail import queue_mail
from conference.models import Invitation
from conference.models.registration import hash_token, manage_token_for
from modeldemo.models import Job, ModelVersion
from scheduling import services as schedule_services
from scheduling.services.solver_runs import start_solver_run
from talks.models import CfpQuestion, LabelledExample, SpeakerInvitation
from talks.services.assignment import start_proposal
from tests.e2e.conftest import log_in
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    FavouriteFactory,
    MembershipFactory,
    PredictionFactory,
    QuestionFactory,
    RegistrationFactory,
    ReviewFactory,
    RoomAvailabilityFactory,
    RoomFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    TicketTypeFactory,
    TrackFactory,
    UserFactory,
)
from tests.scheduling.builders import at

pytestmark = pytest.mark.e2e

WIDTHS = (1280, 375)

# 60 letters, no break opportunity: what a URL, a German compound or a pasted hash looks like.
LONG_WORD = "Rindfleischetikettierungsueberwachungsaufgabenuebertragungsg"
TITLE = (
    f"{LONG_WORD}: serving large language models to millions of users on a budget, with "
    "quantisation, batching, caching and a great deal of patience, and what we learnt when "
    "it all went wrong in production"
)[:200]
ABSTRACT = f"We explain {LONG_WORD} and more. " * 8
SPEAKER_NAME = f"Dr {LONG_WORD[:40]}"  # the profile's name has 100 characters at most
LONG_TRACK = f"Natural language processing and {LONG_WORD}"

TEAM_TOKEN = "team-invitation-token-for-the-layout-test"
SPEAKER_TOKEN = "speaker-invitation-token-for-the-layout-test"
DATASET = "past-programmes"

# Everything that is not an HTML page, by URL name (a name ending in ":" is a whole namespace).
SKIPPED = {
    "api:": "the REST API answers JSON",
    "schema": "the OpenAPI schema (YAML)",
    "swagger-ui": "third-party API documentation",
    "redoc": "third-party API documentation",
    "admin:": "Django's admin, not our pages",
    "health": "JSON for load balancers",
    "logout": "POST only",
    "conference:outbox_resend": "POST only",
    "conference:outbox_held": "POST only",
    "email_change": "POST only",
    "email_change_cancel": "POST only",
    "email_confirm_send": "POST only",
    "modeldemo:auto_assign_target": "POST only",
    "talks:question_move": "POST only",
    "talks:submission_reviewers": "POST only",
    "talks:track_undo": "POST only",
    "talks:submissions_export_csv": "a CSV file",
    "talks:submissions_export_json": "a JSON file",
    "talks:submission_invite": "POST only",
    "talks:speaker_photo": "an image file",
    "talks:bulk_decide": "POST only",
    "talks:send_reminders": "POST only",
    "talks:submission_decide": "POST only",
    "talks:track_bulk_confirm": "POST only",
    "talks:track_decide": "POST only",
    "modeldemo:model_train": "POST only",
    "modeldemo:recategorise": "POST only",
    "modeldemo:model_activate_zeroshot": "POST only",
    "modeldemo:model_activate": "POST only",
    "modeldemo:model_chart": "a PNG chart",
    "modeldemo:job_status": "JSON for the jobs list's script",
    "modeldemo:walkthrough_step": "a fragment the walkthrough page puts into itself",
    "modeldemo:walkthrough_toy": "POST only",
    "setup:track_delete": "POST only",
    "setup:room_delete": "POST only",
    "setup:room_availability_add": "POST only",
    "setup:room_availability_delete": "POST only",
    "setup:ticket_type_delete": "POST only",
    "setup:question_delete": "POST only",
    "setup:member_remove": "POST only",
    "setup:invitation_revoke": "POST only",
    "registrations:confirm": "POST only",
    "registrations:cancel": "POST only",
    "registrations:change_name": "POST only",
    "registrations:ticket": "a PDF ticket",
    "registrations:attendee_export": "a CSV file",
    "registrations:check_in_one": "POST only",
    "scheduling:track_css": "a style sheet",
    "scheduling:stars_import": "POST only",
    "scheduling:feed_reset": "POST only",
    "scheduling:feed": "an iCal feed",
    "scheduling:my_talks_ics": "an iCal file",
    "scheduling:talk_ics": "an iCal file",
    "scheduling:release_talk_ics": "an iCal file",
    "scheduling:export": "iCal, XML and JSON exports",
    "scheduling:release_export": "iCal, XML and JSON exports",
    "scheduling:api_state": "the editor's JSON",
    "scheduling:api_items": "the editor's JSON",
    "scheduling:api_item": "the editor's JSON",
    "scheduling:api_silence": "the editor's JSON",
    "scheduling:item_unschedule": "POST only",
    "scheduling:item_silence": "POST only",
    "set_language": "POST only (the language switcher)",
    "talks:bid_conflict": "POST only",
    "talks:assignment_compute": "POST only",
    "talks:assignment_drop": "POST only",
    "talks:assignment_apply": "POST only",
    "talks:assignment_proposal_status": "JSON for the proposal page's script",
    "scheduling:solver_run_status": "JSON for the run page's script",
    "scheduling:solver_run_stop": "POST only",
    "scheduling:solver_run_apply": "POST only",
    "scheduling:solver_run_again": "POST only",
    "scheduling:solver_undo": "POST only",
    "javascript_catalog": "the JavaScript translation catalogue",
}

# More addresses of one page: its other views.
VARIANTS = {"scheduling:agenda": ["?view=list"], "scheduling:release_agenda": ["?view=list"]}

# Pages whose boxes must not overlap one another.
OVERLAP_PAGES = {
    "scheduling:agenda",
    "scheduling:release_agenda",
    "scheduling:talk",
    "scheduling:release_talk",
    "scheduling:speaker",
    "scheduling:release_speaker",
    "scheduling:my_agenda",
    "talks:conference_speakers",
}

ROLES = ("anonymous", "speaker", "reviewer", "organiser")


def build_data() -> dict:
    """A conference with the long texts everywhere a person can type them, a published
    schedule, and one of everything a page address names."""
    start = datetime.now(UTC).date() + timedelta(days=60)
    conference = ConferenceFactory(
        slug="long",
        name=f"AI developers' conference {LONG_WORD}",
        start_date=start,
        end_date=start + timedelta(days=1),
        venue=f"Hall {LONG_WORD}",
    )
    organiser = UserFactory(username="olga")
    reviewer = UserFactory(username="rita")
    speaker = SpeakerProfileFactory(
        user=UserFactory(username="sam"),
        name=SPEAKER_NAME,
        affiliation=f"Lab {LONG_WORD}",
        bio=f"Works on {LONG_WORD}.",
    ).user
    other = SpeakerProfileFactory(user=UserFactory(username="otto"), name="Otto").user
    MembershipFactory(conference=conference, user=organiser, role=Role.ORGANISER)
    MembershipFactory(conference=conference, user=reviewer, role=Role.REVIEWER)

    nlp = TrackFactory(conference=conference, name=LONG_TRACK, slug="nlp")
    vision = TrackFactory(conference=conference, name="Vision", slug="vision")
    hall = RoomFactory(conference=conference, name=f"Hall {LONG_WORD}", position=0)
    small = RoomFactory(conference=conference, name="Room B", position=1)
    # Two more rooms make the grid wider than a phone: it must scroll inside itself, and so
    # must what a talk in its last room holds (its star's hidden label once widened the page).
    RoomFactory(conference=conference, name="Room C", position=2)
    far = RoomFactory(conference=conference, name="Room D", position=3)
    window = RoomAvailabilityFactory(room=hall)
    tickets = TicketTypeFactory(conference=conference, name=f"Ticket {LONG_WORD}")
    TicketTypeFactory(conference=conference, name="Student")
    question = QuestionFactory(conference=conference, label=f"Diet? {LONG_WORD}")
    cfp_question = CfpQuestion.objects.create(
        conference=conference, text=f"Why {LONG_WORD}?", help_text=LONG_WORD
    )

    long_talk = SubmissionFactory(
        conference=conference,
        speaker=speaker,
        speakers=[other],
        title=TITLE,
        abstract=ABSTRACT,
        state="confirmed",
        track=nlp,
        level="beginner",
    )
    second = SubmissionFactory(
        conference=conference, speaker=other, title="Vision at scale", state="confirmed"
    )
    waiting = SubmissionFactory(
        conference=conference,
        speaker=speaker,
        title=f"Accepted, not placed: {LONG_WORD}",
        abstract=ABSTRACT,
        state="accepted",
        track=vision,
    )
    submitted = SubmissionFactory(
        conference=conference,
        speaker=speaker,
        title=f"Under review: {LONG_WORD} " + "and more words " * 8,
        abstract=ABSTRACT,
        state="submitted",
    )
    ReviewFactory(submission=submitted, reviewer=reviewer, comment=f"Fine. {LONG_WORD}")
    PredictionFactory(submission=submitted, track=nlp, confidence=0.4)

    day = conference.start_date
    item = schedule_services.create_item(
        conference=conference,
        room_id=hall.pk,
        submission_id=long_talk.pk,
        start=at(conference, day, 10),
        end=at(conference, day, 10, 30),
    )
    schedule_services.create_item(
        conference=conference,
        room_id=small.pk,
        submission_id=second.pk,
        start=at(conference, day, 10),
        end=at(conference, day, 11),
    )
    schedule_services.create_item(
        conference=conference,
        kind="break",
        title=f"Coffee {LONG_WORD}",
        room_id=None,
        start=at(conference, day, 11),
        end=at(conference, day, 11, 30),
    )
    # A second day of the speaker's: their page and My agenda have a day label per talk.
    workshop = SubmissionFactory(
        conference=conference,
        speaker=speaker,
        title=f"Workshop: {LONG_WORD}",
        format="workshop",
        duration=90,
        state="confirmed",
        track=vision,
    )
    next_day = day + timedelta(days=1)
    schedule_services.create_item(
        conference=conference,
        room_id=hall.pk,
        submission_id=workshop.pk,
        start=at(conference, next_day, 9),
        end=at(conference, next_day, 10, 30),
    )
    far_talk = SubmissionFactory(
        conference=conference, speaker=other, title="In the last room", state="confirmed"
    )
    schedule_services.create_item(
        conference=conference,
        room_id=far.pk,
        submission_id=far_talk.pk,
        start=at(conference, day, 10),
        end=at(conference, day, 10, 30),
    )
    release = schedule_services.publish_release(conference=conference, comment=LONG_WORD)
    for user in (speaker, reviewer, organiser):
        for talk in (long_talk, second, workshop):
            FavouriteFactory(user=user, submission=talk)

    registration = RegistrationFactory(ticket_type=tickets, name=f"Ann {LONG_WORD}")
    Invitation.objects.create(
        conference=conference,
        email="new@example.org",
        role=Role.REVIEWER,
        token_hash=hash_token(TEAM_TOKEN),
        invited_by=organiser,
    )
    SpeakerInvitation.objects.create(
        submission=long_talk, email="co@example.org", token=SPEAKER_TOKEN, invited_by=speaker
    )
    queue_mail(
        to="sam@example.org",
        subject=TITLE,
        body=ABSTRACT,
        conference=conference,
        kind="talks.accepted",
    )
    version = ModelVersion.objects.create(
        conference=conference,
        kind="mlp",
        labels=[nlp.name, vision.name],
        status="ready",
        metrics={"accuracy": 0.5, "macro_f1": 0.4},
    )
    job = Job.objects.create(conference=conference, kind="train", model_version=version)
    for label in (f"old-{LONG_WORD}", "vision"):
        LabelledExample.objects.create(
            text=f"A past talk about {label}.",
            label=label,
            source="import",
            dataset=DATASET,
        )
    decision = _decision(conference=conference, user=organiser, submission=submitted)
    # An automatic draft and a reviewer-assignment proposal, computed (tasks run eagerly).
    run = start_solver_run(conference=conference, user=organiser)
    proposal = start_proposal(conference=conference, by=organiser)
    return {
        "conference": conference,
        "users": {"speaker": speaker, "reviewer": reviewer, "organiser": organiser},
        # The object a segment before <pk> names, by that segment.
        "pks": {
            "submissions": long_talk.pk,
            "talks": long_talk.pk,
            "speakers": speaker.pk,
            "items": item.pk,
            "tracks": nlp.pk,
            "rooms": hall.pk,
            "tickets": tickets.pk,
            "questions": question.pk,
            "cfp/questions": cfp_question.pk,
            "models": version.pk,
            "jobs": job.pk,
            "check-in": registration.pk,
            "availability": window.pk,
            "decisions": decision.pk if decision else None,
            "runs": run.pk,
            "assignment": proposal.pk,
        },
        "values": {
            "slug": conference.slug,
            "version": release.version,
            "action": "withdraw",
            "dataset": DATASET,
            "submission": waiting.pk,
            "submission_pk": submitted.pk,
            "user_pk": reviewer.pk,
            "uidb64": urlsafe_base64_encode(force_bytes(speaker.pk)),
        },
        "tokens": {
            "talks:invitation_accept": SPEAKER_TOKEN,
            "setup:invitation": TEAM_TOKEN,
            "registrations:manage": manage_token_for(registration.token_nonce),
            "email_confirm": confirmation_link(user=speaker, email=speaker.email).split("/")[-2],
            "password_reset_confirm": default_token_generator.make_token(speaker),
        },
    }


def _decision(*, conference, user, submission):
    """A bulk decision for the decision log's pages, where the app has them."""
    try:
        decision_model = apps.get_model("talks", "Decision")
    except LookupError:
        return None
    decision = decision_model.objects.create(
        conference=conference, actor=user, kind="state", description=TITLE, count=1
    )
    decision.items.create(submission=submission, previous_state="submitted", new_state="accepted")
    return decision


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name, route) of every pattern, routes joined from their includes."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from url_patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern)


def is_skipped(name: str) -> bool:
    return name in SKIPPED or any(name.startswith(key) for key in SKIPPED if key.endswith(":"))


ARGUMENT = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def fill(name: str, route: str, data: dict) -> str:
    """The address of `route` with its arguments taken from `data`; a <pk> is the object the
    segment before it names (submissions/<pk>/ is the long talk, rooms/<pk>/ a room, ...)."""

    def value(match):
        argument = match.group("name")
        if argument in {"pk", "window_pk"}:
            segments = route[: match.start()].rstrip("/").split("/")
            # The two segments before it where they name something (cfp/questions), else one.
            before = "/".join(segments[-2:])
            if before not in data["pks"]:
                before = segments[-1]
            if argument == "window_pk":
                before = "availability"
            if before not in data["pks"]:
                raise LookupError(f"{name}: no object for the <pk> after {before}/")
            return str(data["pks"][before])
        if argument == "token":
            # A link nobody sent is a 404 (or an error page): the page then counts as unopened.
            return data["tokens"].get(name, "no-such-token")
        if argument not in data["values"]:
            raise LookupError(f"{name}: no value for <{argument}>")
        return str(data["values"][argument])

    return "/" + ARGUMENT.sub(value, route)


def pages(data: dict) -> tuple[list[tuple[str, str]], list[str]]:
    """(name, address) of every page to check, and the pages whose address cannot be filled."""
    found, unfilled = [], []
    for name, route in url_patterns():
        if is_skipped(name):
            continue
        try:
            address = fill(name, route, data)
        except LookupError as error:
            unfilled.append(str(error))
            continue
        found.append((name, address))
        found.extend((name, address + query) for query in VARIANTS.get(name, []))
    return found, unfilled


# How a failure names an element: tag, classes and the start of its text.
DESCRIBE_JS = """const describe = (el) => {
    const classes = typeof el.className === 'string' ? el.className.trim().split(/\\s+/) : [];
    const text = (el.textContent || '').trim().slice(0, 30);
    return [el.tagName.toLowerCase(), ...classes.filter(Boolean)].join('.') + ' "' + text + '"';
  };"""

# The page's width against the window's, and the innermost element that reaches past the
# window's right edge (what to fix); what scrolls inside its own scroller does not count.
OVERFLOW_JS = (
    "() => {"
    + DESCRIBE_JS
    + """
  const width = window.innerWidth;
  let culprit = '';
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    const right = Math.max(box.right, box.left + el.scrollWidth);  // text that spills over
    if (right > width + 1 && !el.parentElement.closest('.grid-scroll, .table-scroll')) {
      culprit = describe(el);
    }
  }
  return [document.documentElement.scrollWidth, width, culprit];
}"""
)

# Boxes on the page that are laid out as blocks, visible, and neither inside the other: any two
# of them that cross (by more than a pixel each way) overlap on the screen.
OVERLAP_JS = (
    "() => {"
    + DESCRIBE_JS
    + """
  const boxes = [];
  for (const el of document.querySelectorAll('main *')) {
    const style = getComputedStyle(el);
    if (style.display.startsWith('inline') || style.display === 'contents') continue;
    // A cell that spans rows crosses the rows below it: rows are not boxes people see.
    if (style.display.startsWith('table-') && style.display !== 'table-cell') continue;
    if (style.visibility !== 'visible') continue;
    if (style.position === 'absolute' || style.position === 'fixed') continue;
    if (el.closest('[hidden], .visually-hidden, details:not([open]) > :not(summary)')) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    boxes.push([el, r]);
  }
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    const [a, ra] = boxes[i];
    for (let j = i + 1; j < boxes.length; j++) {
      const [b, rb] = boxes[j];
      if (a.contains(b) || b.contains(a)) continue;
      const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (x > 1 && y > 1) found.push(describe(a) + ' × ' + describe(b));
      if (found.length > 3) return found;
    }
  }
  return found;
}"""
)


def check_page(page, url: str, overlap: bool, shots: str = "") -> tuple[bool, list[str]]:
    """Whether the page opened for this role, and what is wrong with it at each width.

    Asked first without the browser (the context's cookies, redirects not followed): only a
    page that answers 200 with HTML, or redirects anywhere but the log-in page, is loaded and
    measured (where it lands). An error answer would make Chromium show its own error page,
    which then interrupts the next navigation. With `shots` (a file name prefix) each width's
    screenshot is saved, to look at.
    """
    answer = page.context.request.get(url, max_redirects=0)
    status, kind = answer.status, answer.headers.get("content-type", "")
    location = answer.headers.get("location", "")
    answer.dispose()
    if status >= 500:
        return False, [f"status {status}"]
    if 300 <= status < 400:
        if "/accounts/login/" in location:
            return False, []
    elif status != 200 or "text/html" not in kind:
        return False, []
    page.goto(url)
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        scroll_width, inner_width, culprit = page.evaluate(OVERFLOW_JS)
        if scroll_width > inner_width:
            problems.append(f"{width} px: {scroll_width} px wide ({culprit})")
        if overlap:
            problems.extend(f"{width} px: overlap {pair}" for pair in page.evaluate(OVERLAP_JS))
        if shots:
            page.screenshot(path=f"{shots}-{width}.png", full_page=True)
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    return True, problems


@pytest.fixture
def encoder(monkeypatch):
    """The mapping page proposes tracks with word overlap instead of loading MiniLM."""
    from modeldemo.bert import encoder as bert_encoder
    from tests.modeldemo.test_mapping import WordEncoder

    monkeypatch.setattr(bert_encoder, "get_encoder", lambda *args, **kwargs: WordEncoder())


def test_no_page_is_wider_than_the_window_and_no_boxes_overlap(
    live_server, browser, transactional_db, encoder
):
    data = build_data()
    to_check, failures = pages(data)
    # LAYOUT_SHOTS=<folder>: save a screenshot of every page checked; LAYOUT_PAGES=<regex>:
    # check only the pages whose URL name it finds (while fixing one).
    shots = os.environ.get("LAYOUT_SHOTS", "")
    only = os.environ.get("LAYOUT_PAGES")
    if only:
        to_check = [(name, address) for name, address in to_check if re.search(only, name)]
    assert to_check, "no page to check"
    opened = set()
    for role in ROLES:
        context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
        context.set_default_timeout(30_000)
        page = context.new_page()
        if role != "anonymous":
            log_in(page, live_server.url, data["users"][role].username, PASSWORD)
        for name, address in to_check:
            opened_it, problems = check_page(
                page,
                live_server.url + address,
                overlap=name in OVERLAP_PAGES,
                shots=shots and f"{shots}/{role}{re.sub(r'[^a-z0-9]+', '-', address)}",
            )
            if opened_it:
                opened.add(name)
            failures.extend(f"{address} as {role}: {problem}" for problem in problems)
        context.close()
    never = sorted({name for name, _address in to_check} - opened)
    failures += [
        f"{name}: no role could open it (give it data, or name it in SKIPPED)" for name in never
    ]
    assert failures == [], "\n".join(failures)


def test_the_checks_see_a_wide_page_and_overlapping_boxes(page):
    page.set_viewport_size({"width": 375, "height": 900})
    page.set_content(
        "<main><div class='card'>One</div><div class='card' style='margin-top:-1em'>Two</div>"
        f"<p class='wide'>{LONG_WORD * 2}</p></main>"
    )
    assert page.evaluate(OVERFLOW_JS)[1:] == [375, 'p.wide "' + LONG_WORD[:30] + '"']
    assert page.evaluate(OVERFLOW_JS)[0] > 375
    assert page.evaluate(OVERLAP_JS) == ['div.card "One" × div.card "Two"']
