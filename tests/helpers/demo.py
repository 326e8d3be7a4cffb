"""The demo site in a test: `load_demo` run once per test process, its rows and files copied into each test.

The command makes about 2,000 queries and draws 23 pictures: 3 s on an idle
machine and more on a busy one, and a hundred tests read the demo. Once per
test process it runs in a transaction that is then rolled back; the rows it
added are kept in memory and its files in a folder. A test that asks for the
demo gets those rows (one bulk insert per table, in one transaction: the rows
already hold what the command's signals made, the search index included) and
a copy of the files. References to content types and permissions are kept by
their natural keys, as a flushed database numbers them afresh.

tests/balkan/test_demo.py shows that the copy equals what the command makes.
The snapshot is taken by a session fixture (tests/conftest.py), before any
test's own rows; if a test already holds rows under the same keys, the
command runs instead.
"""

import shutil
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from pagecache.models import PendingBump
from pagecache.store import refresh_every_page

# Rows that name these by number are stored with their natural keys instead.
BY_NATURAL_KEY = {
    ContentType: ContentType.objects.get_by_natural_key,
    Permission: Permission.objects.get_by_natural_key,
}


def tables():
    """Return every model with a table of its own, many-to-many links included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model not in BY_NATURAL_KEY
    ]


def is_content(model):
    # The outbox of cache refreshes is not content: the command's are delivered when it commits (the
    # snapshot's never are), and a copy ends with its own refresh of every page.
    return model is not PendingBump


class Snapshot:
    """The rows and files `load_demo` adds to the database as it is."""

    def __init__(self):
        self.media = Path(tempfile.mkdtemp(prefix="demo-media-"))
        models = [model for model in tables() if is_content(model)]
        before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in models}
        self.rows = {}  # model: (attnames, [row], {attname: (related model, {number: natural key})})
        with override_settings(MEDIA_ROOT=self.media), transaction.atomic():
            call_command("load_demo", verbosity=0)
            for model in models:
                self._keep(model, before[model])
            transaction.set_rollback(True)

    def _keep(self, model, before):
        fields = model._meta.concrete_fields
        attnames = [field.attname for field in fields]
        pk_index = attnames.index(model._meta.pk.attname)
        rows = [row for row in model._base_manager.values_list(*attnames) if row[pk_index] not in before]
        if not rows:
            return
        named = {}
        for index, field in enumerate(fields):
            if field.is_relation and field.related_model in BY_NATURAL_KEY:
                numbers = {row[index] for row in rows} - {None}
                related = field.related_model.objects.filter(pk__in=numbers)
                named[field.attname] = (field.related_model, {one.pk: one.natural_key() for one in related})
        self.rows[model] = (attnames, rows, named)

    def restore(self):
        """Add the demo's rows and files to this test's database and media folder; False if it cannot."""
        try:
            with transaction.atomic():
                for model, (attnames, rows, named) in self.rows.items():
                    model._base_manager.bulk_create(
                        [model(**_renumbered(dict(zip(attnames, row, strict=True)), named)) for row in rows]
                    )
                with connection.cursor() as cursor:
                    for statement in connection.ops.sequence_reset_sql(no_style(), list(self.rows)):
                        cursor.execute(statement)
        except IntegrityError:
            return False
        shutil.copytree(self.media, settings.MEDIA_ROOT, dirs_exist_ok=True)
        return True


def _renumbered(values, named):
    """Return `values` with each content type and permission numbered as this database numbers it."""
    for attname, (model, keys) in named.items():
        if values[attname] is not None:
            values[attname] = BY_NATURAL_KEY[model](*keys[values[attname]]).pk
    return values


def load_demo(snapshot):
    """Put the demo site in this test's database and media folder, as `load_demo` would."""
    if not snapshot.restore():
        call_command("load_demo", verbosity=0)
    refresh_every_page()  # as the command's changes do
