"""Structured data of a story: a NewsArticle (Google's article properties), published by the network.

An event story adds its Event (events/linked_data.py), which links back to the article.
"""

from django.urls import reverse
from django.utils import translation

from core.linked_data import absolute, image, publisher

CARD_SIZE = (1200, 630)
HEADLINE_LENGTH = 110  # Google shows no more of a headline


def article(item, *, home_url):
    """Return the NewsArticle of `item` (its countries prefetched) in the active language."""
    page_url = absolute(item.get_absolute_url())
    organisation = publisher(home_url)
    images = [image(absolute(reverse("news:card", args=[item.slug])), *CARD_SIZE)]
    if item.hero_image:
        images.append(image(absolute(item.hero_image.url), item.hero_width, item.hero_height))
    node = {
        "@type": "NewsArticle",
        "@id": f"{page_url}#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": page_url, "url": page_url},
        "url": page_url,
        "headline": item.title
        if len(item.title) <= HEADLINE_LENGTH
        else item.title[: HEADLINE_LENGTH - 1] + "…",
        "image": images,
        # Whole seconds: what readers need, and it survives a backup round trip.
        "datePublished": item.publish_at.isoformat(timespec="seconds"),
        "dateModified": max(item.updated_at, item.publish_at).isoformat(timespec="seconds"),
        "author": {"@id": organisation["@id"]},
        "publisher": {"@id": organisation["@id"]},
        "inLanguage": translation.get_language(),
        "isAccessibleForFree": True,
    }
    if item.summary:
        node["description"] = item.summary
    countries = [country for country in item.countries.all() if country.is_published]
    if countries:
        node["about"] = [
            {"@type": "Country", "name": country.name, "url": absolute(country.get_absolute_url())}
            for country in countries
        ]
    return node, organisation
