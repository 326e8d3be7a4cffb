"""Queue the alert digests that are due, and forget requests never confirmed (run from cron once a day)."""

from django.core.management.base import BaseCommand

from alerts.tasks import forget_unconfirmed, queue_digests


class Command(BaseCommand):
    help = (
        "Queue the e-mail alert digests that are due (a daily one a day after the last, a weekly one a week); "
        "the task worker sends them."
    )

    def handle(self, *args, **options):
        forget_unconfirmed()
        count = queue_digests()
        if options["verbosity"]:
            self.stdout.write(f"Digests queued for {count} subscribers.")
