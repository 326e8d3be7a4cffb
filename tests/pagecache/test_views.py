"""How views declare their cached pages: what they show, which parameters they read, and nothing else."""

import pytest
from django.urls import resolve

from pagecache import generations as g
from pagecache.views import CachedPageMixin, PageSpec, cached_page, depends_on, spec_of


def test_a_page_spec_names_its_generations_at_a_url():
    spec = PageSpec((g.COUNTRY, g.COUNTRIES))
    assert spec.names({"slug": "slovenia"}) == {g.COUNTRY("slovenia"), g.COUNTRIES}


def test_a_dependency_not_on_the_list_of_generations_is_refused_when_declared():
    with pytest.raises(ValueError, match="not a generation"):
        PageSpec(("newz",))
    with pytest.raises(ValueError):
        cached_page("unknown-thing")(lambda request: None)


def test_a_function_view_keeps_its_behaviour_and_carries_its_declaration(rf):
    @cached_page(g.NEWS, params=("q",))
    def view(request, number):
        """The docstring stays."""
        return number * 2

    assert view(rf.get("/"), 21) == 42
    assert view.__doc__ == "The docstring stays."
    assert spec_of(view) == PageSpec((g.NEWS,), frozenset({"q"}))


def test_a_list_view_reads_its_filters_and_page_and_its_own_parameters():
    spec = spec_of(resolve("/news/").func)
    assert spec.params == frozenset({"country", "kind", "year", "tag", "page"})
    assert spec_of(resolve("/search/").func).params >= {"q", "type", "page"}


def test_a_detail_page_depends_on_its_own_object_and_the_lists_it_shows():
    spec = spec_of(resolve("/countries/slovenia/").func)
    assert spec.names({"slug": "slovenia"}) == {
        g.COUNTRY("slovenia"),
        g.COUNTRY_NEWS("slovenia"),
        g.COUNTRY_PROFILE("slovenia"),
        g.COUNTRIES,
    }


def test_a_view_that_declares_nothing_is_not_cached():
    class Plain(CachedPageMixin):
        pass

    assert spec_of(lambda request: None) is None
    assert Plain.page_cache_spec() == PageSpec()


def test_declaring_while_rendering_outside_a_cached_page_does_nothing(rf):
    depends_on(rf.get("/"), g.NEWS)


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_a_parameter_the_page_does_not_read_neither_makes_a_new_entry_nor_bypasses_the_cache(
    client, make_news, prefix
):
    make_news()
    assert client.get(f"{prefix}/news/")["X-Cache"] == "MISS"
    for junk in ("utm_source=mail", "cb=123", "utm_source=x&cb=9"):
        response = client.get(f"{prefix}/news/?{junk}")
        assert response.status_code == 200
        assert response["X-Cache"] == "HIT", junk


@pytest.mark.django_db
def test_a_parameter_the_page_reads_is_a_page_of_its_own(client, make_news, make_country):
    make_country(name="Slovenia", slug="slovenia")
    client.get("/news/")
    assert client.get("/news/?country=slovenia")["X-Cache"] == "MISS"
    assert client.get("/news/?country=slovenia")["X-Cache"] == "HIT"
