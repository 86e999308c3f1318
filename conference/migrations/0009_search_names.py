# Registrations get search_name, conference.text.fold of their name, for the attendee list's
# and the check-in desk's case- and accent-insensitive search; existing rows are filled here.

from django.db import migrations, models

from conference.text import fold


def fill_search_names(apps, schema_editor):
    Registration = apps.get_model("conference", "Registration")
    batch = []
    for registration in Registration.objects.only("pk", "name").iterator(chunk_size=2000):
        registration.search_name = fold(registration.name)
        batch.append(registration)
        if len(batch) == 2000:
            Registration.objects.bulk_update(batch, ["search_name"])
            batch = []
    Registration.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [("conference", "0008_accounts")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="search_name",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
    ]
