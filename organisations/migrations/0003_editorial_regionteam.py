"""RegionTeam, moved here from editorial (branch `editorial`): the model takes over the existing table."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Keep the model's content type (and so its permissions) under its new app label."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="organisations", model="regionteam").exists():
        ContentType.objects.filter(app_label="editorial", model="regionteam").update(app_label="organisations")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="editorial", model="regionteam").exists():
        ContentType.objects.filter(app_label="organisations", model="regionteam").update(app_label="editorial")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0003_move_regionteam_to_organisations"),
        ("organisations", "0002_contactperson_draft_state_and_locking"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RegionTeam",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        (
                            "region",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="team",
                                to="organisations.region",
                                verbose_name="region",
                            ),
                        ),
                        (
                            "editors",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="editor_of_region",
                                to="auth.group",
                                verbose_name="editors",
                            ),
                        ),
                        (
                            "moderators",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="moderator_of_region",
                                to="auth.group",
                                verbose_name="moderators",
                            ),
                        ),
                        (
                            "collection",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="region_team",
                                to="wagtailcore.collection",
                                verbose_name="collection",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "regional editorial team",
                        "verbose_name_plural": "regional editorial teams",
                        "db_table": "editorial_regionteam",
                        "ordering": ["region__sort_order", "region__name"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
