# The conflicts a release was published with (the publish page asks to confirm them).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0002_restrict_item_deletes")]

    operations = [
        migrations.AddField(
            model_name="release",
            name="conflicts",
            field=models.JSONField(
                blank=True, default=list, verbose_name="conflicts when published"
            ),
        ),
    ]
