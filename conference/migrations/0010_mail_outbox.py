# Placeholder in the migration chain, filled by the change that needs it.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("conference", "0009_search_names")]

    operations = []
