from django.db import migrations, models


class Migration(migrations.Migration):
    # Apart from 0003 so that the numbering's row updates are committed before the table is altered (PostgreSQL).
    dependencies = [
        ("events", "0003_registration_queue_number"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.UniqueConstraint(
                fields=("event", "queue_number"), name="events_registration_unique_queue_number"
            ),
        ),
    ]
