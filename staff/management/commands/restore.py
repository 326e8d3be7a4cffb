"""Restore a backup written by `manage.py backup` into an empty database.

Migrates the database, loads `data.json` in one transaction and puts the media
files back into storage. A database that already has accounts or content is
left alone: restoring over a live site is never what anyone meant.
"""

import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

CONTENT_APPS = ("balkan", "countries", "partners", "news", "chronology")


def safe_member_name(member):
    """Return the member's media path, or raise if it could escape the media folder."""
    path = PurePosixPath(member.name)
    if not member.isfile() or path.is_absolute() or ".." in path.parts or path.parts[0] != "media":
        raise CommandError(f"The archive has an unexpected entry: {member.name!r}")
    return "/".join(path.parts[1:])


class Command(BaseCommand):
    help = "Restore a backup (.tar.gz from `manage.py backup`) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive to restore.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such backup: {path}")
        try:
            tar = tarfile.open(path, "r:gz")
        except (tarfile.TarError, OSError) as error:
            raise CommandError(f"{path} is not a backup archive: {error}") from None
        with tar:
            try:
                data = tar.extractfile("data.json").read()
            except KeyError:
                raise CommandError(
                    f"{path} has no data.json: not a backup from `manage.py backup`."
                ) from None
            media = [
                (safe_member_name(member), member)
                for member in tar.getmembers()
                if member.name.startswith("media/")
            ]

            call_command("migrate", interactive=False, verbosity=0)
            self.refuse_unless_empty()
            with tempfile.TemporaryDirectory() as folder:
                fixture = Path(folder) / "data.json"
                fixture.write_bytes(data)
                call_command("loaddata", str(fixture), verbosity=0)
            for name, member in media:
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, ContentFile(tar.extractfile(member).read()))
                if saved != name:
                    raise CommandError(f"Media file {name} was stored as {saved}.")
        self.stdout.write(f"Restored {path}: the database and {len(media)} media files.")

    def refuse_unless_empty(self):
        models = [get_user_model()] + [
            model for model in apps.get_models() if model._meta.app_label in CONTENT_APPS
        ]
        filled = [model._meta.label for model in models if model._base_manager.exists()]
        if filled:
            raise CommandError(
                "The database is not empty (it has " + ", ".join(filled) + "). "
                "Restore into a new, empty database."
            )
