"""The sitemap: every public page in both languages with its alternates and last change, nothing hidden."""

import pytest
from django.utils import timezone

from tests.helpers.sitemaps import read_sitemap

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

SITE = "https://balkan.example"


def test_sitemap_lists_every_published_item_in_both_languages_with_alternates(client, content):
    entries = read_sitemap(client)
    for obj in content["public"]:
        path = obj.get_absolute_url()
        expected = {"en": SITE + path, "ja": f"{SITE}/ja{path}", "x-default": SITE + path}
        for loc in (SITE + path, f"{SITE}/ja{path}"):
            assert loc in entries, loc
            assert entries[loc]["alternates"] == expected
            assert entries[loc]["lastmod"] == timezone.localdate(obj.updated_at).isoformat()


def test_sitemap_lists_no_draft_scheduled_or_unpublished_item(client, content):
    entries = read_sitemap(client)
    text = "\n".join(entries) + "\n".join(str(entry["alternates"]) for entry in entries.values())
    for obj in content["hidden"]:
        assert obj.slug not in text, obj.slug


def test_sitemap_lists_the_home_sections_and_site_pages_with_dates(client, content):
    entries = read_sitemap(client)
    newest_entry = timezone.localdate(content["entry"].updated_at).isoformat()
    for path in ("/", "/news/", "/countries/", "/chronology/", "/partners/", "/about/", "/contact/"):
        for loc in (SITE + path, f"{SITE}/ja{path}"):
            assert loc in entries, loc
            assert entries[loc]["lastmod"], loc
            assert set(entries[loc]["alternates"]) == {"en", "ja", "x-default"}
    assert entries[f"{SITE}/chronology/"]["lastmod"] == newest_entry
    assert len(entries) == 2 * (7 + len(content["public"]))
