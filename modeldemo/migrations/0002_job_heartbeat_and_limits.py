import django.utils.timezone
from django.db import migrations, models
from django.db.models.functions import Coalesce

ACTIVE = ["queued", "running"]


def prepare_existing_jobs(apps, schema_editor):
    """Give old jobs a heartbeat, and fail all but the newest active job of a kind per conference
    (before this migration nothing stopped a client queueing several; the new constraints would
    refuse them)."""
    Job = apps.get_model("modeldemo", "Job")
    Job.objects.update(updated_at=Coalesce("finished_at", "created_at"))
    newest = {}
    for job in Job.objects.filter(status__in=ACTIVE).order_by("-created_at", "-pk"):
        key = (job.conference_id, job.kind)
        if key in newest:
            Job.objects.filter(pk=job.pk).update(
                status="failed",
                error="superseded: only one job of a kind runs per conference",
                finished_at=django.utils.timezone.now(),
            )
        else:
            newest[key] = job.pk


class Migration(migrations.Migration):
    dependencies = [
        ("modeldemo", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="error",
            field=models.TextField(blank=True, verbose_name="error"),
        ),
        migrations.AddField(
            model_name="job",
            name="updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="job",
            name="worker",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(prepare_existing_jobs, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(fields=["status", "updated_at"], name="job_status_updated"),
        ),
        migrations.AddConstraint(
            model_name="job",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "train"), ("status__in", ["queued", "running"])),
                fields=("conference",),
                name="one_training_per_conference",
            ),
        ),
        migrations.AddConstraint(
            model_name="job",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "recategorise"), ("status__in", ["queued", "running"])),
                fields=("conference",),
                name="one_recategorisation_per_conference",
            ),
        ),
    ]
