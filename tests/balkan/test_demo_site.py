"""Every public URL of the contract answers with the demo content loaded."""

import pytest
from django.utils import translation

PUBLIC_URLS = [
    "/",
    "/news/",
    "/news/?page=1",
    "/news/?country=slovenia",
    "/news/?kind=event",
    "/news/?year=2023",
    "/news/?tag=mirai",
    "/news/feed/",
    "/countries/",
    "/countries/slovenia/",
    "/countries/slovenia/card.png",
    "/countries/slovenia/qr.svg",
    "/countries/slovenia/embed/",
    "/countries/slovenia/feed/",
    "/chronology/",
    "/chronology/?country=romania",
    "/chronology/?category=agreement",
    "/partners/",
    "/search/?q=Kono",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/about/",
    "/contact/",
    "/admin/login/",
]


def test_every_public_url_answers_200_with_demo_content(client, demo):
    failures = {url: client.get(url).status_code for url in PUBLIC_URLS}
    assert {url: status for url, status in failures.items() if status != 200} == {}


@pytest.mark.parametrize("language", ["", "/ja"])
def test_every_demo_detail_page_answers_in_both_languages(client, demo, language):
    from countries.models import Country
    from news.models import NewsItem
    from partners.models import PartnerOrganisation

    objects = [
        *NewsItem.objects.published(),
        *Country.objects.published(),
        *PartnerOrganisation.objects.published(),
    ]
    assert len(objects) > 20
    with translation.override("en"):
        urls = [language + obj.get_absolute_url() for obj in objects]
    failures = [url for url in urls if client.get(url).status_code != 200]
    assert failures == []
