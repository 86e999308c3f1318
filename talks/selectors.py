"""Reads of submissions, reviews, speakers and predictions."""

import hashlib
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    JSONField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Mod, RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from conference.enums import Role
from conference.models import Conference, Membership, OutboxMail
from conference.rules import is_organiser
from talks.enums import (
    DECIDED_TRACK_SOURCES,
    ExampleSource,
    Language,
    Level,
    State,
    TrackSource,
)
from talks.mail import DEFAULTS
from talks.models import (
    SPEAKER_ORDER,
    CfpSettings,
    Decision,
    LabelledExample,
    MailTemplate,
    NearDuplicate,
    Prediction,
    Review,
    SpeakerInvitation,
    SpeakerProfile,
    Submission,
    SubmissionLog,
    SubmissionSpeaker,
    speakers_prefetch,
)
from talks.rules import (
    can_review_submission,
    conflicted_ids,
    is_submission_speaker,
    review_track_ids,
    sees_speaker_identities,
)
from talks.search import searched_submissions

# --- speakers' own submissions ---------------------------------------------------------------


def submission_list_for_speaker(*, conference: Conference | None = None, user) -> QuerySet:
    qs = Submission.objects.filter(speakers=user).select_related("conference", "track")
    return qs.filter(conference=conference) if conference else qs


def submission_for_speaker(*, pk: int, user) -> Submission:
    """A submission the user speaks at; anybody else's is a 404, not a 403, so ids leak nothing."""
    submission = get_object_or_404(
        Submission.objects.select_related(
            "conference", "track", "suggested_track"
        ).prefetch_related(speakers_prefetch()),
        pk=pk,
    )
    if not is_submission_speaker(user, submission):
        raise Http404
    return submission


def pending_invitations(*, submission: Submission) -> QuerySet[SpeakerInvitation]:
    return submission.invitations.filter(accepted_at__isnull=True)


def submission_for_categorising(*, pk: int) -> Submission | None:
    return Submission.objects.select_related("conference").filter(pk=pk).first()


def submissions_without_prediction(*, conference: Conference, model_version: str) -> QuerySet:
    """Ids of the conference's submissions that have no prediction of `model_version`."""
    return (
        Submission.objects.filter(conference=conference)
        .exclude(predictions__model_version=model_version)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- labelled examples -----------------------------------------------------------------------


def example_datasets() -> QuerySet:
    """The imported data sets: [{"dataset": name, "count": examples}], by name."""
    return (
        LabelledExample.objects.filter(source=ExampleSource.IMPORT)
        .values("dataset")
        .annotate(count=Count("pk"))
        .order_by("dataset")
    )


def dataset_examples(*, dataset: str) -> QuerySet:
    """(text, label) of an imported data set, in import order."""
    return (
        LabelledExample.objects.filter(source=ExampleSource.IMPORT, dataset=dataset)
        .order_by("pk")
        .values_list("text", "label")
    )


def dataset_labels(*, dataset: str) -> list[str]:
    """The distinct labels of an imported data set, most examples first."""
    rows = (
        LabelledExample.objects.filter(source=ExampleSource.IMPORT, dataset=dataset)
        .values("label")
        .annotate(count=Count("pk"))
        .order_by("-count", "label")
    )
    return [row["label"] for row in rows]


def review_examples_since(*, conference: Conference, since=None) -> int:
    """How many of the conference's tracks people decided (first time) after `since` (None:
    ever)."""
    examples = LabelledExample.objects.filter(conference=conference, source=ExampleSource.REVIEW)
    return (examples if since is None else examples.filter(created_at__gt=since)).count()


def labelled_examples(*, conference: Conference, datasets=()) -> QuerySet[LabelledExample]:
    """Examples to train the conference's categoriser on: the imported data sets named, plus
    every track decided in this conference's review."""
    return LabelledExample.objects.filter(
        Q(source=ExampleSource.IMPORT, dataset__in=list(datasets))
        | Q(source=ExampleSource.REVIEW, conference=conference)
    ).order_by("pk")


# --- speakers --------------------------------------------------------------------------------


def speaker_display_name(*, user) -> str:
    """The profile's name, else the account's full name, else the user name."""
    try:
        if user.speaker_profile.name:
            return user.speaker_profile.name
    except ObjectDoesNotExist:
        pass
    return user.get_full_name() or user.get_username()


def speaker_profile_of(*, user) -> SpeakerProfile | None:
    return SpeakerProfile.objects.filter(user=user).first()


def speaker_profile_by_user(*, pk: int) -> SpeakerProfile:
    return get_object_or_404(SpeakerProfile.objects.select_related("user"), user_id=pk)


def is_public_speaker(*, user) -> bool:
    return Submission.objects.public().filter(speakers=user).exists()


def speaker_cards(*, submission: Submission) -> list[dict]:
    """[{"user", "name", "profile" (or None)}] of the submission's speakers, in order
    (prefetch them with speakers_prefetch)."""
    cards = []
    for user in submission.speakers.all():
        try:
            profile = user.speaker_profile
        except ObjectDoesNotExist:
            profile = None
        cards.append({"user": user, "name": speaker_display_name(user=user), "profile": profile})
    return cards


def speakers_of(*, submission: Submission) -> QuerySet:
    return submission.speakers.select_related("speaker_profile").order_by(*SPEAKER_ORDER)


def public_speaker(*, pk: int, conference: Conference | None = None):
    """A speaker with at least one accepted or confirmed talk (of `conference`, if given), with
    those talks; else 404."""
    user = get_object_or_404(get_user_model().objects.select_related("speaker_profile"), pk=pk)
    talks = (
        Submission.objects.public()
        .filter(speakers=user)
        .select_related("conference", "track")
        .order_by("conference__start_date", "title")
    )
    if conference is not None:
        talks = talks.filter(conference=conference)
    talks = list(talks)
    if not talks:
        raise Http404
    return user, talks


def public_talks_of(*, user_id: int, conference: Conference) -> list[Submission]:
    """The person's accepted and confirmed talks at `conference`, by title, with their track."""
    return list(
        Submission.objects.public()
        .filter(conference=conference, speakers__pk=user_id)
        .select_related("track")
        .order_by("title", "pk")
    )


@dataclass(frozen=True)
class PublicProfile:
    """What the public pages show of a speaker, read live (not from a schedule release)."""

    id: int
    name: str
    biography: str
    affiliation: str
    has_photo: bool
    links: tuple[str, ...]


def profiles_changed_at(*, user_ids=None) -> datetime | None:
    """When the last of these people's speaker profiles changed (one query); None: none has one.

    Without `user_ids`, any profile counts: the max over one table, a fraction of a
    millisecond, where an IN of a large programme's 1,000 speakers took about 10 ms."""
    profiles = SpeakerProfile.objects.all()
    if user_ids is not None:
        profiles = profiles.filter(user_id__in=list(user_ids))
    return profiles.aggregate(last=Max("updated_at"))["last"]


def profiles_changed_at_expression() -> Subquery:
    """profiles_changed_at() (any profile) as a subquery, for another query to annotate with
    (the indexed newest updated_at)."""
    return Subquery(SpeakerProfile.objects.order_by("-updated_at").values("updated_at")[:1])


def public_profiles(*, user_ids) -> dict[int, PublicProfile]:
    """{user id: PublicProfile} of these people (one query); unknown ids are absent."""
    users = get_user_model().objects.filter(pk__in=list(user_ids)).select_related("speaker_profile")
    profiles = {}
    for user in users:
        try:
            profile = user.speaker_profile
        except ObjectDoesNotExist:
            profile = None
        profiles[user.pk] = PublicProfile(
            id=user.pk,
            name=speaker_display_name(user=user),
            biography=profile.bio if profile else "",
            affiliation=profile.affiliation if profile else "",
            has_photo=bool(profile and profile.photo),
            links=tuple(profile.link_list) if profile else (),
        )
    return profiles


def conference_speakers(*, conference: Conference) -> list:
    """The speakers of a conference's accepted and confirmed talks, by name, with their talks."""
    talks = (
        Submission.objects.public()
        .filter(conference=conference)
        .prefetch_related(speakers_prefetch())
        .order_by("title")
    )
    by_speaker: dict[int, dict] = {}
    for talk in talks:
        for user in talk.speakers.all():
            entry = by_speaker.setdefault(
                user.pk, {"user": user, "name": speaker_display_name(user=user), "talks": []}
            )
            entry["talks"].append(talk)
    return sorted(by_speaker.values(), key=lambda entry: entry["name"].casefold())


# --- settings and e-mail ---------------------------------------------------------------------


def cfp_settings_for(*, conference: Conference) -> CfpSettings:
    return CfpSettings.for_conference(conference)


@dataclass(frozen=True)
class CfpSummary:
    """The call for papers as the conference page announces it. state: "open", "upcoming" (it
    opens later) or "closed"; times are in the conference's zone; formats are (label, minutes)."""

    state: str
    opens_at: datetime | None
    closes_at: datetime | None
    timezone: str
    formats: list[tuple[str, int]]
    levels: list[str]
    languages: list[str]


def cfp_summary(*, conference: Conference, now: datetime) -> CfpSummary:
    """The open formats with their durations, the levels and languages of the CfP (one query)."""
    cfp = cfp_settings_for(conference=conference)
    tz = conference.tzinfo
    if conference.cfp_is_open(now):
        state = "open"
    elif conference.cfp_opens_at and now < conference.cfp_opens_at:
        state = "upcoming"
    else:
        state = "closed"
    return CfpSummary(
        state=state,
        opens_at=conference.cfp_opens_at.astimezone(tz) if conference.cfp_opens_at else None,
        closes_at=conference.cfp_closes_at.astimezone(tz) if conference.cfp_closes_at else None,
        timezone=conference.timezone,
        formats=[(str(fmt.label), cfp.duration_for(fmt.value)) for fmt in cfp.enabled_formats],
        levels=[str(Level(value).label) for value in cfp.levels if value in Level.values],
        languages=[
            str(Language(value).label) for value in cfp.languages if value in Language.values
        ],
    )


def mail_templates_for(*, conference: Conference) -> dict[str, MailTemplate]:
    return {template.kind: template for template in conference.mail_templates.all()}


def mail_templates_fingerprint(*, conference: Conference) -> str:
    """A short hash of the conference's saved templates: it changes whenever one is saved.

    The templates page sends it back, so that a save made from a page loaded before another
    organiser's save is refused instead of overwriting it.
    """
    rows = sorted(conference.mail_templates.values_list("kind", "subject", "body"))
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]


def mail_template_for(*, conference: Conference, kind: str) -> tuple[str, str]:
    """(subject, body) of the conference's template of `kind`, else the built-in one."""
    template = MailTemplate.objects.filter(conference=conference, kind=kind).first()
    if template:
        return template.subject, template.body
    subject, body = DEFAULTS[kind]
    return str(subject), str(body)


# --- the team's views ------------------------------------------------------------------------


def _in_review_scope(qs: QuerySet, *, conference: Conference, user) -> QuerySet:
    """Only what a track-limited reviewer reviews: the decided track, else the suggested one."""
    if is_organiser(user, conference):
        return qs
    # Never a submission she has a conflict of interest with (talks.assignment.conflicts).
    conflicted = conflicted_ids(user, conference)
    if conflicted:
        qs = qs.exclude(pk__in=conflicted)
    track_ids = review_track_ids(user, conference)
    if track_ids is None:
        return qs
    return qs.filter(
        Q(track_id__in=track_ids) | Q(track__isnull=True, suggested_track_id__in=track_ids)
    )


def _in_track(qs: QuerySet, track) -> QuerySet:
    return qs.filter(Q(track=track) | Q(track__isnull=True, suggested_track=track))


def _searched(qs: QuerySet, *, conference: Conference, search: str, names: bool) -> QuerySet:
    """Every word of `search`, folded, in the folded title and abstract (or, with `names`, in
    the speakers' names): case and accents ignored on any database; indexed on PostgreSQL."""
    return searched_submissions(qs, conference=conference, search=search, names=names)


# One place in SPOT_CHECK_EVERY of the track queue is a spot check. Which submissions are spot
# checks: settings.TRACK_QUEUE_SPOT_CHECKS of the suggested ones (0 for none), by their number
# times a large odd constant, mod 1000 (about every fourth number, whatever it is about), so
# the queue has some to hand out at every stage and a submission stays what it was.
SPOT_CHECK_EVERY = 4
SPOT_CHECK_MULTIPLIER = 2654435761


def _spot_check_per_mille() -> int:
    return int(round(1000 * float(getattr(settings, "TRACK_QUEUE_SPOT_CHECKS", 0.25))))


def is_spot_check(pk: int) -> bool:
    """Whether the queue treats the submission (once suggested) as a spot check."""
    return pk * SPOT_CHECK_MULTIPLIER % 1000 < _spot_check_per_mille()


def track_review_queue(
    *,
    conference: Conference,
    user=None,
    track=None,
    min_confidence: float | None = None,
    max_confidence: float | None = None,
    state: str = "",
    decision: str = "",
    search: str = "",
    undecided_first: bool = False,
) -> QuerySet[Submission]:
    """The conference's submissions, least confident suggestion first, unsuggested last, with
    every SPOT_CHECK_EVERY-th place a spot check (`spot_check` 1): a suggested submission
    chosen by its number whatever its confidence, in a fixed order of its own.

    Each carries `latest_top`, the top suggestions of its latest prediction (one query for
    all). Drafts are not shown; track-limited reviewers see their tracks only.
    decision: "pending" (no track or an automatic one), "auto" or "decided" (by a person).
    search: words found in the title, abstract or (when the user sees them) speakers' names.
    undecided_first: the tracks a person decided after all the others (the queue's page).
    """
    latest = Prediction.objects.filter(submission=OuterRef("pk")).order_by("-created_at", "-pk")
    decided = Case(
        When(track_source__in=DECIDED_TRACK_SOURCES, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    # Every SPOT_CHECK_EVERY-th place goes to a spot check, picked by the submission's number,
    # not its confidence: people then also decide some confident suggestions, which is all
    # that tells how often those are right (calibration, the auto-assignment threshold).
    spot = Case(
        When(
            Q(suggested_confidence__isnull=False) & Q(spot_hash__lt=_spot_check_per_mille()),
            then=Value(1),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    partition = [decided, spot] if undecided_first else [spot]
    rank = Window(
        RowNumber(),
        partition_by=partition,
        order_by=[F("suggested_confidence").asc(nulls_last=True), "created_at", "pk"],
    )
    spot_rank = Window(RowNumber(), partition_by=partition, order_by=["spot_hash", "pk"])
    every = SPOT_CHECK_EVERY
    position = Case(
        When(spot_check=1, then=spot_rank * every),
        default=rank + (rank - 1) / (every - 1),
        output_field=IntegerField(),
    )
    qs = (
        Submission.objects.sent_in()
        .filter(conference=conference)
        .select_related("track", "suggested_track")
        .annotate(
            latest_top=Subquery(latest.values("top")[:1], output_field=JSONField()),
            decided=decided,
            spot_hash=Mod(F("pk") * SPOT_CHECK_MULTIPLIER, 1000),
        )
        .annotate(spot_check=spot)
        .annotate(queue_position=position)
        .order_by(
            *(["decided"] if undecided_first else []),
            Case(
                When(suggested_confidence__isnull=True, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            "queue_position",
            "pk",
        )
    )
    if user is not None:
        qs = _in_review_scope(qs, conference=conference, user=user)
    if track is not None:
        qs = _in_track(qs, track)
    if min_confidence is not None:
        qs = qs.filter(suggested_confidence__gte=min_confidence)
    if max_confidence is not None:
        qs = qs.filter(suggested_confidence__lte=max_confidence)
    if state:
        qs = qs.filter(state=state)
    if decision == "pending":
        qs = qs.exclude(track_source__in=DECIDED_TRACK_SOURCES)
    elif decision == "auto":
        qs = qs.filter(track_source=TrackSource.AUTO)
    elif decision == "decided":
        qs = qs.filter(track_source__in=DECIDED_TRACK_SOURCES)
    if search:
        names = user is None or sees_speaker_identities(user, conference)
        qs = _searched(qs, conference=conference, search=search, names=names)
    return qs


def suggestions_to_confirm(
    *, conference: Conference, min_confidence: float, track=None
) -> QuerySet[Submission]:
    """The undecided suggestions at or above `min_confidence` (of `track`), oldest first: what
    a bulk confirmation touches. Automatically set tracks count as undecided; drafts never."""
    submissions = (
        Submission.objects.sent_in()
        .filter(
            conference=conference,
            suggested_track__isnull=False,
            suggested_confidence__gte=min_confidence,
        )
        .exclude(track_source__in=DECIDED_TRACK_SOURCES)
        .order_by("pk")
    )
    if track is not None:
        submissions = submissions.filter(suggested_track=track)
    return submissions


SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "score": (F("mean_score").desc(nulls_last=True), "-created_at", "-pk"),
    "score_asc": (F("mean_score").asc(nulls_last=True), "-created_at", "-pk"),
    "reviews": ("-review_count", "-created_at", "-pk"),
    "reviews_asc": ("review_count", "-created_at", "-pk"),
    "title": ("title", "pk"),
}
MEDIAN_SORTS = ("median", "median_asc")
# Rows of one page of the team's lists.
PER_PAGE = 50


def _review_queryset(
    *,
    conference: Conference,
    user,
    track=None,
    state: str = "",
    format: str = "",
    min_score: float | None = None,
    max_score: float | None = None,
    sort: str = "newest",
    search: str = "",
    assigned: str = "",
) -> QuerySet[Submission]:
    mine = Review.objects.filter(submission=OuterRef("pk"), reviewer=user).values("score")[:1]
    qs = (
        Submission.objects.sent_in()
        .filter(conference=conference)
        .select_related("track", "suggested_track")
        .annotate(
            review_count=Count("reviews"),
            mean_score=Avg("reviews__score"),
            my_score=Subquery(mine),
        )
    )
    qs = _in_review_scope(qs, conference=conference, user=user)
    if track is not None:
        qs = _in_track(qs, track)
    if state:
        qs = qs.filter(state=state)
    if format:
        qs = qs.filter(format=format)
    if min_score is not None:
        qs = qs.filter(mean_score__gte=min_score)
    if max_score is not None:
        qs = qs.filter(mean_score__lte=max_score)
    if search:
        names = sees_speaker_identities(user, conference)
        qs = _searched(qs, conference=conference, search=search, names=names)
    if assigned in ("me", "me_todo"):
        # One assignment per submission and reviewer: no duplicate rows.
        qs = qs.filter(assignments__reviewer=user)
        if assigned == "me_todo":
            qs = qs.exclude(reviews__reviewer=user)
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))


def _with_details(submissions: list[Submission], *, conference: Conference, user) -> None:
    """Fill in median_score, near_duplicates and speaker_names (prefetched reviews and
    speakers): one query for the near-duplicates of all of them."""
    duplicates = near_duplicates_for(
        conference=conference, user=user, submission_ids=[s.pk for s in submissions]
    )
    for submission in submissions:
        submission.median_score = score_median(submission.reviews.all())
        submission.near_duplicates = duplicates.get(submission.pk, [])
        submission.speaker_names = [
            speaker_display_name(user=speaker) for speaker in submission.speakers.all()
        ]


def _review_prefetch(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(
        Prefetch("reviews", queryset=Review.objects.only("pk", "submission_id", "score")),
        speakers_prefetch(),
    )


def _median_order(qs: QuerySet, *, descending: bool) -> list[int]:
    """Ids of `qs` by median score (medians computed here), those without reviews last."""
    ids = list(qs.values_list("pk", flat=True))
    scores: dict[int, list[int]] = defaultdict(list)
    for submission_id, score in Review.objects.filter(submission_id__in=ids).values_list(
        "submission_id", "score"
    ):
        scores[submission_id].append(score)
    present = [pk for pk in ids if scores.get(pk)]
    absent = [pk for pk in ids if not scores.get(pk)]
    present.sort(key=lambda pk: statistics.median(scores[pk]), reverse=descending)
    return present + absent


def review_list(*, conference: Conference, user, **filters) -> list[Submission]:
    """The team's list of a conference's submissions (drafts excluded), filtered and sorted,
    all of them (review_list_page gives one page).

    Each carries review_count, mean_score, median_score (from its reviews), my_score (the
    viewer's own), speaker_names and near_duplicates ([(other, similarity)]). A fixed number
    of queries whatever the length.
    filters: track, state, format, min_score, max_score, search, assigned ("me", "me_todo"),
    and sort: a key of SORTS, or
    "median" / "median_asc" (sorted here, medians being computed here).
    """
    sort = filters.get("sort", "newest")
    qs = _review_queryset(conference=conference, user=user, **filters)
    if sort in MEDIAN_SORTS:
        order = _median_order(qs, descending=sort == "median")
        by_pk = {s.pk: s for s in _review_prefetch(qs.filter(pk__in=order))}
        submissions = [by_pk[pk] for pk in order]
    else:
        submissions = list(_review_prefetch(qs))
    _with_details(submissions, conference=conference, user=user)
    return submissions


def review_list_page(
    *, conference: Conference, user, page=1, per_page: int = PER_PAGE, **filters
) -> Page:
    """One page of review_list (a number out of range gives the nearest page); its
    paginator's count is the number of all matching submissions. A fixed number of queries."""
    sort = filters.get("sort", "newest")
    qs = _review_queryset(conference=conference, user=user, **filters)
    if sort in MEDIAN_SORTS:
        order = _median_order(qs, descending=sort == "median")
        result = Paginator(order, per_page).get_page(page)
        by_pk = {s.pk: s for s in _review_prefetch(qs.filter(pk__in=list(result.object_list)))}
        result.object_list = [by_pk[pk] for pk in result.object_list]
    else:
        result = Paginator(_review_prefetch(qs), per_page).get_page(page)
        result.object_list = list(result.object_list)
    _with_details(result.object_list, conference=conference, user=user)
    return result


def review_list_ids(*, conference: Conference, user, **filters) -> list[int]:
    """Ids of every submission review_list would show (for "select all N matching")."""
    filters.pop("sort", None)
    qs = _review_queryset(conference=conference, user=user, **filters)
    return list(qs.order_by("pk").values_list("pk", flat=True))


def speaker_mail_count(*, submission_ids) -> int:
    """How many e-mails a state decision on these submissions sends: one per speaker with an
    address."""
    return SubmissionSpeaker.objects.filter(
        submission_id__in=list(submission_ids), user__email__gt=""
    ).count()


def decision_log(*, conference: Conference) -> QuerySet[Decision]:
    """The conference's bulk decisions, newest first, with who made and who undid them."""
    return Decision.objects.filter(conference=conference, bulk=True).select_related(
        "actor", "undone_by"
    )


def decision_for_undo(*, conference: Conference, pk: int) -> Decision:
    return get_object_or_404(
        Decision.objects.select_related("conference"), conference=conference, pk=pk
    )


def decision_undo_preview(*, decision: Decision) -> dict:
    """What undoing `decision` would do: rows [(title, what it goes back to)] of the items not
    undone yet, how many of them it puts back (the others changed since), and how many of its
    e-mails are still held (to be discarded) or released already."""
    items = list(
        decision.items.filter(undone_at__isnull=True)
        .select_related("submission__track", "previous_track")
        .order_by("pk")
    )
    rows = []
    mail_ids = []
    restorable = 0
    for item in items:
        submission = item.submission
        mail_ids.extend(item.mail_ids)
        if decision.kind == Decision.Kind.STATE:
            changed = submission.state != item.new_state
            back = str(State(item.previous_state).label)
        else:
            changed = submission.track_id != item.new_track_id or (
                submission.track_source not in DECIDED_TRACK_SOURCES
            )
            back = item.previous_track.name if item.previous_track else str(_("Undecided"))
        if changed:
            back = str(_("changed since: left as it is"))
        else:
            restorable += 1
        rows.append((submission.title, back))
    statuses = list(OutboxMail.objects.filter(pk__in=mail_ids).values_list("status", flat=True))
    held = statuses.count(OutboxMail.Status.HELD)
    gone = len(statuses) - held - statuses.count(OutboxMail.Status.DISCARDED)
    return {"rows": rows, "restorable": restorable, "held": held, "gone": gone}


def decision_preview(*, conference: Conference, submission_ids) -> list[Submission]:
    """The submissions a bulk action is about to touch, in id order (for its confirmation)."""
    return list(
        Submission.objects.sent_in()
        .filter(conference=conference, pk__in=list(submission_ids))
        .order_by("pk")
    )


def score_median(reviews) -> float | None:
    scores = [review.score for review in reviews]
    return statistics.median(scores) if scores else None


def submission_for_review(*, conference: Conference, pk: int, user) -> Submission:
    """A submission this team member may review and decide the track of, with its speakers;
    drafts and other tracks' are a 404."""
    submission = get_object_or_404(
        Submission.objects.sent_in()
        .select_related("conference", "track", "suggested_track")
        .prefetch_related(speakers_prefetch()),
        pk=pk,
        conference=conference,
    )
    if not can_review_submission(user, submission):
        raise Http404
    return submission


def reviews_of(*, submission: Submission) -> list[Review]:
    return list(submission.reviews.select_related("reviewer").order_by("created_at"))


def review_summary(*, reviews: list[Review]) -> dict:
    scores = [review.score for review in reviews]
    return {
        "count": len(scores),
        "mean": statistics.fmean(scores) if scores else None,
        "median": statistics.median(scores) if scores else None,
    }


def review_by(*, submission: Submission, user) -> Review | None:
    return Review.objects.filter(submission=submission, reviewer=user).first()


def submission_history(*, submission: Submission) -> QuerySet[SubmissionLog]:
    return submission.log.select_related("actor")


def near_duplicates_for(*, conference: Conference, user, submission_ids) -> dict[int, list]:
    """{submission id: [(other submission, similarity), ...]} for the given submissions.

    Drafts are left out, and so are submissions outside a track-limited reviewer's tracks.
    One query.
    """
    ids = set(submission_ids)
    if not ids:
        return {}
    pairs = (
        NearDuplicate.objects.filter(conference=conference)
        .filter(Q(first_id__in=ids) | Q(second_id__in=ids))
        .exclude(first__state=State.DRAFT)
        .exclude(second__state=State.DRAFT)
        .select_related("first", "second")
    )
    track_ids = None if is_organiser(user, conference) else review_track_ids(user, conference)
    found: dict[int, list] = defaultdict(list)
    for pair in pairs:
        for this, other in ((pair.first, pair.second), (pair.second, pair.first)):
            if this.pk not in ids:
                continue
            if track_ids is not None and other.review_track_id not in track_ids:
                continue
            found[this.pk].append((other, pair.similarity))
    return dict(found)


def reviewer_memberships(*, conference: Conference) -> QuerySet[Membership]:
    return (
        conference.memberships.filter(role=Role.REVIEWER)
        .select_related("user", "review_scope")
        .prefetch_related("review_scope__tracks")
        .order_by("user__username")
    )


def invitation_by_token(*, token: str) -> SpeakerInvitation:
    return get_object_or_404(
        SpeakerInvitation.objects.select_related("submission__conference", "invited_by"),
        token=token,
    )
