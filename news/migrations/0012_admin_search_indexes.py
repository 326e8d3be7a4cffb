"""On PostgreSQL, index the columns the news admin searches by their trigrams.

The admin finds a story by any part of its title, summary or slug, in English
or Japanese (`icontains`, which Django writes as `UPPER(column::text) LIKE
UPPER('%part%')`). A trigram index on `UPPER(column)` answers that for a part
of three letters or more, where each search read every story. (A part of two,
地震, has no trigram: it is still found, by reading the stories.) Other
databases search the columns directly; the indexes are not model state, since
the ORM cannot declare an index SQLite refuses.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

COLUMNS = ("title_en", "title_ja", "summary_en", "summary_ja", "slug")


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX news_search_{column} ON news_newsitem USING gin (upper({column}) gin_trgm_ops)"
        )


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX news_search_{column}")


class Migration(migrations.Migration):
    dependencies = [("news", "0011_merge_0010_hero_focus_0010_storydocument")]

    # pg_trgm is a trusted extension (PostgreSQL 13 and later): the site's own user may create it.
    operations = [TrigramExtension(), migrations.RunPython(add_indexes, remove_indexes, elidable=False)]
