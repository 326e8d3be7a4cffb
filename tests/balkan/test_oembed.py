"""The site as an oEmbed 1.0 provider: profiles and stories shown inline by tools that speak oEmbed."""

import html
import json
import re
from urllib.parse import urlencode

import pytest

from countries.views import EMBED_HEIGHT, EMBED_WIDTH
from tests.helpers.linked_data import SITE_URL, answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

# oEmbed 1.0, section 2.3.4: what every answer has, and what a rich one adds.
REQUIRED = {"type": str, "version": str}
RICH = {"html": str, "width": int, "height": int}


def ask(client, url, **params):
    return client.get("/oembed?" + urlencode({"url": url, **params}))


def valid(response):
    """Check `response` against the spec and return its data."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    for name, kind in {**REQUIRED, **RICH}.items():
        assert isinstance(data[name], kind), name
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["provider_name"] and data["provider_url"] in (SITE_URL + "/", SITE_URL + "/ja/")
    assert data["width"] > 0 and data["height"] > 0
    if "thumbnail_url" in data:
        assert {"thumbnail_width", "thumbnail_height"} <= set(data)
    return data


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_a_profile_is_embedded_as_its_card(client, slovenia, prefix):
    url = f"{SITE_URL}{prefix}/countries/slovenia/"
    first, second = ask(client, url), ask(client, url)
    assert second["X-Cache"] == "HIT" and second.content == first.content
    assert second["Access-Control-Allow-Origin"] == "*"
    data = valid(second)
    assert data["title"] == ("スロベニア" if prefix else "Slovenia") + " · " + data["provider_name"]
    [src] = re.findall(r'<iframe src="([^"]+)"', data["html"])
    assert src == f"{SITE_URL}{prefix}/countries/slovenia/embed/"
    assert (data["width"], data["height"]) == (EMBED_WIDTH, EMBED_HEIGHT)
    assert (data["thumbnail_width"], data["thumbnail_height"]) == (1200, 630)
    for address in (src, data["thumbnail_url"]):
        assert answers(client, address).status_code == 200, address
    # The embed's own address is understood too.
    assert valid(ask(client, src))["html"] == data["html"]


def test_a_story_is_embedded_as_a_quotation_with_its_picture(client, make_news):
    item = make_news(title="Cherry trees for Ljubljana", summary="Three hundred trees.")
    url = f"{SITE_URL}/news/{item.slug}/"
    data = valid(ask(client, url))
    assert data["title"] == "Cherry trees for Ljubljana"
    assert f'<a href="{url}">Cherry trees for Ljubljana</a>' in data["html"]
    assert "<p>Three hundred trees.</p>" in data["html"]
    assert "<script" not in data["html"] and "<iframe" not in data["html"]
    assert answers(client, data["thumbnail_url"]).status_code == 200


def test_text_in_a_story_cannot_break_out_of_the_quotation(client, make_news):
    item = make_news(title='"><script>alert(1)</script>', summary="<img src=x onerror=alert(2)>")
    data = valid(ask(client, f"{SITE_URL}/news/{item.slug}/"))
    assert "<script>" not in data["html"] and "<img src=x" not in data["html"]
    assert html.escape('"><script>') in data["html"]


def test_limits_are_respected_or_the_answer_is_404(client, slovenia):
    url = f"{SITE_URL}/countries/slovenia/"
    narrow = valid(ask(client, url, maxwidth=300))
    assert narrow["width"] == 300 and "thumbnail_url" not in narrow
    assert ask(client, url, maxwidth=100).status_code == 404
    assert ask(client, url, maxheight=200).status_code == 404
    assert ask(client, url, maxwidth="wide").status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example/countries/slovenia/",
        "http://balkan.example/countries/slovenia/",
        f"{SITE_URL}/countries/atlantis/",
        f"{SITE_URL}/partners/",
        f"{SITE_URL}/no/such/page/",
        "not an address",
    ],
)
def test_an_address_that_is_not_an_embeddable_page_here_is_404(client, slovenia, url):
    assert ask(client, url).status_code == 404


def test_an_unpublished_story_or_country_is_404(client, make_news, make_country):
    draft = make_news(status="draft")
    hidden = make_country(name="Kosovo", is_published=False)
    assert ask(client, f"{SITE_URL}/news/{draft.slug}/").status_code == 404
    assert ask(client, f"{SITE_URL}/countries/{hidden.slug}/").status_code == 404


def test_what_the_spec_leaves_out_is_refused_clearly(client, slovenia):
    assert client.get("/oembed").status_code == 400
    assert ask(client, f"{SITE_URL}/countries/slovenia/", format="xml").status_code == 501


def test_a_renamed_country_is_found_from_its_old_address_and_the_answer_is_refreshed(client, slovenia):
    old = f"{SITE_URL}/countries/slovenia/"
    assert valid(ask(client, old))["title"].startswith("Slovenia")
    slovenia.name, slovenia.slug = "Republic of Slovenia", "republic-of-slovenia"
    slovenia.save()
    data = valid(ask(client, old))
    assert data["title"].startswith("Republic of Slovenia")
    assert f"{SITE_URL}/countries/republic-of-slovenia/embed/" in data["html"]


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_profiles_and_stories_link_to_their_oembed_answer(client, slovenia, make_news, prefix):
    item = make_news()
    for path in (f"{prefix}/countries/slovenia/", f"{prefix}/news/{item.slug}/"):
        for _visit in range(2):  # the fresh page and the cached one
            page = client.get(path).content.decode()
            [href] = re.findall(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', page)
            href = html.unescape(href)
            assert href == f"{SITE_URL}/oembed?" + urlencode({"url": SITE_URL + path, "format": "json"})
            assert valid(answers(client, href))
