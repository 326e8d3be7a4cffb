"""A story links its countries, partners and tags, and shows the stories that share most with it."""

import datetime

import pytest
from django.utils import timezone

from news.models import NewsItem
from tests.helpers.caches import clear_caches


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.mark.django_db
def test_related_stories_share_countries_or_tags_most_shared_first(client, make_news, make_country):
    slovenia, serbia = make_country(name="Slovenia"), make_country(name="Serbia", iso_code="RS")
    item = make_news(countries=[slovenia, serbia])
    item.tags.add("Cherry blossom", "Culture")
    shares_three = make_news(countries=[slovenia, serbia], publish_at=ago(30))
    shares_three.tags.add("Culture")
    shares_two = make_news(countries=[serbia], publish_at=ago(20))
    shares_two.tags.add("Culture")
    shares_one_newest = make_news(publish_at=ago(1))
    shares_one_newest.tags.add("Cherry blossom")
    shares_one_older = make_news(countries=[slovenia], publish_at=ago(10))
    make_news(publish_at=ago(0))  # nothing in common
    make_news(countries=[slovenia, serbia], status="draft").tags.add("Culture")  # not public
    related = list(client.get(item.get_absolute_url()).context["related"])
    assert related == [shares_three, shares_two, shares_one_newest]
    assert shares_one_older not in related


@pytest.mark.django_db
def test_only_the_newest_stories_sharing_something_are_ranked(client, make_news, make_country, monkeypatch):
    # However many stories a country gathers, the page ranks a fixed number of them.
    monkeypatch.setattr("news.models.RELATED_CANDIDATES", 3)
    slovenia, serbia = make_country(name="Slovenia"), make_country(name="Serbia", iso_code="RS")
    item = make_news(countries=[slovenia, serbia])
    old_but_close = make_news(countries=[slovenia, serbia], publish_at=ago(400))
    recent = [make_news(countries=[slovenia], publish_at=ago(days)) for days in (1, 2, 3)]
    related = list(client.get(item.get_absolute_url()).context["related"])
    assert related == recent and old_but_close not in related
    monkeypatch.setattr("news.models.RELATED_CANDIDATES", 200)
    clear_caches()  # the ranking is kept until the published news change
    related = NewsItem.objects.published().related_to(item)
    assert related == [old_but_close, *recent[:2]]


@pytest.mark.django_db
def test_a_story_with_no_countries_or_tags_has_no_related_stories(client, make_news):
    item = make_news()
    make_news()
    response = client.get(item.get_absolute_url())
    assert list(response.context["related"]) == []
    assert "Related news" not in response.content.decode()


@pytest.mark.django_db
def test_a_story_links_its_countries_partners_and_tags(client, make_news, make_country, make_partner):
    country = make_country(name="Slovenia")
    hidden_country = make_country(name="Japan", iso_code="JP", is_published=False)
    partner = make_partner(name="Embassy of Slovenia", slug="embassy-slovenia")
    hidden_partner = make_partner(name="A former partner", is_published=False)
    item = make_news(countries=[country, hidden_country], partners=[partner, hidden_partner])
    item.tags.add("Cherry blossom")
    html = client.get(item.get_absolute_url()).content.decode()
    assert '<a href="/countries/slovenia/">Slovenia</a>' in html
    assert '<a href="/partners/embassy-slovenia/">Embassy of Slovenia</a>' in html
    assert '<a href="/news/?tag=cherry-blossom">Cherry blossom</a>' in html
    # Unpublished profiles are named, not linked to a 404.
    assert "Japan" in html and 'href="/countries/japan/"' not in html
    assert "A former partner" in html and f'href="{hidden_partner.get_absolute_url()}"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 25])
def test_related_stories_cost_a_fixed_number_of_queries(
    client, make_news, make_country, django_assert_num_queries, count
):
    countries = [make_country(name=f"Country {n}", iso_code=f"C{chr(65 + n)}") for n in range(min(count, 20))]
    item = make_news(countries=countries)
    item.tags.add(*[f"tag {n}" for n in range(count)])
    for n in range(count + 2):
        other = make_news(countries=countries[: n % 3 + 1])
        other.tags.add(f"tag {n}")
    # item, countries, partners, tags, gallery, documents, the ranking (once per change: the newest
    # sharing a country, the newest sharing a tag, their order), related items, their countries
    with django_assert_num_queries(11):
        response = client.get(item.get_absolute_url())
    assert len(response.context["related"]) == 3


@pytest.mark.django_db
def test_the_ranking_is_kept_until_the_published_news_change(
    client, make_news, make_country, django_assert_num_queries, settings
):
    settings.PAGE_CACHE = False  # this is about the ranking, not the page cache
    slovenia = make_country(name="Slovenia")
    item = make_news(countries=[slovenia])
    older = make_news(countries=[slovenia], publish_at=ago(5))
    assert list(client.get(item.get_absolute_url()).context["related"]) == [older]
    # item, related items: no ranking query; the story's countries and tags are kept beside it
    # (NewsItem.links), and what only its article and the related cards show is not read while they
    # are kept (pagecache.fragments)
    with django_assert_num_queries(2):
        client.get(item.get_absolute_url())
    newer = make_news(countries=[slovenia], publish_at=ago(1))
    assert list(client.get(item.get_absolute_url()).context["related"]) == [newer, older]
    newer.status = "archived"
    newer.save()
    assert list(client.get(item.get_absolute_url()).context["related"]) == [older]


@pytest.mark.django_db
def test_a_cached_story_page_stops_linking_a_related_story_taken_down(client, make_news):
    item = make_news()
    item.tags.add("Culture")
    other = make_news(title="Tea ceremony in Skopje", publish_at=ago(3))
    other.tags.add("Culture")  # related by a tag only: no country page links them
    assert "Tea ceremony in Skopje" in client.get(item.get_absolute_url()).content.decode()
    assert client.get(item.get_absolute_url())["X-Cache"] == "HIT"
    other.status = "archived"
    other.save()
    response = client.get(item.get_absolute_url())
    assert response["X-Cache"] == "MISS"
    assert "Tea ceremony in Skopje" not in response.content.decode()
