"""A failed save in the admin loses nothing the editor typed and stores nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from news.models import NewsItem

BODY = "<p>Three paragraphs of careful prose about the <strong>visit</strong>.</p>"


@pytest.mark.django_db
def test_a_news_item_with_errors_comes_back_with_everything_typed(admin_client):
    response = admin_client.post(
        "/admin/news/newsitem/add/",
        {
            "title_en": "Minister visits Skopje",
            "title_ja": "大臣がスコピエを訪問",
            "slug": "minister-visits-skopje",
            "summary_en": "A short lead.",
            "body_en": BODY,
            "kind": "visit",
            "status": "draft",
            "publish_at_0": "2024-05-01",
            "publish_at_1": "10:00:00",
            "event_start": "2024-05-03",
            "event_end": "2024-05-01",
            "hero_image": SimpleUploadedFile("hero.jpg", b"<html>not a photo</html>", "image/jpeg"),
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "hero_image" in form.errors
    assert not NewsItem.objects.exists()
    for name, value in [
        ("title_en", "Minister visits Skopje"),
        ("title_ja", "大臣がスコピエを訪問"),
        ("summary_en", "A short lead."),
        ("body_en", BODY),
        ("event_end", "2024-05-01"),
    ]:
        assert form[name].value() == value, name
    assert "Three paragraphs of careful prose" in response.content.decode()
