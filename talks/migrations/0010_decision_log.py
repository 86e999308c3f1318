"""The team's lists at scale: a folded search text on submissions, and the decision log."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from conference.text import fold


def fill_search_text(apps, schema_editor):
    """Fold every existing submission's text and speakers' names (what the services keep)."""
    Submission = apps.get_model("talks", "Submission")
    SubmissionSpeaker = apps.get_model("talks", "SubmissionSpeaker")
    SpeakerProfile = apps.get_model("talks", "SpeakerProfile")
    profiles = dict(SpeakerProfile.objects.values_list("user_id", "name"))
    names: dict[int, list[str]] = {}
    links = SubmissionSpeaker.objects.select_related("user").order_by("position", "pk")
    for link in links:
        user = link.user
        full = f"{user.first_name} {user.last_name}".strip()
        names.setdefault(link.submission_id, []).append(
            profiles.get(user.pk) or full or user.username
        )
    batch = []
    for submission in Submission.objects.only("pk", "title", "abstract").iterator():
        submission.search_text = fold(f"{submission.title} {submission.abstract}")
        submission.search_names = fold(" ".join(names.get(submission.pk, [])))
        batch.append(submission)
        if len(batch) >= 500:
            Submission.objects.bulk_update(batch, ["search_text", "search_names"])
            batch = []
    Submission.objects.bulk_update(batch, ["search_text", "search_names"])


class Migration(migrations.Migration):
    dependencies = [
        ("talks", "0009_review_phases"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="submission",
            name="search_names",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.CreateModel(
            name="Decision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("state", "Decision"), ("track", "Track")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("bulk", models.BooleanField(default=True, verbose_name="bulk")),
                ("description", models.CharField(max_length=200, verbose_name="what")),
                (
                    "count",
                    models.PositiveIntegerField(default=0, verbose_name="submissions"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("undone_at", models.DateTimeField(blank=True, null=True, verbose_name="undone")),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "conference",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="decisions",
                        to="conference.conference",
                    ),
                ),
                (
                    "undone_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "decision",
                "verbose_name_plural": "decision log",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["conference", "bulk", "created_at"],
                        name="talks_decis_confere_7c9c64_idx",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="DecisionItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("previous_state", models.CharField(blank=True, max_length=20)),
                ("new_state", models.CharField(blank=True, max_length=20)),
                ("previous_track_source", models.CharField(blank=True, max_length=20)),
                ("mail_ids", models.JSONField(default=list)),
                ("undone_at", models.DateTimeField(blank=True, null=True)),
                (
                    "decision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="talks.decision",
                    ),
                ),
                (
                    "new_track",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="conference.track",
                    ),
                ),
                (
                    "previous_track",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="conference.track",
                    ),
                ),
                (
                    "submission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="decision_items",
                        to="talks.submission",
                    ),
                ),
            ],
            options={
                "verbose_name": "decision item",
                "verbose_name_plural": "decision items",
                "ordering": ["pk"],
            },
        ),
    ]
