"""0005-0007: the submitter FK and the speakers M2M become SubmissionSpeaker rows, and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("talks", "0004_submission_speakers")]
AFTER = [("talks", "0007_speakers_through")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def back_to_latest(transactional_db):
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_speakers_move_to_rows_submitter_first_and_back(back_to_latest):
    apps = migrate(BEFORE)
    User = apps.get_model("auth", "User")
    Submission = apps.get_model("talks", "Submission")
    co, submitter, solo = (User.objects.create(username=n) for n in ("co", "submitter", "solo"))
    conference = apps.get_model("conference", "Conference").objects.create(
        name="C", slug="c", start_date="2027-05-10", end_date="2027-05-11"
    )
    fields = {"conference": conference, "abstract": "A.", "format": "talk", "duration": 30}
    duo = Submission.objects.create(title="Duo", speaker=submitter, **fields)
    duo.speakers.add(co, submitter)  # the co-speaker's row came first
    alone = Submission.objects.create(title="Alone", speaker=solo, **fields)
    alone.speakers.add(solo)

    apps = migrate(AFTER)
    rows = apps.get_model("talks", "SubmissionSpeaker").objects.order_by("pk")
    assert list(rows.values_list("submission__title", "user__username", "position")) == [
        ("Duo", "submitter", 0),
        ("Duo", "co", 1),
        ("Alone", "solo", 0),
    ]

    apps = migrate(BEFORE)
    back = {s.title: s for s in apps.get_model("talks", "Submission").objects.all()}
    assert back["Duo"].speaker.username == "submitter"
    assert {u.username for u in back["Duo"].speakers.all()} == {"submitter", "co"}
    assert [u.username for u in back["Alone"].speakers.all()] == ["solo"]
