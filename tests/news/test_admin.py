"""The newsroom's admin: errors named at the top, pictures described; the list's filters and search."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from news.models import NewsItem
from tests.helpers.images import image_bytes
from tests.helpers.news import news_form_data

ADD = reverse("admin:news_newsitem_add")


@pytest.mark.django_db
def test_a_failed_save_lists_every_error_at_the_top_with_a_link_to_its_field(editor_client):
    data = news_form_data(
        title_en="",
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": SimpleUploadedFile("g.jpg", image_bytes("JPEG"), "image/jpeg"),
            "images-0-alt_en": "",
            "images-0-order": "0",
        },
    )
    html = editor_client.post(ADD, data).content.decode()
    summary = html.split('<nav class="error-summary"', 1)[1].split("</nav>", 1)[0]
    assert 'href="#id_title_en"' in summary
    assert 'href="#id_images-0-alt_en"' in summary and "Gallery image 1 · Alt text [en]" in summary


@pytest.mark.django_db
def test_a_picture_needs_alt_text_or_an_explicit_decorative_choice(editor_client, client):
    def post(**fields):
        return editor_client.post(
            ADD,
            news_form_data(
                title_en="Autumn in Ohrid",
                slug="autumn-in-ohrid",
                hero_image=SimpleUploadedFile("leaves.jpg", image_bytes("JPEG"), "image/jpeg"),
                **{
                    "images-TOTAL_FORMS": "1",
                    "images-0-image": SimpleUploadedFile("pattern.jpg", image_bytes("JPEG"), "image/jpeg"),
                    "images-0-order": "0",
                },
                **fields,
            ),
        )

    refused = post()
    errors = refused.context["adminform"].form.errors
    assert "or mark it as decorative" in errors["hero_alt_en"][0]
    assert "or mark it as decorative" in str(refused.context["inline_admin_formsets"][0].formset.errors[0])
    assert post(hero_decorative="on", **{"images-0-decorative": "on"}).status_code == 302
    item = NewsItem.objects.get()
    assert item.hero_decorative and item.images.get().decorative and not item.publishing_problems()
    item.status = "published"
    item.save()
    html = client.get(f"/news/{item.slug}/").content.decode()
    article = html.split("<article", 1)[1]
    assert article.count('alt=""') >= 2, "screen readers skip both pictures"


LIST = reverse("admin:news_newsitem_changelist")


@pytest.mark.django_db
def test_the_country_filter_lists_a_countrys_stories_once_each_and_those_about_none(
    editor_client, make_news, make_country
):
    slovenia, kosovo = make_country(name="Slovenia"), make_country(name="Kosovo")
    both = make_news(title="Ljubljana and Pristina", countries=[slovenia, kosovo])
    only = make_news(title="Ljubljana", countries=[slovenia])
    nowhere = make_news(title="Tokyo")

    def listed(query):
        changelist = editor_client.get(LIST + query).context["cl"]
        assert not changelist.queryset.query.distinct  # a story is linked to a country once
        return list(changelist.result_list)

    assert listed("?country=slovenia") == [both, only]
    assert listed("?country=kosovo") == [both]
    assert listed("?country=none") == [nowhere]
    assert listed("?country=atlantis") == [both, only, nowhere]  # no such choice: no filter
    html = editor_client.get(LIST).content.decode()
    assert '<a href="?country=slovenia">Slovenia</a>' in html and '<a href="?country=none">-</a>' in html


@pytest.mark.django_db
def test_the_counts_beside_the_filters_choices_count_the_stories_of_each(
    editor_client, make_news, make_country
):
    slovenia = make_country(name="Slovenia")
    make_news(countries=[slovenia], status="draft", kind="visit")
    make_news(countries=[slovenia], is_featured=True)
    make_news(status="published", publish_at=timezone.now() + datetime.timedelta(days=1))
    html = editor_client.get(LIST + "?_facets=True").content.decode()
    for shown in (
        "Draft (1)",
        "Scheduled (1)",
        "Published (1)",
        "Archived (0)",
        "Visit (1)",
        "Slovenia (2)",
        "- (1)",
    ):
        assert shown in html, shown
    html = editor_client.get(LIST + "?_facets=True&country=slovenia").content.decode()
    assert "Draft (1)" in html and "Scheduled (0)" in html and "Slovenia (2)" in html


@pytest.mark.django_db
def test_a_story_is_found_by_any_part_of_its_headline_summary_or_slug_in_english_or_japanese(
    editor_client, make_news
):
    story = make_news(
        title="Kono visits Ljubljana",
        title_ja="河野氏、リュブリャナを訪問",
        slug="kono-in-slovenia",
        summary="Talks on disaster risk reduction.",
        summary_ja="防災について協議。",
    )
    make_news(title="Another story", summary="Nothing alike.")
    for part in (
        "ljubljan",
        "KONO VISITS",
        "リュブリャナ",
        "訪問",
        "防災",
        "risk reduc",
        "in-slov",
        '"kono visits"',
    ):
        changelist = editor_client.get(LIST, {"q": part}).context["cl"]
        assert list(changelist.result_list) == [story], part
        assert changelist.result_count == 1
        assert changelist.full_result_count is None  # the total is not counted again beside it


@pytest.mark.django_db
def test_the_publication_filter_sorts_stories_by_their_state(editor_client, make_news):
    draft = make_news(status="draft")
    scheduled = make_news(status="published", publish_at=timezone.now() + datetime.timedelta(days=1))
    public = make_news()
    for state, stories in {
        "draft": [draft],
        "scheduled": [scheduled],
        "published": [public],
        "archived": [],
    }.items():
        assert list(editor_client.get(LIST, {"state": state}).context["cl"].result_list) == stories, state
    assert len(editor_client.get(LIST, {"state": "unknown"}).context["cl"].result_list) == 3
