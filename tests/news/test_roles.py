"""Editors write and submit; only publishers publish, schedule, unpublish and archive, by any route."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from news.models import NewsItem
from tests.helpers.images import image_upload
from tests.helpers.news import news_form_data
from tests.helpers.workflow import pending_url
from workflow.models import PendingChange

CHANGELIST = reverse("admin:news_newsitem_changelist")
ADD = reverse("admin:news_newsitem_add")


def baker_editor():
    from model_bakery import baker

    return baker.make("auth.User", username="other-editor")


def change_url(item):
    return reverse("admin:news_newsitem_change", args=[item.pk])


def snapshot(item):
    """Return every stored column of `item`, to show that nothing changed."""
    return NewsItem.objects.filter(pk=item.pk).values().get()


def run_action(client, action, *items, note=""):
    """Choose `action` for `items` on the list, then confirm it on the note step."""
    return client.post(
        CHANGELIST,
        {
            "action": action,
            "_selected_action": [item.pk for item in items],
            "workflow_apply": "1",
            "note": note,
        },
        follow=True,
    )


@pytest.mark.django_db
def test_migrations_create_editors_and_publishers_groups():
    editors = {p.codename for p in Group.objects.get(name="Editors").permissions.all()}
    publishers = {p.codename for p in Group.objects.get(name="Publishers").permissions.all()}
    assert {
        "add_newsitem",
        "change_newsitem",
        "view_newsitem",
        "add_newsimage",
        "delete_newsimage",
    } <= editors
    assert {"change_country", "change_chronologyentry", "change_partnerorganisation", "add_tag"} <= editors
    assert "publish_newsitem" not in editors and "delete_newsitem" not in editors
    assert editors < publishers
    assert {"publish_newsitem", "delete_newsitem", "delete_country", "change_tag"} <= publishers


@pytest.mark.django_db
def test_editor_writes_a_draft_and_submits_it_for_review(editor_client, editor):
    response = editor_client.post(ADD, news_form_data(status="draft"))
    assert response.status_code == 302
    item = NewsItem.objects.get(slug="cherry-trees")
    assert (item.status, item.author, item.submitted_by) == ("draft", editor, None)

    response = editor_client.post(change_url(item), news_form_data(item, status="review"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.submitted_by) == ("review", editor)
    assert timezone.now() - item.submitted_at < datetime.timedelta(minutes=1)


@pytest.mark.django_db
def test_editor_is_offered_only_draft_and_in_review(editor_client, make_news):
    item = make_news(status="draft")
    form = editor_client.get(change_url(item)).context["adminform"].form
    assert [value for value, _ in form.fields["status"].choices] == ["draft", "review"]


@pytest.mark.django_db
def test_publisher_is_offered_every_status(publisher_client, make_news):
    item = make_news(status="review")
    form = publisher_client.get(change_url(item)).context["adminform"].form
    assert [value for value, _ in form.fields["status"].choices] == [
        "draft",
        "review",
        "published",
        "archived",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["published", "archived"])
def test_editors_forged_post_to_publish_is_refused_and_changes_nothing(editor_client, make_news, status):
    item = make_news(status="review", body="<p>Reviewed text.</p>")
    before = snapshot(item)
    data = news_form_data(item, status=status, body_en="<p>Sneaked-in text.</p>")
    response = editor_client.post(change_url(item), data)
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert snapshot(item) == before
    assert item.history.count() == 1


@pytest.mark.django_db
def test_editors_forged_publish_action_is_refused_and_changes_nothing(editor_client, make_news):
    item = make_news(status="review")
    before = snapshot(item)
    response = run_action(editor_client, "publish", item)
    assert response.status_code == 200
    assert snapshot(item) == before
    assert "publish" not in dict(response.context["action_form"].fields["action"].choices)


@pytest.mark.django_db
def test_the_publish_action_itself_refuses_an_editor(rf, editor, make_news):
    from django.contrib import admin
    from django.contrib.messages.storage.fallback import FallbackStorage

    item = make_news(status="review")
    before = snapshot(item)
    request = rf.post(CHANGELIST)
    request.user = editor
    request.session = {}
    request._messages = FallbackStorage(request)
    model_admin = admin.site._registry[NewsItem]
    model_admin.publish(request, NewsItem.objects.filter(pk=item.pk))
    assert snapshot(item) == before
    assert "Only publishers" in " ".join(str(m) for m in request._messages)


@pytest.mark.django_db
def test_editor_never_changes_a_published_story_by_any_route_only_proposes_a_change(
    editor_client, make_news, client
):
    item = make_news(status="published", body="<p>Published text.</p>")
    before = snapshot(item)
    page = editor_client.get(change_url(item)).content.decode()
    assert "Published text." in page and 'name="_submit_change"' in page
    assert 'name="status"' not in page, "whether it is live is not the editor's to change"
    # Even a forged state in the form changes nothing of the live story.
    data = news_form_data(item, body_en="<p>Changed.</p>", status="draft", force_reason="Because.")
    assert editor_client.post(change_url(item), data).status_code == 302
    assert snapshot(item) == before
    change = PendingChange.objects.get(object_id=str(item.pk))
    assert change.data["body_en"] == ["<p>Changed.</p>"]
    run_action(editor_client, "submit_for_review", item)
    history = reverse("admin:news_newsitem_simple_history", args=[item.pk, item.history.first().history_id])
    assert editor_client.post(history, news_form_data(item, body_en="<p>Reverted.</p>")).status_code == 302
    for step in ("_approve", "_force", "_reject"):
        refused = editor_client.post(pending_url(item), {step: "1", "note": "Now."}, follow=True)
        assert "Only publishers may publish, approve, reject or unpublish." in refused.content.decode()
    assert snapshot(item) == before
    assert "Published text." in client.get(item.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_editor_submits_drafts_with_the_action_and_others_are_left_alone(editor_client, editor, make_news):
    draft, in_review, published = make_news(status="draft"), make_news(status="review"), make_news()
    response = run_action(editor_client, "submit_for_review", draft, in_review, published)
    text = response.content.decode()
    assert "1 item submitted for review." in text
    assert "Only drafts can be submitted" in text
    assert "It is live, and no change to it is waiting: edit it first." in text
    draft.refresh_from_db(), in_review.refresh_from_db(), published.refresh_from_db()
    assert (draft.status, draft.submitted_by) == ("review", editor)
    assert (in_review.status, published.status) == ("review", "published")


@pytest.mark.django_db
def test_publisher_publishes_from_review_and_it_is_recorded(
    publisher_client, publisher, editor, make_news, client
):
    item = make_news(
        status="review", submitted_by=editor, publish_at=timezone.now() - datetime.timedelta(days=3)
    )
    response = run_action(publisher_client, "publish", item)
    assert "1 item approved and published or scheduled." in response.content.decode()
    item.refresh_from_db()
    assert (item.status, item.approved_by) == ("published", publisher)
    # First published now, not when the draft was begun.
    assert timezone.now() - item.publish_at < datetime.timedelta(minutes=1)
    assert item.history.first().history_user == publisher
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_publisher_unpublishes_and_archives(publisher_client, make_news, client):
    live, other = make_news(), make_news()
    run_action(publisher_client, "unpublish", live)
    run_action(publisher_client, "archive", other)
    live.refresh_from_db(), other.refresh_from_db()
    assert (live.status, other.status) == ("draft", "archived")
    client.logout()
    assert client.get(live.get_absolute_url()).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_republishing_keeps_the_original_date(client, editor, publisher, make_news):
    first = timezone.now() - datetime.timedelta(days=30)
    item = make_news(status="review", submitted_by=editor, publish_at=first)
    client.force_login(publisher)
    run_action(client, "publish", item)
    item.refresh_from_db()
    published_at = item.publish_at
    run_action(client, "unpublish", item)
    client.force_login(editor)
    run_action(client, "submit_for_review", item)
    client.force_login(publisher)
    run_action(client, "publish", item)
    item.refresh_from_db()
    assert item.status == "published" and item.publish_at == published_at


@pytest.mark.django_db
def test_publish_action_refuses_a_story_without_alt_text(publisher_client, make_news):

    item = make_news(status="review", submitted_by=baker_editor(), hero_image=image_upload(), hero_alt="")
    response = run_action(publisher_client, "publish", item)
    assert "The hero image needs alt text." in response.content.decode()
    item.refresh_from_db()
    assert item.status == "review"


@pytest.mark.django_db
def test_publish_action_refuses_gallery_images_without_alt_text(publisher_client, make_news):
    from news.models import NewsImage

    item = make_news(status="review", submitted_by=baker_editor())
    NewsImage.objects.create(news_item=item, image=image_upload(), alt="")
    response = run_action(publisher_client, "publish", item)
    assert "Every gallery image needs alt text." in response.content.decode()
    item.refresh_from_db()
    assert item.status == "review"


@pytest.mark.django_db
def test_publisher_schedules_a_story_and_the_list_says_scheduled(
    publisher_client, publisher, editor, make_news
):
    item = make_news(status="review", submitted_by=editor)
    when = timezone.now() + datetime.timedelta(days=2)
    response = publisher_client.post(
        change_url(item), news_form_data(item, status="published", publish_at=when)
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.approved_by, item.is_scheduled) == ("published", publisher, True)
    assert abs(item.publish_at - when) < datetime.timedelta(seconds=1)

    listing = publisher_client.get(CHANGELIST).content.decode()
    assert '<span class="news-status news-status--scheduled">Scheduled</span>' in listing
    scheduled = publisher_client.get(CHANGELIST + "?state=scheduled").context["cl"].result_list
    published = publisher_client.get(CHANGELIST + "?state=published").context["cl"].result_list
    assert list(scheduled) == [item] and item not in published


@pytest.mark.django_db
def test_status_filter_and_badges_cover_every_state(publisher_client, make_news):
    items = {
        "draft": make_news(status="draft"),
        "review": make_news(status="review"),
        "published": make_news(status="published"),
        "archived": make_news(status="archived"),
        "scheduled": make_news(status="published", publish_at=timezone.now() + datetime.timedelta(hours=1)),
    }
    for state, item in items.items():
        result = publisher_client.get(f"{CHANGELIST}?state={state}").context["cl"].result_list
        assert list(result) == [item], state
    listing = publisher_client.get(CHANGELIST).content.decode()
    for state in items:
        assert f"news-status--{state}" in listing


@pytest.mark.django_db
def test_who_and_when_are_read_only(publisher_client, make_news, editor, publisher):
    item = make_news(status="review")
    before = snapshot(item)
    data = news_form_data(
        item,
        submitted_by=publisher.pk,
        approved_by=editor.pk,
        submitted_at_0="2020-01-01",
        approved_at_0="2020-01-01",
    )
    publisher_client.post(change_url(item), data)
    after = snapshot(item)
    for name in ("submitted_by_id", "submitted_at", "approved_by_id", "approved_at"):
        assert after[name] == before[name]
    form = publisher_client.get(change_url(item)).context["adminform"].form
    assert not {"submitted_by", "submitted_at", "approved_by", "approved_at"} & set(form.fields)


@pytest.mark.django_db
def test_editor_sees_no_delete_and_no_publishing_actions(editor_client, make_news):
    make_news(status="draft")
    actions = dict(editor_client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert "submit_for_review" in actions
    assert not {"publish", "unpublish", "archive", "delete_selected"} & set(actions)


@pytest.mark.django_db
def test_saving_refuses_an_editors_publication_even_past_the_form(rf, editor, make_news):
    from django.contrib import admin
    from django.core.exceptions import PermissionDenied

    item = make_news(status="review")
    before = snapshot(item)
    model_admin = admin.site._registry[NewsItem]
    request = rf.post(change_url(item))
    request.user = editor
    form = model_admin.get_form(request, item)(instance=item)
    item.status = "published"
    with pytest.raises(PermissionDenied):
        model_admin.save_model(request, item, form, change=True)
    assert snapshot(item) == before
