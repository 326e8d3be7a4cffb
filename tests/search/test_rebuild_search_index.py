"""manage.py rebuild_search_index: a lost index is written again from the records."""

import pytest
from django.core.management import call_command

from search.models import SearchDocument
from tests.helpers.search import search, titles

pytestmark = pytest.mark.django_db


def test_rebuild_command_restores_a_lost_index(client, make_news, make_entry):
    make_news(title="Cherry trees", title_ja="桜の木")
    make_entry(title="Cherry trees planted")
    SearchDocument.objects.all().delete()
    assert titles(search(client, "/search/?q=cherry")) == []
    assert client.get("/news/")["X-Cache"] == "MISS"
    call_command("rebuild_search_index", verbosity=0)
    assert SearchDocument.objects.count() == 3
    assert len(titles(search(client, "/search/?q=cherry"))) == 2
    assert client.get("/news/")["X-Cache"] == "HIT"  # only search pages read the index
