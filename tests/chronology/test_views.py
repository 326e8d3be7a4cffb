import datetime

import pytest


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
    client, make_entry, make_country, django_assert_num_queries, count
):
    country = make_country()
    for _ in range(count):
        make_entry(countries=[country])
    # entries with category, countries, related news, and the two filter dropdowns
    with django_assert_num_queries(5):
        assert client.get("/chronology/").status_code == 200
