"""{% alerts_link %}: the link other pages show, with their topic preselected."""

from django.template import engines

from alerts.templatetags.alerts_tags import alerts_link


def test_the_link_preselects_the_topic_and_leaves_out_empty_values():
    class Country:
        slug = "slovenia"

    assert alerts_link(country=Country(), tag="", kind=None) == {"query": "country=slovenia"}
    assert alerts_link(kind="visit") == {"query": "kind=visit"}


def test_the_link_renders_to_the_subscribe_page():
    html = engines["django"].from_string('{% load alerts_tags %}{% alerts_link kind="event" %}').render({})
    assert 'href="/alerts/?kind=event"' in html
