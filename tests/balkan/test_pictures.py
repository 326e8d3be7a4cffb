"""The {% picture %} and {% social_image %} tags: a responsive, lazy <picture>, or nothing without an image."""

import re

import pytest
from django.template import Context, Template

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load pictures %}" + source).render(Context(context)).strip()


def test_a_picture_has_avif_and_webp_sources_and_a_lazy_jpeg_with_its_size(hero):
    html = render('{% picture image 1200 800 alt="Cherry trees" sizes="50vw" %}', image=hero)
    assert html.startswith("<picture>") and html.endswith("</picture>")
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    width, height = map(int, re.search(r'width="(\d+)" height="(\d+)" alt="Cherry trees"', html).groups())
    assert width * 2 == height * 3 and width <= 1200
    assert 'sizes="50vw"' in html and 'loading="lazy"' in html and "fetchpriority" not in html


def test_the_first_picture_on_screen_is_fetched_first_not_lazily(hero):
    html = render('{% picture image 1200 800 eager=True css_class="hero" %}', image=hero)
    assert 'fetchpriority="high"' in html and "loading=" not in html and 'class="hero"' in html


def test_no_image_renders_nothing(make_news):
    assert render("{% picture image 1200 800 %}", image=make_news().hero_image) == ""


def test_the_social_image_is_an_address_of_a_rendition(hero):
    url = render("{% social_image image %}", image=hero)
    assert url.startswith("/media/") and url != hero.url
