"""Review phases, score categories, review settings and reviewer assignments (issue 16)."""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conference", "0006_membership_reviews_all_tracks"),
        ("talks", "0008_no_silent_cascades"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "min_reviews",
                    models.PositiveSmallIntegerField(
                        default=2,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(20),
                        ],
                        verbose_name="minimum reviews per submission",
                    ),
                ),
                (
                    "conference",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="review_settings",
                        to="conference.conference",
                    ),
                ),
            ],
            options={
                "verbose_name": "review settings",
                "verbose_name_plural": "review settings",
            },
        ),
        migrations.CreateModel(
            name="ScoreCategory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "weight",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("1"),
                        max_digits=4,
                        validators=[
                            django.core.validators.MinValueValidator(Decimal("0.01")),
                            django.core.validators.MaxValueValidator(Decimal("10")),
                        ],
                        verbose_name="weight",
                    ),
                ),
                (
                    "counts_toward_total",
                    models.BooleanField(default=True, verbose_name="counts toward the total"),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "conference",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="score_categories",
                        to="conference.conference",
                    ),
                ),
            ],
            options={
                "verbose_name": "score category",
                "verbose_name_plural": "score categories",
                "ordering": ["position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ReviewScore",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "value",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(5),
                        ],
                        verbose_name="score",
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="scores",
                        to="talks.review",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="scores",
                        to="talks.scorecategory",
                    ),
                ),
            ],
            options={
                "verbose_name": "category score",
                "verbose_name_plural": "category scores",
                "ordering": ["category__position", "category_id"],
            },
        ),
        migrations.CreateModel(
            name="ReviewAssignment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="assigned")),
                (
                    "assigned_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "reviewer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="review_assignments",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "submission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assignments",
                        to="talks.submission",
                    ),
                ),
            ],
            options={
                "verbose_name": "review assignment",
                "verbose_name_plural": "review assignments",
                "ordering": ["at", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("submission", "reviewer"), name="review_assignment_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReviewPhase",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "start",
                    models.DateTimeField(blank=True, null=True, verbose_name="planned start"),
                ),
                ("end", models.DateTimeField(blank=True, null=True, verbose_name="planned end")),
                (
                    "reviewers_see_scores",
                    models.BooleanField(
                        default=False,
                        help_text="Their scores and comments; organisers always see them.",
                        verbose_name="reviewers see the other reviews",
                    ),
                ),
                (
                    "reviewers_see_names",
                    models.BooleanField(
                        default=False,
                        help_text="Otherwise the other reviews are shown as “Reviewer 1”, “Reviewer 2”…",  # noqa: E501
                        verbose_name="reviewers see who wrote them",
                    ),
                ),
                ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="started")),
                ("ended_at", models.DateTimeField(blank=True, null=True, verbose_name="ended")),
                (
                    "conference",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="review_phases",
                        to="conference.conference",
                    ),
                ),
            ],
            options={
                "verbose_name": "review phase",
                "verbose_name_plural": "review phases",
                "ordering": [models.OrderBy(models.F("start"), nulls_last=True), "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(
                            ("ended_at__isnull", True), ("started_at__isnull", False)
                        ),
                        fields=("conference",),
                        name="review_phase_one_open",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("start__isnull", True),
                            ("end__isnull", True),
                            ("end__gte", models.F("start")),
                            _connector="OR",
                        ),
                        name="review_phase_end_after_start",
                    ),
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="scorecategory",
            constraint=models.CheckConstraint(
                condition=models.Q(("weight__gt", 0)), name="score_category_weight_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewscore",
            constraint=models.UniqueConstraint(
                fields=("review", "category"), name="review_score_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewscore",
            constraint=models.CheckConstraint(
                condition=models.Q(("value__gte", 0), ("value__lte", 5)),
                name="review_score_value_range",
            ),
        ),
    ]
