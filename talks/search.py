"""The team's search over submissions: every word of a query, folded (conference.text.fold: case
and accents ignored), in the folded title and abstract (`search_text`) or, when the viewer may
see them, in the speakers' names (`search_names`).

Everywhere a word matches as a substring of those columns (SQLite: a `LIKE` that scans). On
PostgreSQL two kinds of GIN index (talks migration 0016) answer instead:

- a full-text index over both columns (`search_document`, kept by a trigger: the 'simple'
  configuration, names weighted B) finds a plain word (letters only) as a whole word or a
  word's beginning ('mull' finds "Müller");
- trigram indexes on each column find everything else as a substring: Chinese (no spaces
  between words, so the full-text parser sees a whole sentence as one word), words with digits
  or signs ('gpt4', 'c++'), and a plain word that begins no word of the conference's
  submissions at all, so a fragment ('uller') still finds what it found before.

So a plain word that begins some word is not looked for inside other words ('net' finds
"network", not "internet"); for every other query the rows are the substring test's.
"""

import re

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Exists, Q, QuerySet

from conference.models import Conference
from conference.text import fold
from talks.models import Submission

# Han, kana, hangul and their punctuation: no word boundaries for the full-text parser.
CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


# PostgreSQL refuses longer words in a tsquery (2,047 bytes); no real word comes near.
LONGEST_WORD = 100


def is_plain_word(word: str) -> bool:
    """Letters only and no CJK: what the full-text index answers like a substring test would."""
    return word.isalpha() and len(word) <= LONGEST_WORD and not CJK.search(word)


def _substring(word: str, *, names: bool) -> Q:
    found = Q(search_text__contains=word)
    if names:
        found |= Q(search_names__contains=word)
    return found


def word_query(word: str, *, names: bool) -> SearchQuery:
    # A plain word needs no quoting in a raw tsquery; ":*" is a prefix, "A"/"AB" the weights.
    return SearchQuery(f"{word}:*{'AB' if names else 'A'}", config="simple", search_type="raw")


def searched_submissions(
    qs: QuerySet, *, conference: Conference, search: str, names: bool
) -> QuerySet:
    """`qs` (submissions of `conference`) narrowed to those that have every word of `search`
    (see the module). One query still: whether a word begins a word anywhere in the
    conference is a subquery that PostgreSQL runs once."""
    words = fold(search).split()
    if not words:
        return qs
    if connection.vendor != "postgresql":
        for word in words:
            qs = qs.filter(_substring(word, names=names))
        return qs
    for word in words:
        if not is_plain_word(word):
            qs = qs.filter(_substring(word, names=names))
            continue
        query = word_query(word, names=names)
        # A fragment, not a word anywhere in this conference's submissions: look inside words.
        as_word_anywhere = Exists(
            Submission.objects.sent_in().filter(conference=conference, search_document=query)
        )
        qs = qs.filter(
            Q(search_document=query) | (_substring(word, names=names) & ~as_word_anywhere)
        )
    return qs
