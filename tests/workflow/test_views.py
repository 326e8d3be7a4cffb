"""Sign-off before publishing: a review link shows one unpublished page to someone without an account."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from news.models import NewsItem
from tests.helpers.workflow import change_url, form_data
from workflow.models import ReviewComment, ReviewLink

pytestmark = pytest.mark.django_db


def link_for(item, **fields):
    return ReviewLink.objects.create(
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=str(item.pk),
        recipient="Press attaché, Embassy of Slovenia",
        **fields,
    )


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_a_draft_is_shown_through_its_link_marked_never_cached_never_indexed(client, draft, prefix):
    link = link_for(draft)
    path = prefix + link.get_absolute_url()
    assert client.get(f"{prefix}/news/{draft.slug}/").status_code == 404  # the public address: still nothing
    for _visit in range(2):  # and the second visitor gets the same: nothing is stored
        response = client.get(path)
        assert response.status_code == 200
        text = response.content.decode()
        assert ("リュブリャナに桜" if prefix else "Cherry trees for Ljubljana") in text
        assert "Press attaché, Embassy of Slovenia" in text
        assert '<meta name="robots" content="noindex, nofollow">' in text
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"] and "X-Cache" not in response
        assert response["Referrer-Policy"] == "no-referrer"
    assert ("Draft for review" if not prefix else "確認用の下書き") in text


def test_the_link_stops_when_published_revoked_or_expired(client, draft):
    link = link_for(draft)
    assert client.get(link.get_absolute_url()).status_code == 200
    link.revoked_at = timezone.now()
    link.save()
    assert client.get(link.get_absolute_url()).status_code == 404

    expired = link_for(draft, expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(expired.get_absolute_url()).status_code == 404

    open_link = link_for(draft)
    assert client.get(open_link.get_absolute_url()).status_code == 200
    NewsItem.objects.filter(pk=draft.pk).update(status="published", publish_at=timezone.now())
    assert client.get(open_link.get_absolute_url()).status_code == 404
    assert client.get("/review/not-a-token/").status_code == 404


def test_a_link_lasts_two_weeks_unless_told_otherwise(draft):
    link = link_for(draft)
    assert abs(link.expires_at - (timezone.now() + datetime.timedelta(days=14))) < datetime.timedelta(
        minutes=1
    )
    assert len(link.token) >= 32


def test_a_reviewer_comments_and_the_editors_read_it_on_the_item(client, draft, publisher_client):
    link = link_for(draft)
    page = client.get(link.get_absolute_url())
    assert 'id="review-comments"' in page.content.decode()
    response = client.post(
        link.get_absolute_url(),
        {"name": "Ana Novak", "text": "The trees were 300, not 30.", "link": "999", "object_id": "1"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?sent=1#review-comments")
    [comment] = ReviewComment.objects.all()
    assert (comment.link, comment.name, comment.text) == (link, "Ana Novak", "The trees were 300, not 30.")
    thanked = client.get(response["Location"]).content.decode()
    assert "your comment has reached the editors" in thanked and "The trees were 300, not 30." in thanked

    form = publisher_client.get(change_url(draft)).content.decode()
    assert "Ana Novak" in form and "The trees were 300, not 30." in form
    assert "Press attaché, Embassy of Slovenia" in form


def test_a_comment_without_a_name_or_text_is_refused_beside_the_field(client, draft):
    link = link_for(draft)
    response = client.post(link.get_absolute_url(), {"name": "", "text": "x" * 5001})
    assert response.status_code == 400
    form = response.context["review_form"]
    assert set(form.errors) == {"name", "text"}
    assert not ReviewComment.objects.exists()


def test_a_link_shows_its_own_item_only(client, draft, make_news):
    other = make_news(status="draft", title="Another draft")
    link = link_for(draft)
    text = client.get(link.get_absolute_url()).content.decode()
    assert "Another draft" not in text
    assert client.get(f"/news/{other.slug}/").status_code == 404
    assert client.get(f"/news/preview/{other.pk}/").status_code == 404


def test_an_unpublished_profile_is_shown_through_its_link(client, make_country):
    country = make_country(name="Montenegro", slug="montenegro", iso_code="ME", is_published=False)
    link = link_for(country)
    assert client.get("/countries/montenegro/").status_code == 404
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert "Montenegro" in response.content.decode() and "Draft for review" in response.content.decode()
    country.is_published = True
    country.save()
    assert client.get(link.get_absolute_url()).status_code == 404


def test_an_editor_makes_a_link_on_the_items_form_and_can_revoke_it(editor_client, editor, draft):
    draft.author = editor
    draft.save()
    opened = editor_client.get(change_url(draft))
    data = form_data(opened)
    prefix = "workflow-reviewlink-content_type-object_id"
    assert f"{prefix}-TOTAL_FORMS" in data
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-recipient": "Press attaché, Embassy of Slovenia",
            f"{prefix}-0-expires_at_0": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            f"{prefix}-0-expires_at_1": "12:00:00",
        }
    )
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    [link] = ReviewLink.objects.all()
    assert link.item == draft and link.is_open()
    form = editor_client.get(change_url(draft)).content.decode()
    assert link.get_absolute_url() in form and "Open · 0 comments" in form


def test_an_embassy_signs_off_a_change_to_its_live_profile_through_a_link_made_with_the_change(
    editor, publisher, make_country, client
):
    from tests.helpers.workflow import publish_pending_change
    from workflow.models import PendingChange

    slovenia = make_country(name="Slovenia", iso_code="SI", summary="A country on the Adriatic.")
    author = Client()
    author.force_login(editor)
    data = form_data(author.get(change_url(slovenia)), summary_en="A green country on the Adriatic.")
    prefix = "workflow-reviewlink-content_type-object_id"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-recipient": "Press attaché, Embassy of Slovenia",
            f"{prefix}-0-expires_at_0": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            f"{prefix}-0-expires_at_1": "12:00:00",
        }
    )
    assert author.post(change_url(slovenia), data).status_code == 302
    [link] = ReviewLink.objects.all()  # made at once, and not part of the change
    assert not any(key.startswith(prefix) for key in PendingChange.objects.get().data)
    for _visit in range(2):
        html = client.get(link.get_absolute_url()).content.decode()
        assert "A green country on the Adriatic." in html and "Press attaché, Embassy of Slovenia" in html
        assert "A green country" not in client.get("/countries/slovenia/").content.decode()
    response = client.post(link.get_absolute_url(), {"name": "Ana", "text": "The figures are right."})
    assert response.status_code == 302
    assert "The figures are right." in author.get(change_url(slovenia)).content.decode()

    publish_pending_change(slovenia)
    assert ReviewLink.objects.count() == 1, "approving did not make the link again"
    assert client.get(link.get_absolute_url()).status_code == 404  # its work is done
    assert "A green country on the Adriatic." in client.get("/countries/slovenia/").content.decode()
