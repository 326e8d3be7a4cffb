import datetime

import pytest
from django.utils import timezone

from tests.helpers.news import news_form_data

pytestmark = pytest.mark.django_db


def upcoming(page):
    """Return the upcoming-events section of a page, or ""."""
    start = page.find('<section class="upcoming"')
    return "" if start < 0 else page[start : page.index("</section>", start)]


def test_home_lists_upcoming_events_and_refreshes_when_one_is_published(
    client, slovenia, make_event, make_entry, soon
):
    make_event(title="Film night", event_start_time=datetime.time(20, 0), countries=[slovenia])
    make_entry(title="Expo pavilion opens", date=soon + datetime.timedelta(days=3))
    make_event(title="Last year's fair", event_start=timezone.localdate() - datetime.timedelta(days=30))
    make_event(title="Draft gala", status="draft")
    first = client.get("/").content.decode()
    for page in (upcoming(first), upcoming(client.get("/").content.decode())):
        assert "Upcoming events" in page
        assert page.index("Film night") < page.index("Expo pavilion opens")
        assert "20:00 (CET)" in page
        assert 'href="/events.ics"' in page
        assert "Last year&#x27;s fair" not in page and "Draft gala" not in page
    make_event(title="Newly announced concert", countries=[slovenia])
    for _ in range(2):
        assert "Newly announced concert" in upcoming(client.get("/").content.decode())
    japanese = upcoming(client.get("/ja/").content.decode())
    assert "今後のイベント" in japanese and "(CET)" in japanese


def test_profile_lists_only_its_country_upcoming_events(client, slovenia, greece, make_event):
    make_event(title="In Ljubljana", countries=[slovenia])
    make_event(title="In Athens", countries=[greece], event_cancelled=True)
    for _ in range(2):
        page = upcoming(client.get("/countries/greece/").content.decode())
        assert "In Athens" in page and "In Ljubljana" not in page
        assert "Cancelled" in page
        assert 'href="/countries/greece/events.ics"' in page
    assert "In Ljubljana" in upcoming(client.get("/countries/slovenia/").content.decode())
    assert "中止" in upcoming(client.get("/ja/countries/greece/").content.decode())


def test_profile_without_upcoming_events_shows_no_empty_list(client, slovenia):
    page = client.get("/countries/slovenia/").content.decode()
    assert page.count("<section") > 2 and upcoming(page) == ""


def test_admin_says_which_event_time_is_wrong(publisher_client, slovenia, soon):
    data = news_form_data(
        kind="event",
        event_start=soon.isoformat(),
        event_start_time="18:00",
        event_end_time="17:00",
        countries=[slovenia.pk],
    )
    response = publisher_client.post("/admin/news/newsitem/add/", data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["event_end_time"] == ["The event cannot end before it starts."]
    assert response.context["adminform"].form["title_en"].value() == data["title_en"]
    data["event_end_time"] = "21:00"
    assert publisher_client.post("/admin/news/newsitem/add/", data).status_code == 302


@pytest.mark.parametrize("count", [1, 30])
def test_upcoming_events_cost_a_fixed_number_of_queries(
    client, slovenia, make_event, make_entry, soon, django_assert_num_queries, count
):
    for _ in range(count):
        make_event(countries=[slovenia], event_start_time=datetime.time(12, 0))
        make_entry(date=soon).countries.set([slovenia])
    # the profile's 12, and the countries of the upcoming stories and entries
    with django_assert_num_queries(14):
        assert client.get("/countries/slovenia/").status_code == 200
