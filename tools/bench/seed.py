"""Fill the database with N news items (and their countries, tags and chronology) for `make bench`.

Running it again with a larger N adds only the missing stories, so the bench
seeds 1,000, measures, tops up to 100,000 and measures again. Rows are written
with bulk_create in batches (100,000 stories take a minute or two on
PostgreSQL); signals do not fire, so the stories are written into the search
index here and the command refreshes every cached page and list itself at the
end. Bench data is deterministic (a fixed random seed)
and lives beside nothing else: use a database of its own.
"""

import datetime
import random
import sys

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import OutputWrapper
from django.db import connection, transaction
from django.utils import timezone, translation
from taggit.models import Tag, TaggedItem

from balkan.models import Page, Quote
from chronology.models import Category, ChronologyEntry
from countries.models import Country
from news.models import NewsItem
from pagecache import generations as g
from pagecache.store import bump, refresh_every_page
from partners.models import PartnerOrganisation
from search.index import documents, remember_terms, vocabulary
from search.models import SearchDocument

COUNTRIES = [
    ("Albania", "albania", "AL"),
    ("Bosnia and Herzegovina", "bosnia-and-herzegovina", "BA"),
    ("Bulgaria", "bulgaria", "BG"),
    ("Croatia", "croatia", "HR"),
    ("Greece", "greece", "GR"),
    ("Kosovo", "kosovo", "XK"),
    ("Montenegro", "montenegro", "ME"),
    ("North Macedonia", "north-macedonia", "MK"),
    ("Romania", "romania", "RO"),
    ("Serbia", "serbia", "RS"),
    ("Slovenia", "slovenia", "SI"),
    ("Türkiye", "turkiye", "TR"),
]
CATEGORIES = ["diplomatic-relations", "visit", "agreement", "economy-and-trade", "culture", "aid"]
CHRONOLOGY_ENTRIES = 300
PARTNERS = 60
TAGS = 40
BATCH = 2000
# The bench's rare word (地震 in Japanese): RARE_STORIES stories are about an earthquake drill, the same
# ones at every size (one in RARE_SPACING of the newest), so that a search for it shows the same page at
# every size and only the table around it grows.
RARE_STORIES = 30
RARE_SPACING = 33
PARAGRAPH = (
    "<p>Representatives of Japan and {country} met to discuss cooperation in trade, culture, "
    "disaster risk reduction and education. The meeting followed earlier visits and agreements, "
    "and both sides confirmed their wish to deepen the partnership in the coming years.</p>"
)


def is_rare(n):
    """Return whether story n is one of the RARE_STORIES about an earthquake drill."""
    return n % RARE_SPACING == 7 and n < RARE_STORIES * RARE_SPACING


def seed(news, stdout=None):
    """Make the database hold `news` bench news items, with countries, partners, tags and a chronology."""
    Seeder(stdout or OutputWrapper(sys.stdout)).run(news)


class Seeder:
    def __init__(self, stdout):
        self.stdout = stdout

    def run(self, news):
        if news < 1:
            raise ValueError("There must be at least one news item.")
        random.seed(9)
        with translation.override("en"), transaction.atomic():
            countries = self.countries()
            partners = self.partners(countries)
            tags = self.tags()
            created = self.news(news, countries, partners, tags)
            self.chronology(countries)
            self.site()
        if connection.vendor == "postgresql":
            # VACUUM marks the pages all-visible (index-only scans); it cannot run in a transaction.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        bump(g.NEWS, g.COUNTRIES, g.CHRONOLOGY, g.PARTNERS, g.SITE)
        refresh_every_page()
        self.stdout.write(f"{created} news items created; {NewsItem.objects.count()} in all.")

    def countries(self):
        for name, slug, code in COUNTRIES:
            Country.objects.update_or_create(
                slug=slug,
                defaults={
                    "name_en": name,
                    "name_ja": name,
                    "iso_code": code,
                    "is_published": True,
                    "summary_en": f"{name} and Japan: relations, trade and people.",
                    "overview_en": PARAGRAPH.format(country=name) * 3,
                    "capital_en": "Capital",
                },
            )
        return list(Country.objects.filter(slug__in=[slug for _, slug, _ in COUNTRIES]))

    def partners(self, countries):
        kinds = [kind for kind, _ in PartnerOrganisation.Kind.choices]
        existing = set(PartnerOrganisation.objects.values_list("slug", flat=True))
        PartnerOrganisation.objects.bulk_create(
            PartnerOrganisation(
                name=f"Bench partner {n}",
                name_en=f"Bench partner {n}",
                slug=f"bench-partner-{n}",
                kind=kinds[n % len(kinds)],
                country=countries[n % len(countries)],
                is_official_partner=n % 4 == 0,
                description_en=PARAGRAPH.format(country=countries[n % len(countries)].name),
            )
            for n in range(PARTNERS)
            if f"bench-partner-{n}" not in existing
        )
        return list(PartnerOrganisation.objects.filter(slug__startswith="bench-partner-"))

    def tags(self):
        for n in range(TAGS):
            Tag.objects.get_or_create(slug=f"topic-{n}", defaults={"name": f"Topic {n}"})
        return list(Tag.objects.filter(slug__startswith="topic-"))

    def news(self, wanted, countries, partners, tags):
        have = NewsItem.objects.filter(slug__startswith="bench-").count()
        if have >= wanted:
            return 0
        kinds = [kind for kind, _ in NewsItem.Kind.choices]
        content_type = ContentType.objects.get_for_model(NewsItem)
        words = set()
        # Story n is published n hours before the start; new stories go further back in time.
        start = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(hours=1)
        for first in range(have, wanted, BATCH):
            numbers = range(first, min(first + BATCH, wanted))
            stories = []
            for n in numbers:
                country = countries[n % len(countries)]
                if is_rare(n):
                    title = f"Japan and {country.name} hold an earthquake drill ({n})"
                    title_ja = f"日本と{country.name}、地震訓練を実施（{n}）"
                else:
                    title = f"Japan and {country.name} deepen cooperation ({n})"
                    title_ja = f"日本と{country.name}、協力を深める（{n}）"
                stories.append(
                    NewsItem(
                        title=title,
                        title_en=title,
                        title_ja=title_ja,
                        slug=f"bench-{n}",
                        summary=f"Story {n}: officials of Japan and {country.name} met in Tokyo.",
                        summary_en=f"Story {n}: officials of Japan and {country.name} met in Tokyo.",
                        body_en=PARAGRAPH.format(country=country.name) * 4,
                        kind=kinds[n % len(kinds)],
                        status=NewsItem.Status.PUBLISHED,
                        publish_at=start - datetime.timedelta(hours=n),
                        is_featured=n % 50 == 0,
                        source_name="Ministry of Foreign Affairs of Japan",
                    )
                )
            stories = NewsItem.objects.bulk_create(stories)
            # bulk_create sends no signals: the stories go into the search index here.
            written = [document for story in stories for document in documents(story)]
            SearchDocument.objects.bulk_create(written, batch_size=BATCH)
            words |= vocabulary(written)
            NewsItem.countries.through.objects.bulk_create(
                NewsItem.countries.through(newsitem_id=story.pk, country_id=country.pk)
                for n, story in zip(numbers, stories, strict=True)
                for country in {countries[n % len(countries)], countries[(n * 7) % len(countries)]}
            )
            NewsItem.partners.through.objects.bulk_create(
                NewsItem.partners.through(
                    newsitem_id=story.pk, partnerorganisation_id=partners[n % len(partners)].pk
                )
                for n, story in zip(numbers, stories, strict=True)
                if n % 3 == 0
            )
            TaggedItem.objects.bulk_create(
                TaggedItem(content_type=content_type, object_id=story.pk, tag=tag)
                for n, story in zip(numbers, stories, strict=True)
                for tag in {tags[n % len(tags)], tags[(n * 3 + 1) % len(tags)]}
            )
            self.stdout.write(f"  {numbers[-1] + 1} news items", ending="\r")
        remember_terms(words)
        self.stdout.write("")
        return wanted - have

    def chronology(self, countries):
        categories = [
            Category.objects.get_or_create(key=key, defaults={"name": key.replace("-", " ").capitalize()})[0]
            for key in CATEGORIES
        ]
        existing = ChronologyEntry.objects.filter(ref__startswith="bench-").count()
        related = list(NewsItem.objects.filter(slug__startswith="bench-").order_by("pk")[:CHRONOLOGY_ENTRIES])
        for n in range(existing, CHRONOLOGY_ENTRIES):
            country = countries[n % len(countries)]
            entry = ChronologyEntry.objects.create(
                ref=f"bench-{n}",
                date=datetime.date(1880 + n * 145 // CHRONOLOGY_ENTRIES, 1 + n % 12, 1 + n % 28),
                date_precision=["day", "month", "year"][n % 3],
                title_en=f"Japan and {country.name}: event {n}",
                description_en=PARAGRAPH.format(country=country.name),
                category=categories[n % len(categories)],
                is_highlight=n % 20 == 0,
            )
            entry.countries.add(country)
            if related:
                entry.related_news.add(related[n % len(related)])

    def site(self):
        if not Quote.objects.exists():
            Quote.objects.create(text_en="Friendship is built by people.", author="Bench")
        for key in ("about", "contact"):
            Page.objects.get_or_create(key=key, defaults={"title_en": key.title(), "body_en": PARAGRAPH})
