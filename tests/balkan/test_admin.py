import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_admin_list_and_add_page_works(superuser_client, model):
    opts = model._meta
    # A list may lead straight to its one record (each person's own preferences).
    listed = superuser_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), follow=True
    )
    assert listed.status_code == 200
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
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
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
            "force_reason": "Adding a published entry alone, in a test.",
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
            "force_reason": "Adding a published entry alone, in a test.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ChronologyEntry.objects.get(ref="ro-2023-partnership")
    assert (entry.date.isoformat(), entry.date_precision) == ("2023-03-01", "month")


# Fields whose label says all an editor needs; every other field carries a note.
OBVIOUS_FIELDS = {"name", "title", "text", "author", "slug", "alt", "credit", "address", "country"}


@pytest.mark.django_db
def test_every_admin_field_has_a_note_for_editors_or_an_obvious_label(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    without_note = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("balkan", "news", "countries", "chronology", "partners"):
            continue
        if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
            continue  # a read-only record, such as the audit log: nobody fills in its fields
        forms = [(model, model_admin.get_form(request, None))]
        forms += [
            (inline.model, inline.get_formset(request).form)
            for inline in model_admin.get_inline_instances(request)
        ]
        for form_model, form in forms:
            for name, field in form.base_fields.items():
                base_name = name.removesuffix("_en").removesuffix("_ja")
                if not field.help_text and base_name not in OBVIOUS_FIELDS and not field.widget.is_hidden:
                    without_note.append(f"{form_model._meta.label}.{name}")
    assert without_note == []


@pytest.mark.django_db
def test_notes_for_editors_show_under_both_languages_fields(superuser_client):
    html = superuser_client.get(reverse("admin:news_newsitem_add")).content.decode()
    note = "Draft: only staff see it. In review: waiting for a publisher."
    assert note in html
    assert html.count("Events only: the first day.") == 1
    assert html.count("Events only: e.g. “Hotel Okura Tokyo”.") == 2  # venue_en and venue_ja


@pytest.mark.django_db
def test_admin_wears_the_networks_mark_and_colours(superuser_client):
    login_page = Client().get("/admin/login/")
    assert login_page.status_code == 200
    for html in (login_page.content.decode(), superuser_client.get("/admin/").content.decode()):
        assert 'class="admin-brand"' in html and "img/mark" in html
        assert "css/admin" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", {"Login attempts", "Two-factor authentication", "Tags", "Background tasks"}),
        ("ja", {"ログイン試行", "2要素認証", "タグ", "バックグラウンド処理"}),
    ],
)
def test_the_admin_names_every_app_for_people_not_by_its_package(superuser_client, language, names):
    import re

    html = superuser_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    shown = set(re.findall(r"<caption>\s*<a[^>]*>([^<]*)</a>", html))
    assert names <= shown
    for package in (
        "Axes",
        "AXES",
        "OTP_TOTP",
        "Otp_Totp",
        "TOTP",
        "Taggit",
        "TAGGIT",
        "Tasks Database Backend",
    ):
        assert package not in shown
