"""Rewrite the site search's index from the news, countries, chronology and partners."""

from django.core.management.base import BaseCommand

from pagecache import generations as g
from pagecache.store import bump
from search.index import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index (after a bulk import, a restore, or a change to how search reads records)."
    )

    def handle(self, *args, **options):
        written = rebuild()
        # Search pages cached before the rebuild showed the old index; no other page reads it.
        bump(g.SEARCH)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {written} documents."))
