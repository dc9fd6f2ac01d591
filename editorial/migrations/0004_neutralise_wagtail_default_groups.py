"""Wagtail's default "Editors" and "Moderators" groups hold rights on the whole tree: take them away."""

from django.db import migrations


def forwards(apps, schema_editor):
    """As ``editorial.roles.neutralise_default_groups`` (kept here as it was when written)."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    User = apps.get_model("auth", "User")
    for group in Group.objects.filter(name__in=("Editors", "Moderators")):
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        group.permissions.clear()
        if not User.objects.filter(groups=group).exists():
            group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_move_regionteam_to_organisations"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
