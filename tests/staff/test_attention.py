import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from balkan.models import Page
from news.models import NewsImage
from staff.attention import images_without_alt, needs_attention
from tests.helpers.images import image_upload


def lists_by_key(user):
    return {attention.key: attention for attention in needs_attention(user)}


def labels(attention):
    return [item.label for item in attention.items]


@pytest.mark.django_db
def test_news_in_review_and_scheduled_news_are_listed(superuser, make_news):
    now = timezone.now()
    make_news(title="Waiting for Anna", status="review")
    make_news(title="Out on Monday", status="published", publish_at=now + datetime.timedelta(days=3))
    make_news(title="Already out", status="published", publish_at=now - datetime.timedelta(days=1))
    make_news(title="Still a draft", status="draft")

    lists = lists_by_key(superuser)

    assert (lists["review"].count, labels(lists["review"])) == (1, ["Waiting for Anna"])
    assert (lists["scheduled"].count, labels(lists["scheduled"])) == (1, ["Out on Monday"])
    assert lists["scheduled"].items[0].note  # when it goes out


@pytest.mark.django_db
def test_the_links_to_all_of_a_list_open_the_admin_filtered_to_it(client, superuser, make_news):
    now = timezone.now()
    make_news(title="Out on Monday", status="published", publish_at=now + datetime.timedelta(days=3))
    make_news(title="Already out", status="published", publish_at=now - datetime.timedelta(days=1))
    make_news(title="Waiting for Anna", status="review")
    make_news(title="Untranslated", title_ja="", summary_ja="")
    make_news(title="Translated", title_ja="翻訳済み", summary_ja="要約", body_ja="<p>本文</p>")
    client.force_login(superuser)
    lists = lists_by_key(superuser)

    pages = {key: client.get(lists[key].links[0][1]) for key in ("review", "scheduled", "japanese")}

    assert all(page.status_code == 200 for page in pages.values())
    shown = {
        key: re.findall(r'class="field-title"><a [^>]*>([^<]+)</a>', page.content.decode())
        for key, page in pages.items()
    }
    assert shown["review"] == ["Waiting for Anna"]
    assert shown["scheduled"] == ["Out on Monday"]
    assert "Untranslated" in shown["japanese"] and "Translated" not in shown["japanese"]


@pytest.mark.django_db
def test_records_whose_japanese_text_is_missing_are_listed(
    superuser, make_news, make_country, make_entry, make_category
):
    make_category("visit", name_ja="訪問")
    make_news(title="Only English", title_ja="")
    make_news(title="Both", title_ja="両方", summary_ja="要約", body_ja="<p>本文</p>")
    make_news(title="Archived, no matter", title_ja="", status="archived")
    make_country(name="Slovenia", name_ja="スロベニア", summary="On the Adriatic.", summary_ja="")
    make_entry(title="Treaty", title_ja="条約")
    Page.objects.create(key="about", title_en="About", title_ja="概要", body_en="<p>Hello</p>", body_ja="")

    japanese = lists_by_key(superuser)["japanese"]

    assert japanese.count == 3
    assert sorted(labels(japanese)) == ["Country: Slovenia", "News item: Only English", "Site page: About"]
    assert [label for label, _ in japanese.links] == ["News items (1)", "Countries (1)", "Site pages (1)"]


@pytest.mark.django_db
def test_images_without_a_text_alternative_are_found_in_heroes_galleries_and_rich_text(superuser, make_news):
    make_news(title="Hero without alt", hero_image=image_upload(), hero_alt="")
    make_news(title="Hero with alt", hero_image=image_upload(), hero_alt="Ministers shake hands")
    make_news(title="Body image without alt", body='<p>Text</p><img src="/media/a.jpg">')
    make_news(title="Body image with empty alt", body_ja='<img alt="" src="/media/a.jpg">')
    make_news(
        title="Body image with alt", body='<img src="/media/a.jpg" alt="A bridge over the Ljubljanica">'
    )
    gallery = make_news(title="Gallery without alt")
    NewsImage.objects.create(news_item=gallery, image=image_upload(), alt="")
    Page.objects.create(key="about", title="About", body='<figure><img src="/media/b.jpg"></figure>')

    alt = lists_by_key(superuser)["alt"]

    found = {item.label: item.note for item in alt.items}
    assert alt.count == 5
    assert found == {
        "News item: Hero without alt": "hero image",
        "News item: Body image without alt": "image in the text",
        "News item: Body image with empty alt": "image in the text",
        "Gallery image: Gallery without alt": "gallery image",
        "Site page: About": "image in the text",
    }


def test_images_without_alt_counts_missing_and_empty_alt_texts():
    html = (
        '<img src="a"><img alt="" src="b"><img alt=" " src="c"><img src="d" alt="Sakura"><img alt=\'Bridge\'>'
    )
    assert images_without_alt(html) == 3
    assert images_without_alt("") == images_without_alt(None) == 0


@pytest.mark.django_db
def test_the_dashboard_costs_the_same_queries_with_one_or_thirty_records(superuser, make_news, make_country):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            needs_attention(superuser)
        return len(captured)

    make_news(status="review", title_ja="")
    make_country(name="Country 0", slug="country-0", iso_code="AA", summary_ja="")
    one = queries()
    for number in range(30):
        make_news(status="review", title_ja="", body=f'<img src="/media/{number}.jpg">')
        code = f"{chr(66 + number // 26)}{chr(65 + number % 26)}"
        make_country(name=f"Country {code}", slug=f"country-{code.lower()}", iso_code=code, summary_ja="")
    assert queries() == one


@pytest.mark.django_db
def test_editors_see_only_what_they_may_change(django_user_model, make_news, make_country):
    make_news(status="review", title="Waiting", title_ja="")
    make_country(name="Slovenia", summary_ja="")
    writer = django_user_model.objects.create_user("writer", password="a long secret phrase", is_staff=True)
    writer.user_permissions.add(Permission.objects.get(codename="change_newsitem"))

    lists = lists_by_key(writer)

    assert labels(lists["review"]) == ["Waiting"]
    assert labels(lists["japanese"]) == ["News item: Waiting"]


@pytest.mark.django_db
def test_the_admin_front_page_shows_what_needs_attention(client, superuser, make_news):
    make_news(title="Waiting for Anna", status="review")
    client.force_login(superuser)

    html = client.get("/admin/").content.decode()

    assert "Needs attention" in html
    section = html[html.index('class="attention"') : html.index("</section>")]
    assert "Waiting for review" in section and "Waiting for Anna" in section
    assert "Scheduled" in section and "Nothing to do." in section
    assert "Missing Japanese translations" in section and "Images without a text alternative" in section


@pytest.mark.django_db
def test_every_translated_field_left_without_japanese_is_counted(superuser, make_news):
    from modeltranslation.translator import translator

    from news.models import NewsItem

    fields = set(translator.get_options_for_model(NewsItem).fields)
    assert {"venue", "city", "source_name", "hero_credit", "withdrawal_notice"} <= set(fields)
    for name in sorted(fields):
        story = make_news(title=f"Story without {name}", **{f"{name}_en": "English only", f"{name}_ja": ""})
        for other in fields - {name}:  # every other field has its Japanese
            setattr(story, f"{other}_ja", getattr(story, f"{other}_ja") or "日本語")
            setattr(story, f"{other}_en", getattr(story, f"{other}_en") or "English")
        story.save()
    japanese = lists_by_key(superuser)["japanese"]
    assert japanese.count == len(fields), labels(japanese)


@pytest.mark.django_db
def test_tags_are_named_in_japanese_on_ja_pages_and_counted_until_they_are(client, superuser, make_news):
    from taggit.models import Tag

    from news.models import TagTranslation

    story = make_news(title="Trade mission", slug="trade-mission")
    story.tags.add("trade", "science")

    def tags_listed():
        with translation.override("en"):  # (the /ja/ requests below leave Japanese active)
            links = dict(lists_by_key(superuser)["japanese"].links)
        return next((int(label[6:-1]) for label in links if label.startswith("Tags (")), 0)

    assert tags_listed() == 2

    TagTranslation.objects.create(tag=Tag.objects.get(name="trade"), name_ja="貿易")
    for _visit in range(2):  # the first reader and the second, from the page cache
        html = client.get("/ja/news/trade-mission/").content.decode()
        assert ">貿易</a>" in html and ">trade</a>" not in html
        assert ">trade</a>" in client.get("/news/trade-mission/").content.decode()
        assert "「貿易」" in client.get("/ja/news/?tag=trade").content.decode()
    assert tags_listed() == 1


@pytest.mark.django_db
def test_a_trade_source_is_shown_in_japanese_on_ja_pages_and_counted_until_it_is(
    client, editor, make_country
):
    from countries.models import TradeFigure

    slovenia = make_country(name="Slovenia", slug="slovenia")
    figure = TradeFigure.objects.create(
        country=slovenia,
        year=2024,
        exports_to_japan=119,
        imports_from_japan=86,
        source_en="Statistical Office",
    )

    def missing():
        with translation.override("en"):  # (the /ja/ requests below leave Japanese active)
            return dict(lists_by_key(editor)["japanese"].links)

    assert any(label.startswith("Trade figures") or "trade figure" in label.lower() for label in missing())
    figure.source_ja = "統計局"
    figure.save()
    assert not any("trade figure" in label.lower() for label in missing())
    for _visit in range(2):  # the first reader and the second, from the page cache
        html = client.get("/ja/countries/slovenia/").content.decode()
        assert "統計局" in html and "Statistical Office" not in html
        assert "Statistical Office" in client.get("/countries/slovenia/").content.decode()


@pytest.mark.django_db
def test_documents_without_a_japanese_title_or_summary_are_counted_on_their_page(
    editor, make_news, make_country, make_story_document, make_profile_document
):
    story = make_news(
        title="Trade mission", title_ja="貿易ミッション", summary_ja="要約", body_ja="<p>本文</p>"
    )
    make_story_document(story, title="Mission report", title_ja="")
    country = make_country(name="Slovenia", name_ja="スロベニア", summary_ja="要約")
    make_profile_document(
        country, title="Guide", title_ja="ガイド", summary="<p>A summary.</p>", summary_ja=""
    )
    make_profile_document(country, title="Both", title_ja="両方")

    japanese = lists_by_key(editor)["japanese"]

    assert sorted(labels(japanese)) == ["Document: Slovenia", "Document: Trade mission"]
    assert japanese.count == 2
