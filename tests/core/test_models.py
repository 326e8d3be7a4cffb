"""The old-slug record: one object per slug and kind, named by its slug."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from core.models import OldSlug
from news.models import NewsItem

pytestmark = pytest.mark.django_db


def test_an_old_slug_reads_as_itself_and_finds_its_object(make_news):
    item = make_news()
    content_type = ContentType.objects.get_for_model(NewsItem)
    old = OldSlug.objects.create(content_type=content_type, object_id=item.pk, slug="before")
    assert str(old) == "before"
    assert old.content_object == item


def test_one_slug_of_one_kind_belongs_to_one_object_only(make_news, make_country):
    first, second = make_news(), make_news()
    content_type = ContentType.objects.get_for_model(NewsItem)
    OldSlug.objects.create(content_type=content_type, object_id=first.pk, slug="taken")
    with pytest.raises(IntegrityError), transaction.atomic():
        OldSlug.objects.create(content_type=content_type, object_id=second.pk, slug="taken")
    country = make_country()
    OldSlug.objects.create(
        content_type=ContentType.objects.get_for_model(country), object_id=country.pk, slug="taken"
    )
