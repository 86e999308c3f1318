# Each e-mail template says whether its messages go out at once or wait in the outbox.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("talks", "0011_cfp_questions")]

    operations = [
        migrations.AddField(
            model_name="mailtemplate",
            name="delivery",
            field=models.CharField(
                choices=[("send", "Send at once"), ("hold", "Hold in the outbox for review")],
                default="send",
                max_length=10,
                verbose_name="delivery",
            ),
        ),
    ]
