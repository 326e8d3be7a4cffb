"""Slugs are stable: a published story's changed slug redirects its old address, and the admin says so."""

import pytest
from django.urls import reverse

from tests.helpers.news import news_form_data


@pytest.mark.django_db
def test_changing_a_published_storys_slug_in_admin_redirects_the_old_address(
    publisher_client, make_news, client, editor
):
    item = make_news(slug="visit-to-sofia", status="review", submitted_by=editor)
    publisher_client.post(
        reverse("admin:news_newsitem_changelist"),
        {"action": "publish", "_selected_action": [item.pk], "workflow_apply": "1"},
    )
    item.refresh_from_db()
    change = reverse("admin:news_newsitem_change", args=[item.pk])
    form = publisher_client.get(change).context["adminform"].form
    assert "the old address will redirect to the new one" in form.fields["slug"].help_text

    # A publisher's change to a live story waits for a second publisher, unless forced with a reason.
    data = news_form_data(item, slug="state-visit-to-sofia", force_reason="The embassy prints it today.")
    response = publisher_client.post(change, data, follow=True)
    assert "The old address /news/visit-to-sofia/ now redirects to /news/state-visit-to-sofia/." in (
        response.content.decode()
    )
    client.logout()
    old = client.get("/news/visit-to-sofia/?utm_source=embassy")
    assert old.status_code == 301
    assert old["Location"] == "/news/state-visit-to-sofia/?utm_source=embassy"
    assert client.get("/ja/news/visit-to-sofia/")["Location"] == "/ja/news/state-visit-to-sofia/"
    assert client.get(old["Location"]).status_code == 200


@pytest.mark.django_db
def test_editors_see_the_slug_help_and_a_never_published_draft_gets_no_warning(editor_client, make_news):
    item = make_news(status="draft")
    page = editor_client.get(reverse("admin:news_newsitem_change", args=[item.pk])).content.decode()
    assert "public address, /news/this-slug/. Once the story is published, a change redirects" in page
    response = editor_client.post(
        reverse("admin:news_newsitem_change", args=[item.pk]),
        news_form_data(item, slug="better-slug"),
        follow=True,
    )
    assert "now redirects" not in response.content.decode()


@pytest.mark.django_db
def test_an_unpublished_storys_old_slug_does_not_reveal_it(client, make_news):
    item = make_news(slug="old-name", status="published")
    item.slug, item.status = "new-name", "draft"
    item.save()
    assert client.get("/news/old-name/").status_code == 404
