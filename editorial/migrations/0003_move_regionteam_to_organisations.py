"""RegionTeam moves to organisations (the teams API, organisations/teams.py); its table stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_group_approval_revision"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RegionTeam")],
            database_operations=[],
        ),
    ]
