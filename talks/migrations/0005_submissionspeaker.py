"""Speakers become rows of one through model, SubmissionSpeaker (schema, first step).

The submitter FK is made nullable here so that the way back (0006's reverse) can refill it
before it is made required again.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("talks", "0004_submission_speakers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SubmissionSpeaker",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(verbose_name="position")),
                (
                    "submission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="speaker_links",
                        to="talks.submission",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="submission_links",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "submission speaker",
                "verbose_name_plural": "submission speakers",
                "ordering": ["position", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="submissionspeaker",
            constraint=models.UniqueConstraint(
                fields=("submission", "user"), name="submission_speaker_unique"
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="speaker",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="submissions",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
