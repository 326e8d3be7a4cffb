import datetime
import re

import pytest
from django.conf import settings

from pagecache import fragments
from pagecache.store import mark_synchronised


@pytest.mark.django_db
def test_timeline_shows_month_and_year_precision_in_both_languages(client, make_entry):
    make_entry(title="Strategic Partnership", date=datetime.date(2023, 3, 1), date_precision="month")
    make_entry(title="Early contacts", date=datetime.date(1899, 1, 1), date_precision="year")
    english = client.get("/chronology/").content.decode()
    assert ">March 2023<" in english and ">1899<" in english
    japanese = client.get("/ja/chronology/").content.decode()
    assert ">2023年3月<" in japanese and ">1899年<" in japanese


@pytest.mark.django_db
def test_timeline_sorts_across_precisions(client, make_entry):
    later = make_entry(date=datetime.date(2023, 3, 1), date_precision="month")
    day = make_entry(date=datetime.date(2022, 11, 8))
    year = make_entry(date=datetime.date(1899, 1, 1), date_precision="year")
    assert list(client.get("/chronology/").context["object_list"]) == [year, day, later]


@pytest.mark.django_db
def test_timeline_filters_by_country_and_category(client, make_entry, make_country, make_category):
    romania = make_country(name="Romania")
    ours = make_entry(countries=[romania], category=make_category("agreement"))
    make_entry(category=make_category("visit"))
    assert list(client.get("/chronology/?country=romania").context["object_list"]) == [ours]
    assert list(client.get("/chronology/?category=agreement").context["object_list"]) == [ours]


@pytest.mark.django_db
def test_unpublished_entries_are_hidden(client, make_entry):
    make_entry(title="Hidden entry", is_published=False)
    assert "Hidden entry" not in client.get("/chronology/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 300])
def test_timeline_costs_a_fixed_number_of_queries(
    client, make_entry, make_country, django_assert_num_queries, count, settings
):
    settings.PAGE_CACHE_SYNC_SECONDS = 3600  # a lease expiring mid-test on a busy machine adds queries
    mark_synchronised()
    country = make_country()
    for _ in range(count):
        make_entry(countries=[country])
    # entries with category, countries, related news, and the two filter dropdowns
    with django_assert_num_queries(5):
        assert client.get("/chronology/").status_code == 200


@pytest.mark.django_db
def test_timeline_filters_by_several_countries_without_repeating_an_entry(client, make_entry, make_country):
    slovenia, romania, bulgaria = (make_country(name=name) for name in ("Slovenia", "Romania", "Bulgaria"))
    both = make_entry(countries=[slovenia, romania])
    only_romania = make_entry(countries=[romania])
    make_entry(countries=[bulgaria])
    response = client.get("/chronology/?country=slovenia&country=romania")
    assert list(response.context["object_list"]) == [both, only_romania]
    html = response.content.decode()
    assert 'name="country" value="slovenia" id="id_country_' in html
    assert re.search(r'value="romania"[^>]*checked', html), "the chosen countries stay ticked"


@pytest.mark.django_db
def test_timeline_filters_by_year_range_including_spans_that_overlap_it(client, make_entry):
    before = make_entry(date=datetime.date(1989, 12, 31))
    first_year = make_entry(date=datetime.date(1990, 1, 1), date_precision="year")
    span_into_range = make_entry(date=datetime.date(1989, 6, 1), end_date=datetime.date(1990, 2, 1))
    last_year = make_entry(date=datetime.date(2000, 12, 1), date_precision="month")
    after = make_entry(date=datetime.date(2001, 1, 1), date_precision="year")
    entries = list(client.get("/chronology/?from=1990&to=2000").context["object_list"])
    assert entries == [span_into_range, first_year, last_year]
    assert before not in entries and after not in entries
    assert list(client.get("/chronology/?from=2001").context["object_list"]) == [after]
    assert list(client.get("/chronology/?to=1989").context["object_list"]) == [span_into_range, before]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=nineteen-ninety", "From (year): Enter a whole number."),
        ("from=2000&to=1990", "To (year): The last year cannot come before the first year."),
        (
            "country=atlantis",
            "Countries: Select a valid choice. atlantis is not one of the available choices.",
        ),
        ("category=war", "Category: Select a valid choice. That choice is not one of the available choices."),
    ],
)
def test_malformed_timeline_filters_are_a_clear_400(client, make_country, query, message):
    make_country(name="Slovenia")
    response = client.get(f"/chronology/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.django_db
def test_timeline_is_grouped_by_decade_and_year(client, make_entry):
    make_entry(title="Treaty", date=datetime.date(1899, 1, 1), date_precision="year")
    make_entry(title="Visit", date=datetime.date(2019, 8, 14))
    make_entry(title="Factory", date=datetime.date(2019, 4, 1), date_precision="month")
    make_entry(title="Workshop", date=datetime.date(2022, 11, 8), end_date=datetime.date(2022, 11, 11))
    html = client.get("/chronology/").content.decode()
    headings = re.findall(r"<h([234])[^>]*>([^<]+)</h\1>", html)
    assert headings == [
        ("2", "1890s"),
        ("3", "1899"),
        ("4", "Treaty"),
        ("2", "2010s"),
        ("3", "2019"),
        ("4", "Factory"),
        ("4", "Visit"),
        ("2", "2020s"),
        ("3", "2022"),
        ("4", "Workshop"),
    ]
    assert '<a href="#decade-2010">2010s</a>' in html
    assert '<time datetime="2019-04">April 2019</time>' in html
    assert '<time datetime="1899">1899</time>' in html
    assert '<time datetime="2022-11-08">8–11 November 2022</time>' in html
    japanese = client.get("/ja/chronology/").content.decode()
    assert ">2010年代<" in japanese and ">2019年<" in japanese and ">2022年11月8日～11日<" in japanese


@pytest.mark.django_db
def test_each_entry_links_to_its_countries_related_news_and_source(
    client, make_entry, make_country, make_news
):
    slovenia = make_country(name="Slovenia")
    hidden_country = make_country(name="Japan", is_published=False)
    story = make_news(title="Ministers meet in Ljubljana", slug="ministers-meet")
    draft = make_news(title="A draft story", slug="draft-story", status="draft")
    make_entry(
        title="Kono visits Slovenia",
        countries=[slovenia, hidden_country],
        related_news=[story, draft],
        source_name="Ministry of Foreign Affairs of Slovenia",
        source_url="https://www.gov.si/",
    )
    html = client.get("/chronology/").content.decode()
    assert '<a href="/countries/slovenia/">Slovenia</a>' in html
    assert ">Japan<" in html and 'href="/countries/japan/"' not in html
    assert '<a href="/news/ministers-meet/">Ministers meet in Ljubljana</a>' in html
    assert "A draft story" not in html
    assert '<a href="https://www.gov.si/">Ministry of Foreign Affairs of Slovenia</a>' in html


@pytest.mark.django_db
def test_a_country_has_its_own_linkable_slice_of_the_chronology(
    client, make_entry, make_country, make_category
):
    romania, serbia = make_country(name="Romania"), make_country(name="Serbia")
    partnership = make_entry(
        title="Strategic Partnership", countries=[romania], category=make_category("agreement")
    )
    visit = make_entry(title="A visit to Bucharest", countries=[romania])
    make_entry(title="Letters to King Milan", countries=[serbia])

    response = client.get("/chronology/romania/")
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [partnership, visit]
    html = response.content.decode()
    assert "<h1>Chronology of Japan–Romania relations</h1>" in html
    assert 'name="country"' not in html, "the country is fixed by the address"
    assert f'<link rel="canonical" href="{settings.SITE_URL}/chronology/romania/">' in html
    assert list(client.get("/chronology/romania/?category=agreement").context["object_list"]) == [partnership]
    # The path decides the country, whatever the query says.
    assert list(client.get("/chronology/romania/?country=serbia").context["object_list"]) == [
        partnership,
        visit,
    ]
    # The filter form keeps working for the same slice.
    assert list(client.get("/chronology/?country=romania").context["object_list"]) == [partnership, visit]


@pytest.mark.django_db
def test_unknown_or_unpublished_country_slice_is_404(client, make_country):
    make_country(name="Japan", is_published=False)
    assert client.get("/chronology/atlantis/").status_code == 404
    assert client.get("/chronology/japan/").status_code == 404


@pytest.mark.django_db
def test_a_renamed_country_slice_redirects_from_its_old_address(client, make_country):
    country = make_country(name="Macedonia", slug="macedonia")
    country.slug = "north-macedonia"
    country.save()
    response = client.get("/chronology/macedonia/?category=visit")
    assert response.status_code == 301
    assert response["Location"] == "/chronology/north-macedonia/?category=visit"


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 300])
def test_filtered_and_country_timelines_cost_a_fixed_number_of_queries(
    client, make_entry, make_country, make_news, django_assert_num_queries, count, settings
):
    settings.PAGE_CACHE_SYNC_SECONDS = 3600  # a lease expiring mid-test on a busy machine adds queries
    mark_synchronised()
    slovenia, romania = make_country(name="Slovenia"), make_country(name="Romania")
    story = make_news()
    for number in range(count):
        make_entry(countries=[slovenia, romania], related_news=[story] if number % 2 else [])
    # checking the countries, listing them, the category dropdown, entries, their countries and news
    with django_assert_num_queries(6):
        assert (
            client.get("/chronology/?country=slovenia&country=romania&from=1990&to=2030").status_code == 200
        )
    fragments.forget()  # the entries' pieces, made by the page above: this page is made from nothing
    # the country, checking it and the category, the category dropdown, entries, their countries and news
    with django_assert_num_queries(7):
        assert client.get("/chronology/romania/?category=visit").status_code == 200


@pytest.mark.django_db
def test_empty_filters_mean_any(client, make_entry):
    entry = make_entry()
    response = client.get("/chronology/?country=&category=&from=&to=")
    assert response.status_code == 200 and list(response.context["object_list"]) == [entry]


@pytest.mark.django_db
def test_category_labels_show_in_the_readers_language(client, make_entry, make_category):
    make_entry(category=make_category("visit", name_en="Visits", name_ja="要人往来"))
    assert '?category=visit">Visits</a>' in client.get("/chronology/").content.decode()
    assert '?category=visit">要人往来</a>' in client.get("/ja/chronology/").content.decode()


@pytest.mark.django_db
def test_a_country_profile_shows_its_own_slice_of_the_chronology(client, make_entry, make_country):
    slovenia, serbia = make_country(name="Slovenia"), make_country(name="Serbia")
    make_entry(title="Kono visits Ljubljana", countries=[slovenia], date=datetime.date(2019, 8, 14))
    make_entry(
        title="Cherry trees", countries=[slovenia], date=datetime.date(1999, 1, 1), date_precision="year"
    )
    make_entry(title="Letters to King Milan", countries=[serbia])
    html = client.get("/countries/slovenia/").content.decode()
    titles = re.findall(r'<h3 class="timeline__title">([^<]+)</h3>', html)
    assert titles == ["Cherry trees", "Kono visits Ljubljana"]
    assert '<time datetime="1999">1999</time>' in html


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_a_reversed_year_range_is_shown_beside_the_field_with_the_form_kept(client, make_entry, prefix):
    make_entry(title="Visit", date=datetime.date(2019, 8, 14))
    make_entry(title="Treaty", date=datetime.date(1899, 1, 1), date_precision="year")
    for _visit in range(2):  # the second reader gets the same: a 400 is never stored
        response = client.get(f"{prefix}/chronology/?from=2000&to=1990")
        assert response.status_code == 400
        html = response.content.decode()
        assert 'class="filters__errors" role="alert"' in html
        field = html.split('<label for="id_to"', 1)[1].split("</div>", 1)[0]
        assert 'value="1990"' in field and 'class="filters__error"' in field
        assert 'name="from" value="2000"' in html.replace(' min="1" max="9999"', "").replace(
            'type="number" ', ""
        )
        # The list is filtered by what was valid: from 2000 on.
        assert "Visit" in html and "Treaty" not in html
    assert "Error 400" not in html
