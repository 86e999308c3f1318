"""Every submission's speakers become SubmissionSpeaker rows: the submitter (the old FK) at
position 0, then the other speakers of the old many-to-many in the order they were added."""

from django.db import migrations


def copy_speakers(apps, schema_editor):
    Submission = apps.get_model("talks", "Submission")
    SubmissionSpeaker = apps.get_model("talks", "SubmissionSpeaker")
    OldThrough = Submission.speakers.through
    others: dict[int, list[int]] = {}
    for submission_id, user_id in OldThrough.objects.order_by("pk").values_list(
        "submission_id", "user_id"
    ):
        others.setdefault(submission_id, []).append(user_id)
    rows = []
    for pk, submitter_id in Submission.objects.order_by("pk").values_list("pk", "speaker_id"):
        user_ids = [submitter_id] if submitter_id else []
        user_ids += [u for u in others.get(pk, []) if u != submitter_id]
        rows += [
            SubmissionSpeaker(submission_id=pk, user_id=user_id, position=position)
            for position, user_id in enumerate(user_ids)
        ]
    SubmissionSpeaker.objects.bulk_create(rows, batch_size=1000)


def restore_speakers(apps, schema_editor):
    """The way back: the first speaker becomes the submitter FK, all of them the old M2M."""
    Submission = apps.get_model("talks", "Submission")
    SubmissionSpeaker = apps.get_model("talks", "SubmissionSpeaker")
    OldThrough = Submission.speakers.through
    submitters: dict[int, int] = {}
    rows = []
    for submission_id, user_id in SubmissionSpeaker.objects.order_by("position", "pk").values_list(
        "submission_id", "user_id"
    ):
        submitters.setdefault(submission_id, user_id)
        rows.append(OldThrough(submission_id=submission_id, user_id=user_id))
    for submission_id, user_id in submitters.items():
        Submission.objects.filter(pk=submission_id).update(speaker_id=user_id)
    OldThrough.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("talks", "0005_submissionspeaker"),
    ]

    operations = [
        migrations.RunPython(copy_speakers, restore_speakers),
    ]
