"""Create the Editors and Publishers groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from news.roles import sync_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after the last migration (post_migrate);
    # the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("balkan", "0001_initial"),
        ("countries", "0001_initial"),
        ("partners", "0001_initial"),
        ("chronology", "0002_initial"),
        ("news", "0002_workflow_fields_and_publish_permission"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
