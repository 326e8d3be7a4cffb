import pytest

from core.richtext import lost_text, sanitize
from tests.helpers.news import news_form_data

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


@pytest.mark.parametrize(
    ("html", "lost"),
    [
        ("<p>Hello</p><style>p { color: red }<p>World and more</p>", "p { color: red } World and more"),
        ("<p>A</p><math><mi><style><p>B is here</p>", "B is here"),
        ("<p>Hello</p><math><style>x<p>World</p>", "x"),
    ],
)
def test_text_after_a_broken_tag_is_reported_as_lost(html, lost):
    assert lost_text(html) == lost


@pytest.mark.parametrize(
    "html",
    [
        HOSTILE,
        "<p>A</p><style>p { color: red }</style><p>B &amp; C</p><!-- a note -->",
        '<figure class="image"><img src="/media/a.jpg" alt="x"><figcaption>Cap</figcaption></figure>',
        "<p>x &lt; y &gt; z, 日本語</p><p>a<br>b</p><iframe src=x></iframe>",
        "",
    ],
)
def test_removing_only_dangerous_markup_loses_nothing(html):
    assert lost_text(html) == ""


@pytest.mark.django_db
def test_the_admin_refuses_text_the_sanitiser_would_drop_and_keeps_what_was_typed(publisher_client):
    from news.models import NewsItem

    body = "<p>Our visit.</p><math><mi><style><p>The minister met the mayor.</p>"
    data = news_form_data(body_en=body)
    response = publisher_client.post("/admin/news/newsitem/add/", data)
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["body_en"]
    assert error.startswith(
        "Part of the text would be lost when it is cleaned: “The minister met the mayor.”"
    )
    assert response.context["adminform"].form["body_en"].value() == body
    assert not NewsItem.objects.exists()
    data["body_en"] = "<p>Our visit.</p><p>The minister met the mayor.</p>"
    assert publisher_client.post("/admin/news/newsitem/add/", data).status_code == 302
