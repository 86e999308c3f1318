# The Chinese wording of what organisers write (issue 19): conference, track and ticket names.
# A database default of "", so that rows written without the columns (older code during a
# deploy, or historical models in migration tests) still insert.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("conference", "0010_mail_outbox")]

    operations = [
        migrations.AddField(
            model_name="conference",
            name="name_zh",
            field=models.CharField(
                blank=True, default="", db_default="", max_length=200, verbose_name="name (Chinese)"
            ),
        ),
        migrations.AddField(
            model_name="conference",
            name="description_zh",
            field=models.TextField(
                blank=True, default="", db_default="", verbose_name="description (Chinese)"
            ),
        ),
        migrations.AddField(
            model_name="track",
            name="name_zh",
            field=models.CharField(
                blank=True, default="", db_default="", max_length=100, verbose_name="name (Chinese)"
            ),
        ),
        migrations.AddField(
            model_name="track",
            name="description_zh",
            field=models.TextField(
                blank=True, default="", db_default="", verbose_name="description (Chinese)"
            ),
        ),
        migrations.AddField(
            model_name="tickettype",
            name="name_zh",
            field=models.CharField(
                blank=True, default="", db_default="", max_length=100, verbose_name="name (Chinese)"
            ),
        ),
    ]
