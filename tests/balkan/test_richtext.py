import pytest

from balkan.richtext import sanitize

HOSTILE = (
    "<p>Hello <strong>world</strong></p>"
    "<script>alert(1)</script>"
    '<img src="x.png" alt="x" onerror="alert(2)">'
    '<a href="javascript:alert(3)">bad link</a>'
    '<a href="https://example.org/" onclick="alert(4)">good link</a>'
)


def test_sanitize_keeps_allowed_markup():
    assert sanitize("<p>Hello <strong>world</strong></p>") == "<p>Hello <strong>world</strong></p>"


def test_sanitize_removes_scripts_handlers_and_javascript_urls():
    clean = sanitize(HOSTILE)
    assert "<script" not in clean
    assert "alert(1)" not in clean
    assert "onerror" not in clean and "onclick" not in clean
    assert "javascript:" not in clean
    assert 'href="https://example.org/"' in clean


@pytest.mark.django_db
def test_rich_text_is_stored_and_shown_without_hostile_markup(client, make_news):
    item = make_news(body=HOSTILE, body_ja=HOSTILE)
    item.refresh_from_db()
    for stored in (item.body_en, item.body_ja):
        assert "<script" not in stored and "onerror" not in stored and "javascript:" not in stored
        assert "<strong>world</strong>" in stored
    for url in (item.get_absolute_url(), "/ja" + item.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "alert(1)" not in html and "onerror" not in html and "javascript:alert" not in html
        assert "<strong>world</strong>" in html


@pytest.mark.django_db
def test_queryset_update_cannot_smuggle_markup_into_a_page(client, make_news):
    from news.models import NewsItem

    item = make_news()
    NewsItem.objects.filter(pk=item.pk).update(body_en=HOSTILE)
    html = client.get(item.get_absolute_url()).content.decode()
    assert "alert(1)" not in html and "onerror" not in html
