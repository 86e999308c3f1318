"""Drop the submitter FK and the old many-to-many: Submission.speakers now goes through
SubmissionSpeaker (the rows 0006 filled)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("talks", "0006_copy_speakers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(model_name="submission", name="speaker"),
        migrations.RemoveField(model_name="submission", name="speakers"),
        migrations.AddField(
            model_name="submission",
            name="speakers",
            field=models.ManyToManyField(
                related_name="speaking_submissions",
                through="talks.SubmissionSpeaker",
                to=settings.AUTH_USER_MODEL,
                verbose_name="speakers",
            ),
        ),
    ]
