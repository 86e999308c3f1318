"""The team's search on PostgreSQL (talks.search): full-text and trigram indexes, with the same
rows as the substring test for the words of a bench-like call for papers.

Run with DATABASE_URL=postgres://...; on SQLite only the substring path exists (the tests
that need PostgreSQL are skipped, the others run on both).
"""

import pytest
from django.db import connection
from django.db.models import Q

from conference.text import fold
from talks.models import Submission
from talks.search import is_plain_word, searched_submissions, word_query
from tests.factories import ConferenceFactory, SpeakerProfileFactory, SubmissionFactory, UserFactory

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the indexes exist on PostgreSQL only"
)


def _old_search(qs, *, search: str, names: bool):
    """The search before issue 20, kept here as the reference: a substring per folded word."""
    for word in fold(search).split():
        found = Q(search_text__contains=word)
        if names:
            found |= Q(search_names__contains=word)
        qs = qs.filter(found)
    return qs


@pytest.fixture
def bench_like(conference):
    """bench/web.py's call for papers in small: every 7th speaker a "Jürgen Müller", the others
    "Speaker n 王"; plus a Chinese talk, a José and a talk in another conference."""
    for n in range(30):
        user = UserFactory(username=f"s{n}")
        SpeakerProfileFactory(
            user=user, name=f"Jürgen Müller {n}" if n % 7 == 0 else f"Speaker {n} 王"
        )
        SubmissionFactory(
            conference=conference,
            speaker=user,
            title=f"Talk {n}: serving large models <fast> & cheap",
            abstract="An abstract about the talk, long enough to be realistic. " * 3,
        )
    SubmissionFactory(
        conference=conference,
        speaker=SpeakerProfileFactory(name="José García").user,
        title="大模型推理加速",
        abstract="在生产环境中部署大语言模型。 Tokenisers for Chinese.",
    )
    SubmissionFactory(conference=ConferenceFactory(slug="other"), title="Other conference talk")
    return conference


def _titles(qs) -> list[str]:
    return sorted(qs.values_list("title", flat=True))


def _search(conference, query: str, *, names: bool = True) -> list[str]:
    qs = Submission.objects.sent_in().filter(conference=conference)
    return _titles(searched_submissions(qs, conference=conference, search=query, names=names))


@pytest.mark.parametrize("names", [True, False])
def test_plain_words_find_what_the_substring_search_found(bench_like, names):
    qs = Submission.objects.sent_in().filter(conference=bench_like)
    vocabulary = {
        word
        for text, people in qs.values_list("search_text", "search_names")
        for word in f"{text} {people}".replace(":", " ").replace(".", " ").split()
        if is_plain_word(word)
    }
    assert {"serving", "abstract", "muller", "jurgen", "speaker", "tokenisers"} <= vocabulary

    for word in sorted(vocabulary):
        new = _search(bench_like, word, names=names)
        old = _titles(_old_search(qs, search=word, names=names))
        assert (word, new) == (word, old)
    assert _search(bench_like, "Jürgen MÜLLER serving", names=names) == _titles(
        _old_search(qs, search="jurgen muller serving", names=names)
    )


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("MÜLLER", [f"Talk {n}: serving large models <fast> & cheap" for n in (0, 14, 21, 28, 7)]),
        ("müll", [f"Talk {n}: serving large models <fast> & cheap" for n in (0, 14, 21, 28, 7)]),
        ("uller", [f"Talk {n}: serving large models <fast> & cheap" for n in (0, 14, 21, 28, 7)]),
        ("jose", ["大模型推理加速"]),
        ("garcia tokenisers", ["大模型推理加速"]),
        ("模型", ["大模型推理加速"]),
        ("语言模型", ["大模型推理加速"]),
        ("王 talk 13", ["Talk 13: serving large models <fast> & cheap"]),
        ("conference", []),  # another conference's word
        ("nowhere", []),
        ("x" * 3000, []),  # longer than a tsquery takes: looked for as a substring
    ],
)
def test_search_folds_finds_fragments_and_chinese(bench_like, query, titles):
    assert _search(bench_like, query) == sorted(titles)


def test_names_are_not_searched_without_leave(bench_like):
    assert _search(bench_like, "muller", names=False) == []
    assert _search(bench_like, "garcia", names=False) == []


@on_postgres
def test_postgres_can_answer_each_word_from_an_index(bench_like):
    with connection.cursor() as cursor:
        # The table is tiny: without this the planner would rightly scan it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plans = [
            Submission.objects.filter(search_document=word_query("muller", names=True)).explain(),
            Submission.objects.filter(search_text__contains="语言模型").explain(),
            Submission.objects.filter(search_names__contains="uller").explain(),
        ]

    assert "talks_submission_search_fts" in plans[0]
    assert "talks_submission_search_text_trgm" in plans[1]
    assert "talks_submission_search_names_trgm" in plans[2]


@on_postgres
def test_postgres_trigger_keeps_the_document(bench_like, speaker):
    submission = SubmissionFactory(conference=bench_like, speaker=speaker, title="Quantisation")
    assert _search(bench_like, "quantisation") == ["Quantisation"]

    Submission.objects.filter(pk=submission.pk).update(search_text="pruning")  # as bulk_update
    submission.refresh_from_db()
    submission.save()  # a save sends the stale vector back: the trigger writes the right one

    assert _search(bench_like, "quantisation") == []
    assert _search(bench_like, "pruning") == ["Quantisation"]


@on_postgres
def test_postgres_search_is_one_query(bench_like, django_assert_num_queries):
    qs = Submission.objects.sent_in().filter(conference=bench_like)
    with django_assert_num_queries(1):
        found = list(
            searched_submissions(qs, conference=bench_like, search="uller talk", names=True)
        )
    assert len(found) == 5
