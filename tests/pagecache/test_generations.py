"""The generation names: one list, every name a page depends on refreshed by some change, and back."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from taggit.models import Tag

from balkan.models import Page, Quote
from chronology.models import Category
from countries.models import Embassy, TradeFigure
from news.models import NewsImage
from pagecache import generations as g
from pagecache import store
from pagecache.middleware import PageCache
from pagecache.views import PageSpec, cached_page, spec_of
from tests.helpers.images import image_upload


def kinds(names):
    return {g.kind_of(name) for name in names}


def declared_dependencies(patterns=None):
    """Return every generation (constant or Family) the URLconf's cached pages declare."""
    found = {g.EVERY_PAGE}  # every cached page depends on it
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            found |= declared_dependencies(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            spec = spec_of(pattern.callback)
            if spec is not None:
                found |= set(spec.dependencies)
    return found


def test_a_name_not_on_the_list_is_refused():
    for typo in ("new", "country-profiles:slovenia", "country:", "every_page"):
        with pytest.raises(ValueError, match="not a generation"):
            g.kind_of(typo)
    with pytest.raises(ValueError):
        cached_page("countires")(lambda request: None)
    with pytest.raises(ValueError):
        PageSpec(("chronologies",))


@pytest.mark.django_db
def test_bumping_a_name_not_on_the_list_fails_loudly():
    with pytest.raises(ValueError):
        store.bump("partner-news:embassy")


def test_families_name_single_records():
    assert g.COUNTRY("slovenia") == "country:slovenia"
    assert g.kind_of("country-news:slovenia") is g.COUNTRY_NEWS
    assert g.NEWS_ITEM.many(["a", "b"]) == {"news:a", "news:b"}


@pytest.mark.django_db
def test_every_name_a_page_depends_on_is_refreshed_by_a_change_and_every_refresh_is_shown_somewhere(
    site_content, make_news, make_entry, make_country, bumped, monkeypatch, django_capture_on_commit_callbacks
):
    # What the pages depend on: what they declare, and what they add while rendering.
    shown = set(declared_dependencies())
    depend_on = PageCache.depend_on

    def recording(page, names):
        shown.update(kinds(names))
        return depend_on(page, names)

    monkeypatch.setattr(PageCache, "depend_on", recording)
    country, item, entry, partner = (site_content[key] for key in ("country", "news", "entry", "partner"))
    entry.related_news.add(item)
    make_news(slug="related-story", countries=[country], tags=["culture"])
    reader = Client()
    for path in [
        "/",
        "/news/",
        "/news/visit-to-belgrade/",
        "/countries/serbia/",
        "/partners/embassy-of-serbia/",
    ]:
        assert reader.get(path).status_code == 200, path

    # What changes refresh: a change to every kind of record, as staff make them.
    bumped.clear()
    with django_capture_on_commit_callbacks(execute=True):
        country.summary = "Changed."
        country.save()
        TradeFigure.objects.create(country=country, year=2024, exports_to_japan=1, imports_from_japan=2)
        Embassy.objects.create(country=country, kind=Embassy.Kind.IN_JAPAN, name="Embassy").delete()
        item.title = "Changed"
        item.save()
        item.tags.add("trade")
        item.countries.add(make_country(name="Romania", iso_code="RO"))
        item.partners.add(partner)
        NewsImage.objects.create(news_item=item, image=image_upload(), alt="A photo", caption="A photo")
        Tag.objects.filter(name="trade").update(name="Trade")
        Tag.objects.get(name="Trade").save()
        partner.name = "Changed"
        partner.save()
        entry.title = "Changed"
        entry.save()
        entry.countries.add(country)
        Category.objects.first().save()
        make_entry(ref="new-entry")
        Page.objects.filter(key="about").first().save()
        Quote.objects.create(text="Friendship.", author="A friend")
        call_command("rebuild_search_index", verbosity=0)
        store.refresh_every_page()
    scheduled = make_news(slug="scheduled", publish_at=timezone.now() + datetime.timedelta(seconds=1))
    scheduled.countries.add(country)
    refreshed = kinds(bumped)

    assert refreshed - shown == set(), "refreshed, but no page shows it"
    assert shown - refreshed == set(), "shown, but no change refreshes it"
    assert shown == {*g.CONSTANTS, *g.FAMILIES}
