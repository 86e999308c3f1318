# The automatic draft schedule: the solver's settings per conference, its runs, applied drafts.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conference", "0011_bilingual"),
        ("scheduling", "0003_editor"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SolverRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("done", "Done"),
                            ("failed", "Failed"),
                            ("stopped", "Stopped"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                ("options", models.JSONField(blank=True, default=dict)),
                ("optional", models.JSONField(blank=True, default=list)),
                ("revision", models.PositiveIntegerField(blank=True, null=True)),
                ("baseline", models.JSONField(blank=True, default=dict)),
                ("progress", models.JSONField(blank=True, default=dict)),
                ("stop_requested", models.BooleanField(default=False)),
                ("solution", models.JSONField(blank=True, default=dict)),
                ("changes", models.JSONField(blank=True, default=list)),
                ("error", models.TextField(blank=True, verbose_name="error")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "conference",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="solver_runs",
                        to="conference.conference",
                    ),
                ),
                (
                    "started_by",
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
                "verbose_name": "solver run",
                "verbose_name_plural": "solver runs",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="SolverApplication",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("entries", models.JSONField(blank=True, default=list)),
                ("skipped", models.JSONField(blank=True, default=list)),
                ("applied_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("undone_at", models.DateTimeField(blank=True, null=True)),
                ("undo_skipped", models.JSONField(blank=True, default=list)),
                (
                    "applied_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "run",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="applications",
                        to="scheduling.solverrun",
                    ),
                ),
            ],
            options={
                "verbose_name": "applied draft",
                "verbose_name_plural": "applied drafts",
                "ordering": ["-applied_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="SolverSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("weights", models.JSONField(blank=True, default=dict, verbose_name="weights")),
                ("room_ids", models.JSONField(blank=True, default=list, verbose_name="rooms")),
                ("days", models.JSONField(blank=True, default=list, verbose_name="days")),
                (
                    "time_limit_seconds",
                    models.PositiveIntegerField(default=30, verbose_name="time limit (seconds)"),
                ),
                (
                    "keep_placed",
                    models.BooleanField(
                        default=False, verbose_name="keep the talks already placed"
                    ),
                ),
                (
                    "keep_fixed",
                    models.JSONField(
                        blank=True, default=list, verbose_name="talks kept where they are"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "conference",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="solver_settings",
                        to="conference.conference",
                    ),
                ),
            ],
            options={
                "verbose_name": "solver settings",
                "verbose_name_plural": "solver settings",
            },
        ),
        migrations.AddIndex(
            model_name="solverrun",
            index=models.Index(fields=["conference", "-created_at"], name="solver_run_recent"),
        ),
    ]
