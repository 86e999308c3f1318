# Placeholder in the migration chain, filled by the change that needs it.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("talks", "0010_decision_log")]

    operations = []
