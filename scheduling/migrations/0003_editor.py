# Placeholder in the migration chain, filled by the change that needs it.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0002_restrict_item_deletes")]

    operations = []
