# Held mail is released or discarded by an organiser (discarded messages are kept, never sent);
# the outbox page filters by status and the rate limit counts the last minute's sends.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("conference", "0009_search_names")]

    operations = [
        migrations.AddField(
            model_name="outboxmail",
            name="discarded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="outboxmail",
            name="status",
            field=models.CharField(
                choices=[
                    ("held", "Held"),
                    ("queued", "Queued"),
                    ("sent", "Sent"),
                    ("failed", "Failed"),
                    ("discarded", "Discarded"),
                ],
                default="queued",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddIndex(
            model_name="outboxmail",
            index=models.Index(fields=["conference", "status"], name="outboxmail_conf_status"),
        ),
        migrations.AddIndex(
            model_name="outboxmail",
            index=models.Index(fields=["sent_at"], name="outboxmail_sent_at"),
        ),
    ]
