"""The site's own content: quotes in their order, only the published ones; pages at their addresses."""

import pytest
from django.utils import translation

from balkan.models import Page, Quote

pytestmark = pytest.mark.django_db


def test_only_published_quotes_are_shown_in_their_order():
    later = Quote.objects.create(text="Later.", author="B", order=2)
    first = Quote.objects.create(text="First.", author="A", order=1)
    Quote.objects.create(text="Hidden.", author="C", order=0, is_published=False)
    assert list(Quote.objects.published()) == [first, later]
    assert str(first) == "A: First."


def test_a_long_quote_is_named_by_its_beginning():
    assert str(Quote(text="x" * 80, author="A")) == "A: " + "x" * 50


@pytest.mark.parametrize(("key", "path"), [("about", "/about/"), ("contact", "/contact/")])
def test_each_page_lives_at_its_address_in_each_language(key, path):
    page = Page.objects.create(key=key, title=key.title())
    assert page.get_absolute_url() == path
    with translation.override("ja"):
        assert page.get_absolute_url() == f"/ja{path}"
    assert str(page) == key.title()


def test_there_is_one_page_per_key():
    from django.db import IntegrityError, transaction

    Page.objects.create(key="about", title="About")
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.create(key="about", title="About again")


def test_the_body_is_sanitised_before_it_is_stored():
    page = Page.objects.create(
        key="about", title="About", body='<p onclick="x()">Hi<script>alert(1)</script></p>'
    )
    page.refresh_from_db()
    assert "script" not in page.body and "onclick" not in page.body and "Hi" in page.body
