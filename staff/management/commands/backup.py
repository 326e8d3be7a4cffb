"""Write a backup of the site: the database as natural-key JSON and every media file.

The archive (var/backups/<time>.tar.gz unless --output-dir says otherwise)
holds `data.json` (Django's dumpdata, so it restores into SQLite or
PostgreSQL alike), `media/...` and `backup.json` describing it. Restore it
with `manage.py restore FILE` (or `make restore FILE=...`).
"""

import io
import json
import os
import tarfile
import time
from pathlib import Path

import django
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

# Rebuilt by `migrate` (content types, permissions) or worthless after a restore.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "admin.logentry"]
# Dumped with their primary keys: taggit's natural key for them (object_id alone)
# is not unique, so by natural key all the tags of one item would merge into one.
WITH_PRIMARY_KEYS = ["taggit.taggeditem"]


def dump(*labels, natural_primary, exclude=()):
    """Return dumpdata's records for `labels` (everything when none) as a list."""
    out = io.StringIO()
    call_command(
        "dumpdata",
        *labels,
        natural_foreign=True,
        natural_primary=natural_primary,
        use_base_manager=True,
        exclude=list(exclude),
        stdout=out,
        verbosity=0,
    )
    return json.loads(out.getvalue() or "[]")


def media_files(storage, folder=""):
    """Yield the name of every file in `storage`, walking its folders."""
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for name in folders:
        yield from media_files(storage, f"{folder}/{name}" if folder else name)


def add_bytes(tar, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(time.time())
    tar.addfile(info, io.BytesIO(content))


class Command(BaseCommand):
    help = "Back up the database (natural-key JSON) and the media files into one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", help="Folder for the archive (default: settings.BACKUP_DIR).")

    def handle(self, *args, **options):
        folder = Path(options["output_dir"] or settings.BACKUP_DIR)
        # A backup holds password hashes and two-factor secrets: only the site's own user may read it.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"{stamp}.tar.gz"
        counter = 1
        while path.exists():
            counter += 1
            path = folder / f"{stamp}-{counter}.tar.gz"

        records = dump(natural_primary=True, exclude=EXCLUDED + WITH_PRIMARY_KEYS)
        records += dump(*WITH_PRIMARY_KEYS, natural_primary=False)
        partial = path.with_name(path.name + ".partial")
        names = []
        try:
            # Created 0600 from the start: no moment in which another user could open it.
            os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            with tarfile.open(partial, "w:gz") as tar:
                add_bytes(tar, "data.json", json.dumps(records, ensure_ascii=False).encode())
                for name in media_files(default_storage) if default_storage.exists("") else []:
                    with default_storage.open(name, "rb") as file:
                        add_bytes(tar, f"media/{name}", file.read())
                    names.append(name)
                manifest = {
                    "created": timezone.now().isoformat(),
                    "django": django.get_version(),
                    "media_files": len(names),
                }
                add_bytes(tar, "backup.json", json.dumps(manifest, indent=2).encode())
            partial.rename(path)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(str(path))
