"""The newsroom's admin form: every error named at the top with a link, pictures described or marked decorative."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
