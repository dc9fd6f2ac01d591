from django.db import migrations, models


def number_existing_registrations(apps, schema_editor):
    """Give existing registrations their order of arrival as it was: by registration time."""
    Registration = apps.get_model("events", "Registration")
    counters = {}
    for registration in Registration.objects.order_by("event_id", "created_at", "pk").only("pk", "event_id"):
        counters[registration.event_id] = counters.get(registration.event_id, 0) + 1
        Registration.objects.filter(pk=registration.pk).update(queue_number=counters[registration.event_id])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_registrations"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="queue_number",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="number in the order of arrival"),
            preserve_default=False,
        ),
        migrations.RunPython(number_existing_registrations, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="registration",
            options={
                "ordering": ["event", "queue_number", "pk"],
                "verbose_name": "event registration",
                "verbose_name_plural": "event registrations",
            },
        ),
    ]
