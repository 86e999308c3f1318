"""Every existing submission's owner becomes its first speaker (Submission.speakers)."""

from django.db import migrations


def add_owners(apps, schema_editor):
    Submission = apps.get_model("talks", "Submission")
    Through = Submission.speakers.through
    rows = [
        Through(submission_id=pk, user_id=speaker_id)
        for pk, speaker_id in Submission.objects.values_list("pk", "speaker_id").iterator()
    ]
    Through.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ("talks", "0003_cfp_speakers_reviews"),
    ]

    operations = [
        migrations.RunPython(add_owners, migrations.RunPython.noop),
    ]
