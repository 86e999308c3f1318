"""Label mappings: stored, applied to training, editable, and stale versions."""

import pytest
from django.core.exceptions import ValidationError

from modeldemo import label_maps
from modeldemo.models import LabelMapping, ModelVersion
from talks.services import import_labelled_examples
from tests.modeldemo.test_mapping import WordEncoder


@pytest.fixture
def word_tracks(conference):
    from tests.factories import TrackFactory

    return [
        TrackFactory(conference=conference, name="Languages", slug="lang", description="Python"),
        TrackFactory(conference=conference, name="Systems", slug="sys", description="Linux kernel"),
    ]


@pytest.fixture
def past(db):
    rows = [
        ("Typing in python. Abstract", "python-devroom"),
        ("A python compiler. Abstract", "python-devroom"),
        ("Linux scheduling. Abstract", "kernel"),
        ("Cat pictures. Abstract", "cats"),
    ]
    import_labelled_examples(rows=rows, dataset="past")
    return "past"


def test_accepted_proposal_is_stored_and_relabels_training(conference, word_tracks, past):
    proposals = label_maps.accept_label_mapping(
        conference=conference, dataset=past, encoder=WordEncoder()
    )

    assert [(p.label, p.track) for p in proposals] == [
        ("python-devroom", "Languages"),
        ("cats", None),
        ("kernel", "Systems"),
    ]
    row = LabelMapping.objects.get(conference=conference, dataset="past")
    assert row.mapping == {
        "python-devroom": word_tracks[0].pk,
        "cats": None,
        "kernel": word_tracks[1].pk,
    }
    pairs, revisions = label_maps.training_examples(conference=conference, datasets=["past"])
    assert sorted(pairs) == [
        ("A python compiler. Abstract", "Languages"),
        ("Linux scheduling. Abstract", "Systems"),
        ("Typing in python. Abstract", "Languages"),
    ]
    assert revisions == {"past": 1}


def test_changing_a_mapping_marks_its_versions_stale(conference, word_tracks, past):
    mapping = {"python-devroom": "Languages", "kernel": "Systems", "cats": None}
    label_maps.save_label_mapping(conference=conference, dataset=past, mapping=mapping)
    trained = ModelVersion.objects.create(
        conference=conference, kind="mlp", status="ready", training_config={"mappings": {"past": 1}}
    )
    other = ModelVersion.objects.create(conference=conference, kind="mlp", status="ready")

    label_maps.save_label_mapping(conference=conference, dataset=past, mapping=mapping)
    trained.refresh_from_db()
    assert trained.is_stale is False
    row = label_maps.save_label_mapping(
        conference=conference, dataset=past, mapping={**mapping, "cats": "Systems"}
    )

    trained.refresh_from_db()
    other.refresh_from_db()
    assert (row.revision, trained.is_stale, other.is_stale) == (2, True, False)


def test_a_mapping_to_an_unknown_track_is_refused(conference, word_tracks, past):
    with pytest.raises(ValidationError, match="Not a track of this conference: Cooking"):
        label_maps.save_label_mapping(
            conference=conference, dataset=past, mapping={"cats": "Cooking"}
        )


def test_labels_needing_mapping(conference, word_tracks, db):
    import_labelled_examples(rows=[("a", "Languages"), ("b", "sys"), ("c", "x")], dataset="d")

    assert label_maps.labels_needing_mapping(conference=conference, dataset="d") == ["x"]
