"""The team's lists at 300+ submissions: pages, search, filters in the URL, bulk steps, ids."""

import re
from collections import Counter

import pytest
from django.core import mail
from django.urls import reverse

from conference.models import OutboxMail
from talks import selectors, services
from talks.models import Decision, Submission
from tests.factories import (
    CfpSettingsFactory,
    ReviewFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    UserFactory,
)


def _review_url(conference):
    return reverse("talks:review_list", args=[conference.slug])


def _queue_url(conference):
    return reverse("talks:track_review_queue", args=[conference.slug])


def _duplicate_ids(body: str) -> list[str]:
    counts = Counter(re.findall(r'\bid="([^"]+)"', body))
    return sorted(name for name, count in counts.items() if count > 1)


# --- pages ---------------------------------------------------------------------------------------


def test_review_list_pages_by_fifty_and_keeps_the_filters(client, organiser, conference):
    for n in range(55):
        SubmissionFactory(conference=conference, title=f"Talk {n:02d}")
    SubmissionFactory(conference=conference, title="Rejected one", state="rejected")
    client.force_login(organiser)

    first = client.get(_review_url(conference), {"state": "submitted", "sort": "title"})
    second = client.get(
        _review_url(conference), {"state": "submitted", "sort": "title", "page": "2"}
    )

    assert [s.title for s in first.context["submissions"]][:2] == ["Talk 00", "Talk 01"]
    assert len(first.context["submissions"]) == 50
    assert [s.title for s in second.context["submissions"]] == [f"Talk {n}" for n in range(50, 55)]
    body = first.content.decode()
    assert "55 submissions match · showing 1–50" in body
    assert 'href="?state=submitted&amp;sort=title&amp;page=2" rel="next"' in body
    assert "Page 1 of 2" in body
    assert '<input type="hidden" name="filters" value="state=submitted&amp;sort=title">' in body


def test_review_list_page_out_of_range_shows_the_last(client, organiser, conference):
    SubmissionFactory.create_batch(3, conference=conference)
    client.force_login(organiser)

    response = client.get(_review_url(conference), {"page": "9"})

    assert response.context["page"].number == 1
    assert len(response.context["submissions"]) == 3


def test_review_list_median_sort_pages_in_median_order(conference, organiser):
    scores = {"Low": [1, 1], "High": [5, 4, 5], "Middle": [3], "None": []}
    for title, values in scores.items():
        submission = SubmissionFactory(conference=conference, title=title)
        for value in values:
            ReviewFactory(submission=submission, score=value)

    first = selectors.review_list_page(
        conference=conference, user=organiser, sort="median", per_page=2
    )
    second = selectors.review_list_page(
        conference=conference, user=organiser, sort="median", per_page=2, page=2
    )

    assert [s.title for s in first.object_list] == ["High", "Middle"]
    assert [s.title for s in second.object_list] == ["Low", "None"]
    assert [s.median_score for s in first.object_list] == [5, 3]
    assert first.paginator.count == 4


def test_queue_pages_with_undecided_first(client, organiser, conference, tracks):
    decided = SubmissionFactory(
        conference=conference,
        title="Decided, unsure",
        suggested_track=tracks[0],
        suggested_confidence=0.1,
        track=tracks[1],
        track_source="override",
    )
    for n in range(50):
        SubmissionFactory(
            conference=conference,
            title=f"Open {n:02d}",
            suggested_track=tracks[0],
            suggested_confidence=0.2 + n / 100,
        )
    client.force_login(organiser)

    first = client.get(_queue_url(conference))
    second = client.get(_queue_url(conference), {"page": "2"})

    titles = [s.title for s in first.context["submissions"]]
    assert titles[0] == "Open 00" and titles[-1] == "Open 49" and len(titles) == 50
    assert list(second.context["submissions"]) == [decided]
    assert "51 submissions match · showing 1–50" in first.content.decode()


# --- search ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["muller", "MÜLLER", "Muller", "müll", "jurgen muller", "ＭＵＬＬＥＲ"]
)
def test_review_list_search_ignores_case_and_accents(client, organiser, conference, query):
    SubmissionFactory(conference=conference, title="Jürgen Müller on tokenisers")
    SubmissionFactory(conference=conference, title="Something else")
    client.force_login(organiser)

    response = client.get(_review_url(conference), {"q": query})

    assert [s.title for s in response.context["submissions"]] == ["Jürgen Müller on tokenisers"]


def test_search_finds_abstracts_and_speaker_names(client, organiser, conference):
    speaker = UserFactory(username="jm")
    SpeakerProfileFactory(user=speaker, name="Zoë Ångström")
    SubmissionFactory(conference=conference, speaker=speaker, title="By name")
    SubmissionFactory(conference=conference, title="By abstract", abstract="Pruning with Ångström")
    SubmissionFactory(conference=conference, title="Neither")
    services.refresh_search_text(submission_ids=Submission.objects.values_list("pk", flat=True))
    client.force_login(organiser)

    by_name = client.get(_review_url(conference), {"q": "zoe", "sort": "title"})
    both = client.get(_review_url(conference), {"q": "angstrom", "sort": "title"})
    every_word = client.get(_review_url(conference), {"q": "angstrom pruning"})

    assert [s.title for s in by_name.context["submissions"]] == ["By name"]
    assert [s.title for s in both.context["submissions"]] == ["By abstract", "By name"]
    assert [s.title for s in every_word.context["submissions"]] == ["By abstract"]


def test_anonymised_review_searches_no_speaker_names(client, reviewer, organiser, conference):
    CfpSettingsFactory(conference=conference, anonymised_review=True)
    speaker = UserFactory(username="hidden")
    SpeakerProfileFactory(user=speaker, name="Hidden Person")
    SubmissionFactory(conference=conference, speaker=speaker, title="Anonymous talk")
    services.refresh_search_text(submission_ids=Submission.objects.values_list("pk", flat=True))

    client.force_login(reviewer)
    assert list(client.get(_review_url(conference), {"q": "hidden"}).context["submissions"]) == []
    client.force_login(organiser)
    found = client.get(_review_url(conference), {"q": "hidden"}).context["submissions"]
    assert [s.title for s in found] == ["Anonymous talk"]


def test_queue_search_with_other_filters(client, organiser, conference, tracks):
    SubmissionFactory(
        conference=conference,
        title="Müller: speech",
        suggested_track=tracks[2],
        suggested_confidence=0.4,
    )
    SubmissionFactory(
        conference=conference,
        title="Müller: nlp",
        suggested_track=tracks[0],
        suggested_confidence=0.4,
    )
    SubmissionFactory(conference=conference, title="Other", suggested_track=tracks[2])
    client.force_login(organiser)

    response = client.get(_queue_url(conference), {"q": "muller", "track": tracks[2].pk})

    assert [s.title for s in response.context["submissions"]] == ["Müller: speech"]
    body = response.content.decode()
    assert 'id="filter-q"' in body and 'value="muller"' in body


def test_services_keep_the_search_text(conference, speaker, other_speaker):
    submission = services.create_submission(
        conference=conference,
        speaker=speaker,
        title="Café culture",
        abstract="Über alles.",
        format="talk",
        duration=30,
    )
    submission.refresh_from_db()
    assert (submission.search_text, submission.search_names) == (
        "cafe culture uber alles.",
        "speaker",
    )

    services.update_submission(submission=submission, user=speaker, title="Crème brûlée")
    services.update_speaker_profile(user=speaker, name="Søren Kierkegaard")
    invitation = services.invite_co_speaker(
        submission=submission, email=other_speaker.email, user=speaker
    )
    services.accept_invitation(token=invitation.token, user=other_speaker)

    submission.refresh_from_db()
    assert submission.search_text == "creme brulee uber alles."
    assert submission.search_names == "søren kierkegaard other"


# --- the queue's rows ---------------------------------------------------------------------------


def test_queue_override_menu_starts_at_the_suggestion(client, organiser, conference, tracks):
    undecided = SubmissionFactory(
        conference=conference, suggested_track=tracks[1], suggested_confidence=0.5
    )
    decided = SubmissionFactory(
        conference=conference,
        suggested_track=tracks[1],
        suggested_confidence=0.5,
        track=tracks[2],
        track_source="override",
    )
    unsuggested = SubmissionFactory(conference=conference)
    client.force_login(organiser)

    body = client.get(_queue_url(conference)).content.decode()

    def selected(submission):
        menu = re.search(
            rf'<select name="track" id="track-{submission.pk}".*?</select>', body, re.S
        )
        return re.findall(r'<option value="(\d*)"[^>]* selected>', menu.group(0))

    assert selected(undecided) == [str(tracks[1].pk)]
    assert selected(decided) == [str(tracks[2].pk)]
    assert selected(unsuggested) == [""]


def test_queue_set_without_a_track_files_nothing(client, organiser, conference, tracks):
    submission = SubmissionFactory(conference=conference)
    client.force_login(organiser)

    response = client.post(
        reverse("talks:track_decide", args=[conference.slug, submission.pk]),
        {"track": "", "filters": "q=x&page=2"},
    )

    assert response["Location"] == f"{_queue_url(conference)}?q=x&page=2"
    assert Submission.objects.get().track is None


def test_queue_decided_rows_offer_undo_not_confirm(client, organiser, conference, tracks):
    corrected = SubmissionFactory(
        conference=conference,
        suggested_track=tracks[0],
        suggested_confidence=0.5,
        track=tracks[1],
        track_source="override",
    )
    auto = SubmissionFactory(
        conference=conference,
        suggested_track=tracks[0],
        suggested_confidence=0.9,
        track=tracks[0],
        track_source="auto",
    )
    client.force_login(organiser)

    body = client.get(_queue_url(conference)).content.decode()

    def row(submission):
        return re.search(rf'<tr data-submission="{submission.pk}".*?</tr>', body, re.S).group(0)

    assert 'class="undo secondary"' in row(corrected)
    assert 'class="confirm"' not in row(corrected)
    assert ">Change</button>" in row(corrected)
    assert 'class="confirm"' in row(auto)
    assert 'class="undo' not in row(auto)
    assert ">Set</button>" in row(auto)


# --- the '?' ------------------------------------------------------------------------------------


def test_review_list_explains_the_question_mark(client, reviewer, conference, tracks):
    SubmissionFactory(conference=conference, suggested_track=tracks[0], suggested_confidence=0.62)
    client.force_login(reviewer)

    body = client.get(_review_url(conference)).content.decode()

    assert (
        'data-tip="Suggested by the model, not yet confirmed by a person (62% confident)">'
        'NLP<span aria-hidden="true">?</span>'
    ) in body
    assert '<span class="visually-hidden"> (suggested, 62% confident)</span>' in body
    assert "was suggested by the model and is not yet confirmed by a person" in body


# --- ids ----------------------------------------------------------------------------------------


def test_element_ids_are_unique(client, organiser, conference, tracks):
    for _n in range(3):
        SubmissionFactory(
            conference=conference, suggested_track=tracks[0], suggested_confidence=0.5
        )
    client.force_login(organiser)

    for url in (_review_url(conference), _queue_url(conference)):
        body = client.get(url).content.decode()
        assert _duplicate_ids(body) == [], url
    queue = client.get(_queue_url(conference)).content.decode()
    assert 'id="filter-track"' in queue and 'id="bulk-track"' in queue
    assert 'id="filter-min_confidence"' in queue and 'id="bulk-min_confidence"' in queue


# --- query guard: constant per page -------------------------------------------------------------


def _rows(conference, tracks, count):
    for n in range(count):
        user = UserFactory()
        SpeakerProfileFactory(user=user)
        submission = SubmissionFactory(
            conference=conference,
            speaker=user,
            title=f"Müller {n}",
            suggested_track=tracks[n % 3],
            suggested_confidence=0.5,
        )
        ReviewFactory(submission=submission, score=3)


@pytest.mark.parametrize("count", [1, 30])
def test_review_list_searched_query_count(
    client, organiser, conference, tracks, count, django_assert_num_queries
):
    _rows(conference, tracks, count)
    client.force_login(organiser)

    # session, user, conference, membership, tracks, count, page (annotated), reviews, speakers
    # with profiles, near-duplicates
    with django_assert_num_queries(10):
        response = client.get(_review_url(conference), {"q": "muller", "state": "submitted"})

    assert len(response.context["submissions"]) == count


@pytest.mark.parametrize("count", [1, 30])
def test_queue_searched_query_count(
    client, organiser, conference, tracks, count, django_assert_num_queries
):
    _rows(conference, tracks, count)
    client.force_login(organiser)

    # session, user, conference, membership, tracks, CfP settings, count, page (joined, with the
    # latest prediction's top 3)
    with django_assert_num_queries(8):
        response = client.get(_queue_url(conference), {"q": "muller", "decision": "pending"})

    assert len(response.context["submissions"]) == count


# --- bulk decisions: count first, mails held -----------------------------------------------------


def test_bulk_decide_first_says_how_many_and_changes_nothing(client, organiser, conference):
    ticked = SubmissionFactory.create_batch(2, conference=conference)
    confirmed = SubmissionFactory(conference=conference, title="Done", state="confirmed")
    client.force_login(organiser)

    response = client.post(
        reverse("talks:bulk_decide", args=[conference.slug]),
        {"submissions": [s.pk for s in [*ticked, confirmed]], "action": "accepted"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Accept 2 submissions?</h1>" in body
    assert "This touches 2 submissions." in body
    assert "Their 2 e-mails to the speakers wait in the outbox until you release them." in body
    assert "1 ticked submission is left out: its state does not allow it." in body
    ids = ",".join(str(s.pk) for s in ticked)
    assert f'<input type="hidden" name="ids" value="{ids}">' in body
    assert set(Submission.objects.values_list("state", flat=True)) == {"submitted", "confirmed"}
    assert OutboxMail.objects.count() == 0


def test_bulk_decide_confirmed_holds_the_mails(
    client, organiser, conference, django_capture_on_commit_callbacks
):
    ticked = SubmissionFactory.create_batch(2, conference=conference)
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("talks:bulk_decide", args=[conference.slug]),
            {
                "ids": ",".join(str(s.pk) for s in ticked),
                "action": "rejected",
                "confirm": "1",
                "filters": "q=x",
            },
            follow=True,
        )

    assert [str(m) for m in response.context["messages"]] == [
        "2 submissions are now rejected.",
        "Their e-mails wait in the outbox until you release them; the decision log can undo "
        "the decision.",
    ]
    assert response.redirect_chain[0][0] == f"{_review_url(conference)}?q=x"
    assert set(Submission.objects.values_list("state", flat=True)) == {"rejected"}
    assert (
        sorted(OutboxMail.objects.values_list("status", "held_reason", "kind"))
        == [("held", "bulk decision", "cfp.rejected")] * 2
    )
    assert mail.outbox == []
    decision = Decision.objects.get()
    assert (decision.kind, decision.description, decision.count, decision.bulk) == (
        "state",
        "Rejected",
        2,
        True,
    )


def test_bulk_decide_select_all_matching_counts_every_page(client, organiser, conference):
    for n in range(60):
        SubmissionFactory(conference=conference, title=f"Müller {n}")
    SubmissionFactory(conference=conference, title="Other")
    client.force_login(organiser)

    response = client.post(
        reverse("talks:bulk_decide", args=[conference.slug]),
        {"select_all": "on", "filters": "q=muller&page=2", "action": "accepted"},
    )

    assert "<h1>Accept 60 submissions?</h1>" in response.content.decode()
    assert "and 40 more" in response.content.decode()


def test_review_list_bulk_bar_offers_all_matching(client, organiser, conference):
    SubmissionFactory.create_batch(3, conference=conference)
    client.force_login(organiser)

    body = client.get(_review_url(conference)).content.decode()

    assert "Select all 3 submissions matching the filters" in body
    bar = body.index('class="bulk-bar"')
    assert bar < body.index('<table class="table review-list">')


def test_track_bulk_confirm_first_says_how_many(client, organiser, conference, tracks):
    high = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.9
    )
    SubmissionFactory(conference=conference, suggested_track=tracks[0], suggested_confidence=0.5)
    client.force_login(organiser)

    response = client.post(
        reverse("talks:track_bulk_confirm", args=[conference.slug]), {"min_confidence": "80"}
    )

    body = response.content.decode()
    assert "<h1>Confirm 1 suggested tracks?</h1>" in body
    assert f'{high.title} <span class="muted">· NLP · 90%</span>' in body
    assert f'<input type="hidden" name="ids" value="{high.pk}">' in body
    assert not Submission.objects.exclude(track=None).exists()


def test_track_bulk_confirm_leaves_out_what_was_decided_meanwhile(
    client, organiser, reviewer, conference, tracks
):
    first, second = SubmissionFactory.create_batch(
        2, conference=conference, suggested_track=tracks[0], suggested_confidence=0.9
    )
    client.force_login(organiser)
    services.set_submission_track(submission=second, track=tracks[1], user=reviewer)

    response = client.post(
        reverse("talks:track_bulk_confirm", args=[conference.slug]),
        {"min_confidence": "80", "ids": f"{first.pk},{second.pk}", "confirm": "1"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "1 suggestions at or above 80% are confirmed.",
        "1 were decided meanwhile and left as they are.",
    ]
    assert sorted(Submission.objects.values_list("track_source", flat=True)) == [
        "bulk",
        "override",
    ]


def test_review_list_filters_what_is_assigned_to_me(client, reviewer, organiser, conference):
    from talks.models import ReviewAssignment

    mine_done, mine_todo, others = (
        SubmissionFactory(conference=conference, title=title)
        for title in ("Mine, reviewed", "Mine, to do", "Somebody else's")
    )
    for submission in (mine_done, mine_todo):
        ReviewAssignment.objects.create(
            submission=submission, reviewer=reviewer, assigned_by=organiser
        )
    ReviewAssignment.objects.create(submission=others, reviewer=organiser, assigned_by=organiser)
    ReviewFactory(submission=mine_done, reviewer=reviewer, score=4)
    client.force_login(reviewer)

    def titles(assigned):
        response = client.get(_review_url(conference), {"assigned": assigned, "sort": "title"})
        return [s.title for s in response.context["submissions"]]

    assert titles("me") == ["Mine, reviewed", "Mine, to do"]
    assert titles("me_todo") == ["Mine, to do"]
    assert titles("") == ["Mine, reviewed", "Mine, to do", "Somebody else's"]
