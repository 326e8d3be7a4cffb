"""Once created the Editors and Publishers groups here; `workflow.roles` now keeps them complete after every migrate.

(The roles name every app's permissions, so they live with the editorial workflow,
not in the news app; this step is kept, empty, so that the migration graph stays
as deployed databases have it.)
"""

from django.db import migrations


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

    operations = []
