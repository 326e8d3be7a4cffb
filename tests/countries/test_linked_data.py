import json

import pytest
from django.template import Context, Template

from countries.linked_data import profile_graph

pytestmark = pytest.mark.django_db


def render_json_ld(data):
    return Template("{% load balkan_tags %}{{ data|json_ld }}").render(Context({"data": data}))


def test_json_ld_cannot_be_broken_out_of_by_text_in_the_data():
    data = {"name": "</script><script>alert(1)</script> & <!--"}
    html = render_json_ld(data)
    assert html.startswith('<script type="application/ld+json">') and html.count("</script>") == 1
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == data


def test_profile_graph_names_the_country_in_every_language(slovenia):
    slovenia.official_name = "Republic of Slovenia"
    graph = profile_graph(
        slovenia,
        page_url="https://balkan.example/countries/slovenia/",
        home_url="https://balkan.example/",
        list_url="https://balkan.example/countries/",
        image_url="https://balkan.example/countries/slovenia/card.png",
    )
    page, country, breadcrumbs = graph["@graph"]
    assert country["alternateName"] == ["Republic of Slovenia", "スロベニア"]
    assert "image" not in country  # no flag address given
    assert page["primaryImageOfPage"]["url"] == "https://balkan.example/countries/slovenia/card.png"
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == ["Home", "Countries", "Slovenia"]
