"""List filters: a malformed filter is a clear 400, empty ones mean "any", a renamed country's slug is followed."""

import pytest
from django import forms
from django.http import QueryDict

from core.filters import BadFilter, FilterForm, original_query


class YearForm(FilterForm):
    year = forms.IntegerField(min_value=1800, max_value=2200, required=False)
    kind = forms.MultipleChoiceField(choices=[("visit", "Visit"), ("event", "Event")], required=False)


def test_unknown_and_empty_parameters_are_ignored():
    form = YearForm(QueryDict("utm_source=mail&page=3&year=&kind="))
    assert form.validated() == {}


def test_a_repeated_parameter_keeps_every_value():
    form = YearForm(QueryDict("kind=visit&kind=event&year=1999"))
    assert form.validated() == {"kind": ["visit", "event"], "year": 1999}


def test_a_plain_dict_is_read_as_a_query_dict_is():
    assert YearForm({"year": "2001", "other": "x"}).validated() == {"year": 2001}


def test_a_malformed_value_raises_bad_filter_and_keeps_the_valid_part():
    form = YearForm(QueryDict("year=nineteen&kind=visit"))
    with pytest.raises(BadFilter) as raised:
        form.validated()
    assert "year" in raised.value.form.errors
    assert form.valid_part() == {"kind": ["visit"]}


def test_the_query_as_sent_is_read_from_the_request_unless_the_page_cache_kept_it(rf):
    request = rf.get("/news/?year=2001&utm_source=x")
    assert original_query(request) == "year=2001&utm_source=x"
    request.original_query = "year=2001"
    assert original_query(request) == "year=2001"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_a_malformed_news_filter_is_a_400_list_first_and_cached(client, make_news, prefix):
    make_news(title="Still listed")
    for _ in range(2):
        response = client.get(f"{prefix}/news/?year=nineteen")
        assert response.status_code == 400
        assert "Still listed" in response.content.decode()


@pytest.mark.django_db
def test_a_malformed_search_type_is_the_400_error_page_first_and_cached(client):
    for _ in range(2):
        response = client.get("/search/?q=visit&type=spaceship")
        assert response.status_code == 400
        page = response.content.decode()
        assert "Error 400" in page
        assert "Type: " in page
        assert 'href="/search/"' in page


@pytest.mark.django_db
def test_a_renamed_countrys_old_slug_in_a_filter_redirects_permanently_keeping_the_rest(client, make_country):
    country = make_country(name="Macedonia", slug="macedonia", iso_code="MK")
    country.slug = "north-macedonia"
    country.save()
    response = client.get("/chronology/?country=macedonia&category=")
    assert response.status_code == 301
    assert response["Location"] == "/chronology/?country=north-macedonia&category="


@pytest.mark.django_db
def test_a_slug_no_country_ever_had_is_a_400_not_a_redirect(client, make_country):
    make_country(name="Slovenia", slug="slovenia", iso_code="SI")
    for _ in range(2):
        assert client.get("/chronology/?country=atlantis").status_code == 400
