"""Old slugs now belong to the `core` app; their table stays where it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("balkan", "0005_searchdocument_moves_to_search"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OldSlug")],
            database_operations=[],
        ),
    ]
