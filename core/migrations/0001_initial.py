"""Old slugs move here from the `balkan` app; their table stays where it is."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("balkan", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OldSlug",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("slug", models.SlugField(max_length=200)),
                        ("changed_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "old slug",
                        "verbose_name_plural": "old slugs",
                        "db_table": "balkan_oldslug",
                        "constraints": [
                            models.UniqueConstraint(fields=("content_type", "slug"), name="unique_old_slug_per_type")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
