"""E-mail the staff responsible for the countries and partners due for review (run daily)."""

from django.core.management.base import BaseCommand

from workflow.reviews import remind


class Command(BaseCommand):
    help = "Remind the staff responsible for countries and partners whose review-by date has come."

    def handle(self, *args, **options):
        people = remind()
        if options["verbosity"]:
            self.stdout.write(f"{people} people reminded.")
