import pytest
from django.contrib import admin
from django.urls import reverse


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "a long secret phrase")
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_admin_list_and_add_page_works(superuser_client, model):
    opts = model._meta
    assert (
        superuser_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code
        == 200
    )
    add = superuser_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code in (200, 403)


@pytest.mark.django_db
def test_change_pages_work_with_content(superuser_client, make_news, make_country, make_entry, make_partner):
    for obj in (make_news(), make_country(), make_entry(), make_partner()):
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert superuser_client.get(url).status_code == 200


@pytest.mark.django_db
def test_admin_is_branded(superuser_client):
    assert "Japan–Balkan Network" in superuser_client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_a_failed_save_keeps_what_the_editor_typed(superuser_client):
    response = superuser_client.post(
        reverse("admin:news_newsitem_add"),
        {
            "title_en": "",
            "slug": "a-story",
            "summary_en": "A summary I typed with care.",
            "body_en": "<p>Three paragraphs of careful prose.</p>",
            "kind": "news",
            "status": "draft",
            "publish_at_0": "2024-01-01",
            "publish_at_1": "10:00:00",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required" in html
    assert "A summary I typed with care." in html
    assert "Three paragraphs of careful prose." in html


@pytest.mark.django_db
def test_chronology_admin_refuses_a_day_without_a_month(superuser_client, make_category):
    category = make_category()
    response = superuser_client.post(
        reverse("admin:chronology_chronologyentry_add"),
        {
            "title_en": "Workshop",
            "ref": "workshop",
            "date_year": "2022",
            "date_month": "",
            "date_day": "8",
            "category": category.pk,
            "is_published": "on",
        },
    )
    assert response.status_code == 200
    assert "A day needs a month." in response.content.decode()


@pytest.mark.django_db
def test_chronology_admin_stores_the_precision(superuser_client, make_category):
    from chronology.models import ChronologyEntry

    category = make_category()
    response = superuser_client.post(
        reverse("admin:chronology_chronologyentry_add"),
        {
            "title_en": "Strategic Partnership",
            "ref": "ro-2023-partnership",
            "date_year": "2023",
            "date_month": "3",
            "date_day": "",
            "category": category.pk,
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ChronologyEntry.objects.get(ref="ro-2023-partnership")
    assert (entry.date.isoformat(), entry.date_precision) == ("2023-03-01", "month")
