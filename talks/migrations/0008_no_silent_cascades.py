"""No silent cascades of people's work (issue 14): track references RESTRICT, user references
to work PROTECT, ReviewerScope.tracks through an explicit model (same table) so that its track
side can RESTRICT too, and Membership.reviews_all_tracks filled from the old "no tracks means
all tracks" rule."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_reviews_all_tracks(apps, schema_editor):
    # 0006 added the flag as True everywhere; a reviewer limited to tracks has it off.
    Membership = apps.get_model("conference", "Membership")
    ReviewerScopeTrack = apps.get_model("talks", "ReviewerScopeTrack")
    limited = ReviewerScopeTrack.objects.values("reviewerscope__membership_id")
    Membership.objects.filter(pk__in=limited).update(reviews_all_tracks=False)


def keep_old_rule(apps, schema_editor):
    """Backwards the flag simply disappears: "no tracks" means all tracks again."""


class Migration(migrations.Migration):
    dependencies = [
        ("conference", "0006_membership_reviews_all_tracks"),
        ("talks", "0007_speakers_through"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="prediction",
            name="track",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="predictions",
                to="conference.track",
            ),
        ),
        migrations.AlterField(
            model_name="review",
            name="reviewer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reviews",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="suggested_track",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="suggested_submissions",
                to="conference.track",
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="track",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="submissions",
                to="conference.track",
            ),
        ),
        migrations.AlterField(
            model_name="submissionspeaker",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="submission_links",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        # The table the plain many-to-many created stays as it is: only Django's state learns
        # about the model that now names it.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReviewerScopeTrack",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "reviewerscope",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="talks.reviewerscope",
                            ),
                        ),
                        (
                            "track",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.RESTRICT,
                                to="conference.track",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "reviewer's track",
                        "verbose_name_plural": "reviewers' tracks",
                        "db_table": "talks_reviewerscope_tracks",
                        "unique_together": {("reviewerscope", "track")},
                    },
                ),
                migrations.AlterField(
                    model_name="reviewerscope",
                    name="tracks",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="reviewer_scopes",
                        through="talks.ReviewerScopeTrack",
                        to="conference.track",
                        verbose_name="tracks",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(fill_reviews_all_tracks, keep_old_rule),
    ]
