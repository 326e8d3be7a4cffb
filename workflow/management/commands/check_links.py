"""Check every external address the site prints (embassy and partner websites, sources)."""

from django.core.management.base import BaseCommand

from workflow.links import check_all


class Command(BaseCommand):
    help = "Ask every external address the site prints whether it still answers; list the broken ones in the admin."

    def handle(self, *args, **options):
        checked, broken = check_all()
        if options["verbosity"]:
            self.stdout.write(f"{checked} addresses checked, {broken} broken.")
