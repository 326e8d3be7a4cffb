"""The tag_name filter: a tag under /ja/ reads in Japanese when it has a Japanese name, else in English."""

import pytest
from django.template import Context, Template
from django.utils import translation
from taggit.models import Tag

from news.models import TagTranslation

pytestmark = pytest.mark.django_db


def render(tag):
    return Template("{% load news_tags %}{{ tag|tag_name }}").render(Context({"tag": tag}))


def test_a_tag_reads_in_the_pages_language():
    tag = Tag.objects.create(name="Culture", slug="culture")
    TagTranslation.objects.create(tag=tag, name_ja="文化")
    tag = Tag.objects.select_related("translation").get(pk=tag.pk)
    with translation.override("ja"):
        assert render(tag) == "文化"
    with translation.override("en"):
        assert render(tag) == "Culture"


@pytest.mark.parametrize("japanese", [None, ""])
def test_a_tag_without_a_japanese_name_reads_in_english_under_ja(japanese):
    tag = Tag.objects.create(name="Science", slug="science")
    if japanese is not None:
        TagTranslation.objects.create(tag=tag, name_ja=japanese)
    with translation.override("ja"):
        assert render(Tag.objects.get(pk=tag.pk)) == "Science"
