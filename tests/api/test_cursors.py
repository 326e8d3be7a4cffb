"""The API's cursors: the signed sort key of a page's last item, for this list only."""

import pytest

from api.cursors import BadCursor, Keyset
from api.views import CHRONOLOGY_ORDER, NEWS_ORDER


@pytest.mark.django_db
def test_a_cursor_reads_back_the_sort_key_of_the_row_it_was_made_from(make_news):
    story = make_news()
    assert NEWS_ORDER.decode(NEWS_ORDER.encode(story)) == [story.publish_at, story.pk]


@pytest.mark.django_db
def test_a_cursor_of_another_list_or_an_altered_one_is_refused(make_news):
    cursor = NEWS_ORDER.encode(make_news())
    with pytest.raises(BadCursor):
        CHRONOLOGY_ORDER.decode(cursor)
    with pytest.raises(BadCursor):
        NEWS_ORDER.decode(cursor[:-3] + "xyz")
    with pytest.raises(BadCursor):
        Keyset("news", (("-publish_at", "datetime"),)).decode(cursor)  # another shape


@pytest.mark.django_db
def test_pages_follow_each_other_without_gaps_or_repeats(make_news):
    from news.models import NewsItem

    stories = [make_news() for _ in range(7)]
    seen, cursor = [], None
    while True:
        rows, cursor = NEWS_ORDER.page(NewsItem.objects.all(), cursor, 3)
        seen += rows
        if cursor is None:
            break
    assert sorted(story.pk for story in seen) == sorted(story.pk for story in stories)
    assert len(seen) == 7
