# Each submission's written language, detected for the existing ones; the Chinese wording of the
# e-mail templates and the call for papers' text (issue 19).
import django.core.validators
from django.db import migrations, models

from conference.language import detect_language


def detect_existing(apps, schema_editor):
    Submission = apps.get_model("talks", "Submission")
    changed = []
    for submission in Submission.objects.only("pk", "title", "abstract").iterator():
        language = detect_language(f"{submission.title}. {submission.abstract}")
        if language != "en":
            submission.text_language = language
            changed.append(submission)
    Submission.objects.bulk_update(changed, ["text_language"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("talks", "0014_reviewer_assignment")]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="text_language",
            field=models.CharField(
                choices=[("en", "English"), ("zh-hans", "Simplified Chinese")],
                default="en",
                max_length=10,
                verbose_name="language of the abstract",
            ),
        ),
        migrations.AddField(
            model_name="submission",
            name="text_language_by_speaker",
            field=models.BooleanField(
                default=False, verbose_name="language of the abstract chosen by the speaker"
            ),
        ),
        migrations.RunPython(detect_existing, migrations.RunPython.noop, elidable=True),
        migrations.AddField(
            model_name="cfpsettings",
            name="text",
            field=models.TextField(
                blank=True, max_length=10000, verbose_name="call for papers text"
            ),
        ),
        migrations.AddField(
            model_name="cfpsettings",
            name="text_zh",
            field=models.TextField(
                blank=True, max_length=10000, verbose_name="call for papers text (Chinese)"
            ),
        ),
        migrations.AddField(
            model_name="mailtemplate",
            name="subject_zh",
            field=models.CharField(blank=True, max_length=255, verbose_name="subject (Chinese)"),
        ),
        migrations.AddField(
            model_name="mailtemplate",
            name="body_zh",
            field=models.TextField(
                blank=True,
                max_length=10000,
                validators=[django.core.validators.MaxLengthValidator(10000)],
                verbose_name="body (Chinese)",
            ),
        ),
    ]
