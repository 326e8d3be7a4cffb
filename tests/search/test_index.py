"""The search index: each record in each language it is written in, kept up to date by every save and delete."""

import pytest

from chronology.models import ChronologyEntry
from search.models import SearchDocument
from search.query import Search
from tests.helpers.search import search, titles

pytestmark = pytest.mark.django_db


def test_saving_a_record_indexes_each_language_it_is_written_in(make_news):
    both = make_news(title="Kono visits Ljubljana", title_ja="河野外相がリュブリャナを訪問")
    english_only = make_news(title="Cherry trees")
    assert set(SearchDocument.objects.filter(object_id=both.pk).values_list("language", flat=True)) == {
        "en",
        "ja",
    }
    assert list(
        SearchDocument.objects.filter(object_id=english_only.pk).values_list("language", flat=True)
    ) == ["en"]


def test_editing_a_record_updates_the_index(client, make_news):
    item = make_news(title="Courtesy call")
    item.title_en = "Courtesy call on Dr. Sopaj"
    item.save()
    assert titles(search(client, "/search/?q=Sopaj")) == ["Courtesy call on Dr. Sopaj"]
    assert SearchDocument.objects.filter(object_id=item.pk, language="en").count() == 1


def test_deleting_a_record_removes_it_from_the_index(client, make_partner):
    partner = make_partner(name="Cosylab")
    partner.delete()
    assert not SearchDocument.objects.filter(kind="partners").exists()
    assert titles(search(client, "/search/?q=Cosylab")) == []


def test_chronology_entries_are_reindexed_when_saved_from_a_query(make_entry):
    entry = make_entry(title="Letters")
    entry = ChronologyEntry.objects.get(pk=entry.pk)
    entry.title_en = "Letters between Emperor Meiji and King Milan"
    entry.save()
    assert Search("milan").counts() == {"chronology": 1}
