# Placeholder: its owner puts the operations here (keeps the migration numbers of parallel work apart).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("modeldemo", "0005_auto_assign_target")]

    operations = []
