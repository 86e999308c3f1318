"""How well each reviewer suits each submission: a score in 0..1 and the reasons in words.

score = clip(text + TRACK_BONUS·[track of interest] + BID_BONUS[bid], 0, 1), where `text` is

- the cosine of the reviewer's MiniLM embedding (ReviewerEmbedding, written by the ml worker)
  with the submission's (SubmissionEmbedding), when both exist and the reviewer's is current;
- else the cosine of their TF-IDF vectors (sklearn, fitted on this run's texts), so the page
  works before the ml worker ran;

each cosine mapped onto 0..1 by a fixed line (below), not by this run's min and max, so that a
score and the floor mean the same in every run (incremental ones too). Reasons never need the
model: they name the TF-IDF terms that the reviewer's expertise (or past abstracts) and the
submission share, the track of interest and the bid.
"""

import functools
import re
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from conference.models import Conference, Track
from conference.text import fold
from talks.assignment.profiles import ReviewerText, reviewer_texts
from talks.models import BidLevel, ReviewerBid, ReviewerEmbedding, Submission, SubmissionEmbedding

# Fixed lines from raw cosine to 0..1, read off bench/assign.py (FOSDEM; a reviewer = 4 past
# abstracts of one track). MiniLM: her cosines with talks of other tracks have p10/median/p90
# 0.13/0.26/0.40, with talks of her own 0.21/0.34/0.49, so 0.1 → 0 and 0.6 → 1. TF-IDF cosines
# between whole abstracts are small (own track median 0.025, p90 0.05) while a short expertise
# list against a matching abstract reaches 0.2-0.4, so 0.2 → 1.
EMBEDDING_ZERO, EMBEDDING_ONE = 0.1, 0.6
TFIDF_ZERO, TFIDF_ONE = 0.0, 0.2
TRACK_BONUS = 0.15
BID_BONUS = {BidLevel.EAGER: 0.2, BidLevel.WILLING: 0.05, BidLevel.NOT: -0.2}
# For the solver's tie-break: > 0 eager, < 0 rather not.
BID_PREFERENCE = {BidLevel.EAGER: 1, BidLevel.WILLING: 0, BidLevel.NOT: -1}
REASON_TERMS = 3
# A term in more than this share of the submissions (and more than 3) is no reason.
COMMON_SHARE = 0.1
# Above this text score a pair is "close in topic" even when it shares no keyword.
TOPIC_REASON_AT = 0.5

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours yourself talk talks session present presents
    presentation show shows use used using uses new way ways work works like make makes get one
    two many much well also us let lets will via based approach introduce introduces
    discuss across afterwards almost alone along already although always among another anyone
    anything anyway around back become becomes behind beside besides beyond cannot done due
    either else enough etc even ever every everyone everything except finally first found full
    give given go going however including indeed instead last later least less made may might
    moreover must need needs neither never next nothing often otherwise part per perhaps please
    put rather really regarding say see seem seems several since still take thus together
    toward towards upon whatever whether within without yet able want wants good better best
    great lot lots different various look looking learn explain explains example examples help
    helps year years time people things thing kind know fit fits""".split()
)
_SEGMENTS = re.compile(r"[,.;:!?()\[\]{}\"'/|\n\r\t]+|\s[-–—]\s")
_LATIN = re.compile(r"[a-z0-9][a-z0-9+#.\-]*[a-z0-9+#]|[a-z0-9]")
_CJK = re.compile(r"[\u3400-\u9fff]+")


@functools.cache
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # it logs its dictionary load through its own handler
    return jieba


def _cjk_words(run: str) -> list[str]:
    """jieba's words of a run of ideographs (no HMM guesses: repeatable), two characters up."""
    try:
        jieba = _jieba()
    except ImportError:  # character bigrams match nearly as well
        return [run[i : i + 2] for i in range(max(1, len(run) - 1))]
    return [word for word in jieba.lcut(run, HMM=False) if len(word) >= 2]


def terms(text: str) -> list[str]:
    """Words and two-word phrases of `text`, folded, without stop words (never across commas)."""
    stop = STOP_WORDS
    out: list[str] = []
    for segment in _SEGMENTS.split(fold(text)):
        for run in _CJK.findall(segment):
            out.extend(_cjk_words(run))
        words = [w for w in _LATIN.findall(_CJK.sub(" ", segment))]
        kept = [w if (w not in stop and len(w) > 1 and not w.isdigit()) else None for w in words]
        out.extend(w for w in kept if w)
        out.extend(f"{a} {b}" for a, b in zip(kept, kept[1:], strict=False) if a and b)
    return out


@functools.lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern:
    return re.compile(
        r"(?<![\w])" + r"[\s\-]+".join(map(re.escape, term.split())) + r"(?![\w])", re.I
    )


def _surface(term: str, *texts: str) -> str:
    """The term as the texts write it ("LLM serving"), else as it is."""
    if _CJK.search(term):
        return term
    pattern = _term_pattern(term)
    for text in texts:
        found = pattern.search(text or "")
        if found:
            return found.group(0)
    return term


def _line(values: np.ndarray, zero: float, one: float) -> np.ndarray:
    return np.clip((values - zero) / (one - zero), 0.0, 1.0)


def _vectors(rows) -> dict[int, np.ndarray]:
    return {pk: np.frombuffer(bytes(raw), dtype="<f4") for pk, raw in rows}


@dataclass
class AffinityResult:
    submission_ids: list[int]
    reviewer_ids: list[int]
    scores: np.ndarray  # S×R, 0..1
    text_scores: np.ndarray  # S×R, the text part alone (0..1)
    from_embeddings: np.ndarray  # S×R bool: the text part came from MiniLM
    bid_preferences: dict[tuple[int, int], int] = field(default_factory=dict)
    _texts: dict = field(default_factory=dict, repr=False)
    _submissions: list = field(default_factory=list, repr=False)
    _vectoriser: object = field(default=None, repr=False)
    _expertise_matrix: object = field(default=None, repr=False)
    _history_matrix: object = field(default=None, repr=False)
    _submission_matrix: object = field(default=None, repr=False)
    _track_names: dict = field(default_factory=dict, repr=False)
    _bids: dict = field(default_factory=dict, repr=False)
    _names: object = field(default=None, repr=False)
    # Terms in many submissions ("open source" at FOSDEM) explain nothing.
    _common_terms: set = field(default_factory=set, repr=False)
    _rows: dict = field(default_factory=dict, repr=False)

    def _row(self, matrix, key, index: int) -> dict[int, float]:
        """{feature: weight} of one row of a CSR matrix, cached (reasons ask per pair)."""
        cache = self._rows.setdefault(key, {})
        if index not in cache:
            start, end = matrix.indptr[index], matrix.indptr[index + 1]
            cache[index] = dict(
                zip(
                    matrix.indices[start:end].tolist(), matrix.data[start:end].tolist(), strict=True
                )
            )
        return cache[index]

    def _shared_terms(self, key: str, s: int, r: int) -> list[str]:
        matrix = getattr(self, f"_{key}_matrix")
        if matrix is None:
            return []
        mine = self._row(matrix, key, r)
        theirs = self._row(self._submission_matrix, "submission", s)
        common = [i for i in mine if i in theirs and i not in self._common_terms]
        if not common:
            return []
        if self._names is None:
            self._names = self._vectoriser.get_feature_names_out().tolist()
        names = self._names
        weights = {i: mine[i] * theirs[i] for i in common}
        picked: list[str] = []
        # Phrases first ("LLM serving" says more than "serving"), each kind by weight.
        order = sorted(common, key=lambda i: (" " not in names[i], -weights[i], names[i]))
        for i in order:
            term = names[i]
            # A word inside a phrase already named says nothing new.
            if any(term in chosen.split() for chosen in picked):
                continue
            picked.append(term)
            if len(picked) == REASON_TERMS:
                break
        return picked

    def reasons(self, s: int, r: int) -> list[str]:
        """Why reviewer r suits submission s, in words (empty when nothing stands out)."""
        submission = self._submissions[s]
        text: ReviewerText = self._texts[self.reviewer_ids[r]]
        out = []
        shared = self._shared_terms("expertise", s, r)
        if shared:
            words = [_surface(t, text.expertise, submission.categoriser_text) for t in shared]
            out.append(_("matches your expertise: %(terms)s") % {"terms": ", ".join(words)})
        else:
            shared = self._shared_terms("history", s, r)
            if shared:
                words = [_surface(t, submission.categoriser_text) for t in shared]
                out.append(
                    _("close to talks you gave or reviewed: %(terms)s")
                    % {"terms": ", ".join(words)}
                )
        if not out and self.text_scores[s, r] >= TOPIC_REASON_AT:
            out.append(_("close in topic to your expertise"))
        track_id = submission.review_track_id
        if track_id is not None and track_id in text.track_ids:
            out.append(
                _("track of interest: %(track)s") % {"track": self._track_names.get(track_id, "")}
            )
        level = self._bids.get((s, r))
        if level == BidLevel.EAGER:
            out.append(_("you bid eager"))
        elif level == BidLevel.WILLING:
            out.append(_("you bid willing"))
        elif level == BidLevel.NOT:
            out.append(_("you would rather not"))
        return out


class Tfidf:
    """TF-IDF over `terms`: log(1 + tf) · (ln((1 + n) / (1 + df)) + 1), rows L2-normalised.

    The formula of sklearn's TfidfVectorizer(sublinear_tf=True), written out on scipy.sparse
    because web processes call affinity_matrix (the proposal page's candidates) and importing
    sklearn takes seconds there.
    """

    def __init__(self):
        self.vocabulary: dict[str, int] = {}
        self.idf = np.zeros(0)

    def _counts(self, documents: list[list[str]], *, grow: bool):
        from scipy.sparse import csr_matrix

        indptr, indices, values = [0], [], []
        for document in documents:
            counts: dict[int, int] = {}
            for term in document:
                index = self.vocabulary.get(term)
                if index is None:
                    if not grow:
                        continue
                    index = self.vocabulary[term] = len(self.vocabulary)
                counts[index] = counts.get(index, 0) + 1
            indices.extend(counts)
            values.extend(counts.values())
            indptr.append(len(indices))
        shape = (len(documents), len(self.vocabulary))
        return csr_matrix((np.array(values, dtype=np.float64), indices, indptr), shape=shape)

    def _weigh(self, counts):
        counts.data = np.log(counts.data) + 1.0  # sklearn's sublinear tf: 1 + ln(tf)
        weighted = counts.multiply(self.idf[None, :]).tocsr()
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        weighted = weighted.multiply(1.0 / norms[:, None]).tocsr()
        weighted.sort_indices()
        return weighted

    def fit_transform(self, texts: list[str]):
        counts = self._counts([terms(text) for text in texts], grow=True)
        document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        self.idf = np.log((1 + counts.shape[0]) / (1 + document_frequency)) + 1.0
        return self._weigh(counts)

    def transform(self, texts: list[str]):
        return self._weigh(self._counts([terms(text) for text in texts], grow=False))

    def get_feature_names_out(self) -> np.ndarray:
        names = np.empty(len(self.vocabulary), dtype=object)
        for term, index in self.vocabulary.items():
            names[index] = term
        return names


def _tfidf(submission_texts: list[str], texts: list[ReviewerText]):
    vectoriser = Tfidf()
    corpus = submission_texts + [t.full_text for t in texts]
    fitted = vectoriser.fit_transform(corpus)
    if not vectoriser.vocabulary:
        return None, None, None, None, None, set()
    n = len(submission_texts)
    submissions, reviewers = fitted[:n], fitted[n:]
    expertise = vectoriser.transform([t.expertise for t in texts])
    history = vectoriser.transform(["\n".join(t.history) for t in texts])
    document_frequency = np.bincount(submissions.indices, minlength=fitted.shape[1])
    common = set(np.nonzero(document_frequency > max(3, COMMON_SHARE * n))[0].tolist())
    return vectoriser, submissions, reviewers, expertise, history, common


def affinity_matrix(
    *, conference: Conference, submission_ids: list[int], reviewer_ids: list[int]
) -> AffinityResult:
    """Scores S×R (rows in `submission_ids` order, columns in `reviewer_ids` order) and reasons.

    Reads: the submissions, reviewer texts (profiles, tracks, history), embeddings, bids.
    Declared conflicts score 0 here; the caller forbids them (talks.assignment.conflicts).
    """
    submission_ids, reviewer_ids = list(submission_ids), list(reviewer_ids)
    by_pk = Submission.objects.filter(conference=conference, pk__in=submission_ids).in_bulk()
    missing = [pk for pk in submission_ids if pk not in by_pk]
    if missing:
        raise ValueError(f"submissions not in this conference: {missing[:5]}")
    submissions = [by_pk[pk] for pk in submission_ids]
    texts_by_user = reviewer_texts(conference=conference, user_ids=reviewer_ids)
    texts = [texts_by_user[pk] for pk in reviewer_ids]
    n_sub, n_rev = len(submissions), len(texts)
    text_scores = np.zeros((n_sub, n_rev))
    from_embeddings = np.zeros((n_sub, n_rev), dtype=bool)

    sub_vectors = _vectors(
        SubmissionEmbedding.objects.filter(submission_id__in=submission_ids).values_list(
            "submission_id", "vector"
        )
    )
    embeddings = {
        row.profile_id: row
        for row in ReviewerEmbedding.objects.filter(
            profile_id__in=[t.profile_id for t in texts if t.profile_id]
        )
    }
    rev_vectors: dict[int, np.ndarray] = {}
    for r, text in enumerate(texts):
        row = embeddings.get(text.profile_id)
        if row is not None and row.text_hash == text.text_hash:
            rev_vectors[r] = np.frombuffer(bytes(row.vector), dtype="<f4")
    s_rows = [s for s, sub in enumerate(submissions) if sub.pk in sub_vectors]
    r_cols = [r for r in rev_vectors]
    if s_rows and r_cols:
        dims = {sub_vectors[submissions[s].pk].size for s in s_rows}
        dims |= {rev_vectors[r].size for r in r_cols}
        if len(dims) == 1:  # a changed encoder: everyone falls back to TF-IDF until re-embedded
            left = np.stack([sub_vectors[submissions[s].pk] for s in s_rows]).astype(np.float64)
            right = np.stack([rev_vectors[r] for r in r_cols]).astype(np.float64)
            block = _line(left @ right.T, EMBEDDING_ZERO, EMBEDDING_ONE)
            text_scores[np.ix_(s_rows, r_cols)] = block
            from_embeddings[np.ix_(s_rows, r_cols)] = True

    vectoriser, sub_matrix, rev_matrix, expertise, history, common = _tfidf(
        [s.categoriser_text for s in submissions], texts
    )
    if vectoriser is not None and (~from_embeddings).any():
        cosine = (sub_matrix @ rev_matrix.T).toarray()
        fallback = _line(cosine, TFIDF_ZERO, TFIDF_ONE)
        text_scores = np.where(from_embeddings, text_scores, fallback)
    # A reviewer with nothing written about her has no text to match.
    empty = np.array([not t.parts for t in texts], dtype=bool)
    if n_rev:
        text_scores[:, empty] = 0.0

    track_ids = {s.review_track_id for s in submissions} | {pk for t in texts for pk in t.track_ids}
    track_names = dict(Track.objects.filter(pk__in=track_ids - {None}).values_list("pk", "name"))
    bonus = np.zeros((n_sub, n_rev))
    for r, text in enumerate(texts):
        if text.track_ids:
            bonus[:, r] += TRACK_BONUS * np.array(
                [s.review_track_id in text.track_ids for s in submissions], dtype=float
            )
    s_index = {pk: s for s, pk in enumerate(submission_ids)}
    r_index = {pk: r for r, pk in enumerate(reviewer_ids)}
    bids: dict[tuple[int, int], str] = {}
    preferences: dict[tuple[int, int], int] = {}
    for submission_id, reviewer_id, level in ReviewerBid.objects.filter(
        submission_id__in=submission_ids, reviewer_id__in=reviewer_ids
    ).values_list("submission_id", "reviewer_id", "level"):
        s, r = s_index[submission_id], r_index[reviewer_id]
        bids[(s, r)] = level
        if level == BidLevel.CONFLICT:
            continue
        bonus[s, r] += BID_BONUS.get(level, 0.0)
        if BID_PREFERENCE.get(level):
            preferences[(s, r)] = BID_PREFERENCE[level]
    scores = np.clip(text_scores + bonus, 0.0, 1.0)
    for (s, r), level in bids.items():
        if level == BidLevel.CONFLICT:
            scores[s, r] = 0.0
    return AffinityResult(
        submission_ids=submission_ids,
        reviewer_ids=reviewer_ids,
        scores=scores,
        text_scores=text_scores,
        from_embeddings=from_embeddings,
        bid_preferences=preferences,
        _texts=texts_by_user,
        _submissions=submissions,
        _vectoriser=vectoriser,
        _expertise_matrix=expertise,
        _history_matrix=history,
        _submission_matrix=sub_matrix,
        _track_names=track_names,
        _bids=bids,
        _common_terms=common,
    )
