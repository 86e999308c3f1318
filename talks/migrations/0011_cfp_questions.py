# The organisers' own call-for-papers questions, their scope and the speakers' answers.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("talks", "0010_decision_log")]

    operations = [
        migrations.CreateModel(
            name="CfpQuestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.CharField(max_length=300, verbose_name="question")),
                (
                    "help_text",
                    models.CharField(blank=True, max_length=500, verbose_name="help text"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("text", "Text"),
                            ("long_text", "Long text"),
                            ("choice", "One of several choices"),
                            ("multiple_choice", "Several choices"),
                            ("yes_no", "Yes or no"),
                            ("url", "Web address (URL)"),
                        ],
                        default="text",
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("options", models.JSONField(blank=True, default=list, verbose_name="choices")),
                ("required", models.BooleanField(default=False, verbose_name="required")),
                ("formats", models.JSONField(blank=True, default=list, verbose_name="formats")),
                ("all_tracks", models.BooleanField(default=True, verbose_name="every track")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("active", models.BooleanField(default=True, verbose_name="asked")),
                ("version", models.PositiveIntegerField(default=1)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "conference",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="cfp_questions",
                        to="conference.conference",
                    ),
                ),
            ],
            options={
                "verbose_name": "call-for-papers question",
                "verbose_name_plural": "call-for-papers questions",
                "ordering": ["position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="CfpQuestionTrack",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="talks.cfpquestion"
                    ),
                ),
                (
                    "track",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="conference.track"
                    ),
                ),
            ],
            options={
                "verbose_name": "question's track",
                "verbose_name_plural": "questions' tracks",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("question", "track"), name="cfp_question_track_unique"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="cfpquestion",
            name="tracks",
            field=models.ManyToManyField(
                blank=True,
                related_name="cfp_questions",
                through="talks.CfpQuestionTrack",
                to="conference.track",
                verbose_name="tracks",
            ),
        ),
        migrations.CreateModel(
            name="Answer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.JSONField(verbose_name="answer")),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "submission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="cfp_answers",
                        to="talks.submission",
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.RESTRICT,
                        related_name="answers",
                        to="talks.cfpquestion",
                    ),
                ),
            ],
            options={
                "verbose_name": "answer",
                "verbose_name_plural": "answers",
                "ordering": ["question__position", "question_id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("submission", "question"), name="cfp_answer_unique_per_question"
                    )
                ],
            },
        ),
    ]
