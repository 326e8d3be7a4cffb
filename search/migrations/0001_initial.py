"""The search index moves from `balkan` to its own app, in place: its table keeps its name."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("balkan", "0004_audit_log"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchDocument",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("news", "News"), ("countries", "Countries"), ("chronology", "Chronology"), ("partners", "Partners")], max_length=20, verbose_name="kind")),
                        ("object_id", models.PositiveBigIntegerField(verbose_name="object ID")),
                        ("language", models.CharField(max_length=10, verbose_name="language")),
                        ("title", models.TextField(verbose_name="title")),
                        ("summary", models.TextField(blank=True, verbose_name="summary")),
                        ("body", models.TextField(blank=True, verbose_name="body")),
                        ("path", models.CharField(max_length=500, verbose_name="address")),
                        ("date", models.DateField(blank=True, null=True, verbose_name="date")),
                        ("date_precision", models.CharField(choices=[("year", "Year"), ("month", "Month"), ("day", "Day")], default="day", max_length=5, verbose_name="date precision")),
                        ("title_terms", models.TextField(verbose_name="title terms")),
                        ("summary_terms", models.TextField(blank=True, verbose_name="summary terms")),
                        ("body_terms", models.TextField(blank=True, verbose_name="body terms")),
                    ],
                    options={
                        "verbose_name": "search document",
                        "verbose_name_plural": "search documents",
                        "db_table": "balkan_searchdocument",
                        "constraints": [models.UniqueConstraint(fields=("kind", "object_id", "language"), name="one_search_document_per_language")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=40, unique=True, verbose_name="term")),
                ("length", models.PositiveSmallIntegerField(verbose_name="length")),
                ("head", models.CharField(max_length=1, verbose_name="first letter")),
                ("tail", models.CharField(max_length=1, verbose_name="last letter")),
            ],
            options={
                "verbose_name": "search term",
                "verbose_name_plural": "search terms",
                "indexes": [
                    models.Index(fields=["head", "length"], name="search_term_head"),
                    models.Index(fields=["tail", "length"], name="search_term_tail"),
                ],
            },
        ),
    ]
