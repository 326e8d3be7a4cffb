"""Delete pictures kept aside under pending/ that nothing needs any more (run daily, from cron).

Two things keep uploads there: a form shown again after a failed save (`core.uploads`),
and a change waiting over a live item (`workflow.changes`). A change's files are deleted
with it; a failed save's are needed only until the editor saves again. Files older than
PENDING_UPLOAD_DAYS that no waiting change names are deleted.
"""

import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from core.uploads import FOLDER
from workflow.models import PendingChange


def files_under(folder):
    directories, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from files_under(f"{folder}/{directory}")


class Command(BaseCommand):
    help = (
        "Delete pictures kept aside under pending/ that no waiting change needs, after PENDING_UPLOAD_DAYS."
    )

    def handle(self, *args, **options):
        if not default_storage.exists(FOLDER):
            return
        needed = {
            path
            for change in PendingChange.objects.only("files")
            for paths in change.files.values()
            for path in paths
        }
        before = timezone.now() - datetime.timedelta(days=settings.PENDING_UPLOAD_DAYS)
        deleted = 0
        for path in list(files_under(FOLDER)):
            if path not in needed and default_storage.get_modified_time(path) < before:
                default_storage.delete(path)
                deleted += 1
        self.stdout.write(f"Deleted {deleted} file(s) kept aside under {FOLDER}/.")
