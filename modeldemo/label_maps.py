"""Label mappings: how an imported data set's labels become this conference's tracks.

Services (writes) and the reads that training needs. The proposal itself is modeldemo.mapping.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from conference.models import Conference
from conference.rules import is_organiser
from modeldemo.gate import is_held_out
from modeldemo.mapping import LabelProposal, propose_mapping
from modeldemo.models import LabelMapping, ModelVersion
from talks import selectors as talk_selectors
from talks.enums import ExampleSource


def track_texts(conference: Conference) -> dict[str, str]:
    """{track name: the text its zero-shot embedding comes from}."""
    return {track.name: track.categoriser_text for track in conference.tracks.all()}


def source_examples(*, dataset: str) -> dict[str, list[str]]:
    """{label: texts} of an imported data set, labels in the order first seen."""
    examples: dict[str, list[str]] = defaultdict(list)
    for text, label in talk_selectors.dataset_examples(dataset=dataset):
        examples[label].append(text)
    return dict(examples)


def labels_needing_mapping(*, conference: Conference, dataset: str) -> list[str]:
    """The data set's labels that name no track of the conference (by name or slug)."""
    keys = set()
    for track in conference.tracks.all():
        keys |= {track.name.casefold(), track.slug.casefold()}
    return [
        label
        for label in talk_selectors.dataset_labels(dataset=dataset)
        if label.casefold() not in keys
    ]


# The mapping page shows a proposal and then saves the organiser's answer to it: the same
# MiniLM encoding twice within minutes, unless it is kept.
PROPOSAL_CACHE_SECONDS = 600


def propose_label_mapping(
    *, conference: Conference, dataset: str, encoder=None, examples=None
) -> list[LabelProposal]:
    """The app's proposal for every label of `dataset` (loads the MiniLM encoder).

    `examples`: the data set's {label: texts} when the caller read them already. With the
    packaged encoder the proposal is kept in the cache for ten minutes, keyed by the tracks'
    texts and the examples, so a changed track or data set is proposed anew.
    """
    examples = source_examples(dataset=dataset) if examples is None else examples
    tracks = track_texts(conference)
    key = None
    if encoder is None:
        fingerprint = json.dumps([tracks, examples], sort_keys=True).encode()
        key = f"label-proposal:{hashlib.sha256(fingerprint).hexdigest()}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        from modeldemo.bert.encoder import get_encoder

        encoder = get_encoder()
    proposals = propose_mapping(examples=examples, tracks=tracks, encoder=encoder)
    if key is not None:
        cache.set(key, proposals, PROPOSAL_CACHE_SECONDS)
    return proposals


def label_mapping_for(*, conference: Conference, dataset: str) -> LabelMapping | None:
    return LabelMapping.objects.filter(conference=conference, dataset=dataset).first()


@transaction.atomic
def save_label_mapping(
    *,
    conference: Conference,
    dataset: str,
    mapping: Mapping[str, str | None],
    user=None,
    proposals: Sequence[LabelProposal] | None = None,
) -> LabelMapping:
    """Store {source label: track name or None (ignore)} for a data set of the conference.

    Refused when a value names no track. A mapping that changes marks every version trained on
    it stale. Side effects: the LabelMapping row (revision + 1 when changed), stale versions.
    `user` None: the operator (a command), no permission check.
    """
    if user is not None and not is_organiser(user, conference):
        raise PermissionDenied
    tracks = {track.name: track.pk for track in conference.tracks.all()}
    unknown = sorted({name for name in mapping.values() if name and name not in tracks})
    if unknown:
        raise ValidationError(
            _("Not a track of this conference: %(names)s") % {"names": ", ".join(unknown)}
        )
    stored = {label: tracks[name] if name else None for label, name in mapping.items()}
    row = (
        LabelMapping.objects.select_for_update()
        .filter(conference=conference, dataset=dataset)
        .first()
    )
    if row is None:
        row = LabelMapping(conference=conference, dataset=dataset, revision=1)
    elif row.mapping != stored:
        row.revision += 1
        mark_versions_stale(conference=conference, dataset=dataset)
    row.mapping = stored
    if proposals is not None:
        row.proposal = [proposal.as_dict() for proposal in proposals]
    row.save()
    return row


def mark_versions_stale(*, conference: Conference, dataset: str) -> int:
    versions = ModelVersion.objects.filter(
        conference=conference, training_config__mappings__has_key=dataset
    )
    return versions.update(is_stale=True)


def accept_label_mapping(
    *, conference: Conference, dataset: str, user=None, encoder=None
) -> list[LabelProposal]:
    """Propose and store the proposal as is (the organiser's "accept all")."""
    proposals = propose_label_mapping(conference=conference, dataset=dataset, encoder=encoder)
    save_label_mapping(
        conference=conference,
        dataset=dataset,
        mapping={p.label: p.track for p in proposals},
        user=user,
        proposals=proposals,
    )
    return proposals


def training_examples(
    *, conference: Conference, datasets: Sequence[str] = ()
) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """(text, track name) pairs to train the conference's categoriser on, and the mapping
    revision of each data set used.

    Imported examples go through their data set's mapping (without one, only labels that name
    a track count); ignored labels are left out. Decisions of this conference's people count
    too, except the gate's held-out share (modeldemo.gate), which no version trains on.
    """
    tracks = list(conference.tracks.all())
    by_pk = {track.pk: track.name for track in tracks}
    by_key = {}
    for track in tracks:
        by_key[track.name.casefold()] = track.name
        by_key[track.slug.casefold()] = track.name
    mappings = {
        row.dataset: row
        for row in LabelMapping.objects.filter(conference=conference, dataset__in=list(datasets))
    }
    imported, decided = [], []
    for row in talk_selectors.labelled_examples(conference=conference, datasets=datasets):
        if row.source == ExampleSource.REVIEW:
            if row.submission_id is None or is_held_out(row.submission_id):
                continue
            name = by_key.get(row.label.casefold())
        elif row.dataset in mappings:
            name = by_pk.get(mappings[row.dataset].mapping.get(row.label))
        else:
            name = by_key.get(row.label.casefold())
        if name:
            (decided if row.source == ExampleSource.REVIEW else imported).append((row.text, name))
    # Imported first, in the order they were held (oldest programmes first), then decisions.
    return imported + decided, {dataset: row.revision for dataset, row in mappings.items()}


def imported_count(*, conference: Conference | None, datasets: Sequence[str]) -> int:
    """How many of training_examples' pairs (at their head) come from imported data sets."""
    if conference is None:
        return 0
    pairs, _revisions = training_examples(conference=conference, datasets=datasets)
    decided = sum(
        1
        for row in talk_selectors.labelled_examples(conference=conference)
        if row.source == ExampleSource.REVIEW
        and row.submission_id is not None
        and not is_held_out(row.submission_id)
        and row.label in {name for _, name in pairs}
    )
    return len(pairs) - decided


def mapping_revisions(*, conference: Conference | None, datasets: Sequence[str]) -> dict[str, int]:
    """{data set: revision} of the conference's stored mappings of these data sets."""
    if conference is None:
        return {}
    rows = LabelMapping.objects.filter(conference=conference, dataset__in=list(datasets))
    return dict(rows.values_list("dataset", "revision"))


def gate_examples(*, conference: Conference) -> list[tuple[str, str]]:
    """(text, track name) of the decisions held out from every training, for the gate."""
    names = {track.name for track in conference.tracks.all()}
    return [
        (row.text, row.label)
        for row in talk_selectors.labelled_examples(conference=conference)
        if row.source == ExampleSource.REVIEW
        and row.submission_id is not None
        and is_held_out(row.submission_id)
        and row.label in names
    ]


def last_decision_pk(*, conference: Conference | None) -> int:
    """The newest decision's example number (0 without any): what a training has seen."""
    if conference is None:
        return 0
    return (
        talk_selectors.labelled_examples(conference=conference)
        .filter(source=ExampleSource.REVIEW)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
        or 0
    )


def decided_examples(*, conference: Conference) -> list[tuple[int, str, str, bool, bool]]:
    """(example number, text, track name, held out by the gate, a spot check of the track
    queue) of every decision by a person in this conference's review, oldest first."""
    names = {track.name for track in conference.tracks.all()}
    return [
        (
            row.pk,
            row.text,
            row.label,
            is_held_out(row.submission_id),
            talk_selectors.is_spot_check(row.submission_id),
        )
        for row in talk_selectors.labelled_examples(conference=conference)
        if row.source == ExampleSource.REVIEW
        and row.submission_id is not None
        and row.label in names
    ]


def current_mapping(*, conference: Conference, stored: LabelMapping | None) -> dict:
    """{label: track name or None} of a stored mapping (a deleted track reads as None)."""
    if stored is None:
        return {}
    names = {track.pk: track.name for track in conference.tracks.all()}
    return {label: names.get(pk) for label, pk in stored.mapping.items()}


def import_uploaded_examples(
    *,
    conference: Conference,
    user,
    file,
    dataset: str,
    text_fields: str,
    label_field: str,
    format: str = "auto",
) -> tuple[str, list[tuple[int, str]]]:
    """Import an uploaded JSONL/CSV file, all or nothing: (data set, [(line, problem)]).

    Nothing is imported when any line is bad; the problems name their lines.
    """
    import tempfile
    from pathlib import Path

    from modeldemo.datasets import read_labelled_file
    from talks.services import import_labelled_examples

    if not is_organiser(user, conference):
        raise PermissionDenied
    suffix = Path(file.name).suffix.lower() or ".jsonl"
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in file.chunks():
            handle.write(chunk)
        handle.flush()
        try:
            parsed = read_labelled_file(
                handle.name,
                text_fields=[f.strip() for f in text_fields.split(",") if f.strip()],
                label_field=label_field.strip(),
                fmt=format,
            )
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("The file is not UTF-8 text (byte %(at)d): upload JSONL, CSV or a schedule.")
                % {"at": error.start}
            ) from None
    name = dataset.strip() or Path(file.name).name
    if parsed.errors:
        return name, parsed.errors
    if not parsed.rows:
        raise ValidationError(_("The file holds no examples."))
    import_labelled_examples(rows=parsed.rows, dataset=name)
    return name, []
