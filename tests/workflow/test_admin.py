"""News under four eyes: notes on every step, rejection with a reason, force-publication on the record."""

import pytest

from news.models import NewsItem
from staff.models import AuditEntry
from tests.helpers.news import news_form_data
from tests.helpers.workflow import change_url, changelist, run_action, snapshot
from workflow.models import WorkflowEvent


@pytest.mark.django_db
def test_choosing_an_action_first_asks_for_the_note_and_changes_nothing(client, editor, make_news):
    item = make_news(status="draft")
    before = snapshot(item)
    client.force_login(editor)
    page = run_action(client, "submit_for_review", item)
    assert page.status_code == 200
    assert 'name="note"' in page.content.decode() and item.title in page.content.decode()
    assert snapshot(item) == before and not WorkflowEvent.objects.exists()


@pytest.mark.django_db
def test_submit_and_approve_carry_notes_shown_on_the_item(client, editor, publisher, make_news):
    item = make_news(status="draft")
    client.force_login(editor)
    run_action(client, "submit_for_review", item, note="Checked the names with the embassy.")
    client.force_login(publisher)
    response = run_action(client, "publish", item, note="Fine, thank you.")
    assert "1 item approved and published or scheduled." in response.content.decode()
    item.refresh_from_db()
    assert (item.status, item.submitted_by, item.approved_by) == ("published", editor, publisher)
    steps = list(
        WorkflowEvent.objects.for_object(item).order_by("at", "pk").values_list("action", "user", "note")
    )
    assert steps == [
        ("submitted", editor.pk, "Checked the names with the embassy."),
        ("approved", publisher.pk, "Fine, thank you."),
    ]
    page = client.get(change_url(item)).content.decode()
    assert "Checked the names with the embassy." in page and "Fine, thank you." in page


@pytest.mark.django_db
def test_publisher_cannot_approve_their_own_submission_by_the_action(client, publisher, make_news):
    item = make_news(status="draft")
    client.force_login(publisher)
    run_action(client, "submit_for_review", item, note="")
    item.refresh_from_db()
    before = snapshot(item)
    response = run_action(client, "publish", item, note="Looks good to me.")
    assert "another publisher must approve it" in response.content.decode()
    assert snapshot(item) == before and item.status == "review"
    assert not WorkflowEvent.objects.filter(action__in=["approved", "force-published"]).exists()


@pytest.mark.django_db
def test_publisher_cannot_publish_a_draft_nobody_reviewed_by_the_action(client, publisher, make_news):
    item = make_news(status="draft")
    before = snapshot(item)
    client.force_login(publisher)
    response = run_action(client, "publish", item, note="")
    assert "Nobody has submitted it for review." in response.content.decode()
    assert snapshot(item) == before


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["draft", "review-own"])
def test_publisher_cannot_publish_unreviewed_work_through_the_form(client, publisher, make_news, status):
    item = (
        make_news(status="review", submitted_by=publisher)
        if status == "review-own"
        else make_news(status="draft")
    )
    before = snapshot(item)
    client.force_login(publisher)
    response = client.post(change_url(item), news_form_data(item, status="published"))
    assert response.status_code == 200
    assert "force_reason" in response.context["adminform"].form.errors
    assert "state why it cannot wait" in response.content.decode()
    assert snapshot(item) == before and item.history.count() == 1


@pytest.mark.django_db
def test_publisher_adding_a_published_story_must_force_it(client, publisher):
    client.force_login(publisher)
    response = client.post(reverse_add(), news_form_data(status="published"))
    assert response.status_code == 200
    assert "force_reason" in response.context["adminform"].form.errors
    assert not NewsItem.objects.exists()


def reverse_add():
    from django.urls import reverse

    return reverse("admin:news_newsitem_add")


@pytest.mark.django_db
def test_force_publishing_through_the_form_is_flagged_and_audited(
    client, publisher, other_publisher, make_news
):
    item = make_news(status="draft")
    client.force_login(publisher)
    data = news_form_data(item, status="published", force_reason="The minister's visit starts in an hour.")
    assert client.post(change_url(item), data).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.approved_by) == ("published", publisher)
    event = WorkflowEvent.objects.get(action="force-published")
    assert (event.user, event.note, event.awaits_confirmation) == (
        publisher,
        "The minister's visit starts in an hour.",
        True,
    )
    entry = AuditEntry.objects.get(message__startswith="Force-published")
    assert entry.user == publisher and "The minister's visit starts in an hour." in entry.message
    assert entry.object_id == str(item.pk)
    page = client.get(change_url(item)).content.decode()
    assert "Awaiting a second publisher" in page

    # Someone approves it afterwards: not the one who forced it.
    events = changelist(WorkflowEvent)
    client.post(events, {"action": "confirm", "_selected_action": [event.pk], "index": 0})
    event.refresh_from_db()
    assert event.awaits_confirmation
    client.force_login(other_publisher)
    listing = client.get(events + "?confirmed_at__isempty=1")
    assert list(listing.context["cl"].result_list) == [event]
    client.post(events, {"action": "confirm", "_selected_action": [event.pk], "index": 0})
    event.refresh_from_db()
    assert (event.confirmed_by, event.awaits_confirmation) == (other_publisher, False)
    assert "Awaiting a second publisher" not in client.get(change_url(item)).content.decode()


@pytest.mark.django_db
def test_force_publish_action_needs_a_reason(client, publisher, make_news):
    item = make_news(status="draft")
    before = snapshot(item)
    client.force_login(publisher)
    response = run_action(client, "force_publish", item, note="  ")
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert snapshot(item) == before
    run_action(client, "force_publish", item, note="Embargo lifted early.")
    item.refresh_from_db()
    assert item.status == "published"
    assert WorkflowEvent.objects.get(action="force-published").note == "Embargo lifted early."
    assert AuditEntry.objects.filter(message__contains="Embargo lifted early.").count() == 1


@pytest.mark.django_db
def test_rejection_needs_a_reason_and_returns_the_story_to_its_author(client, editor, publisher, make_news):
    item = make_news(status="draft", author=editor)
    client.force_login(editor)
    run_action(client, "submit_for_review", item, note="Ready.")
    client.force_login(publisher)
    before = snapshot(item)
    response = run_action(client, "reject", item, note="")
    assert "This field is required." in response.content.decode()
    assert snapshot(item) == before
    response = run_action(client, "reject", item, note="The date of the visit is wrong.")
    assert "1 item sent back to its author." in response.content.decode()
    item.refresh_from_db()
    assert item.status == "draft"
    client.force_login(editor)
    page = client.get(change_url(item)).content.decode()
    assert "Rejected" in page and "The date of the visit is wrong." in page
    assert AuditEntry.objects.filter(message="Rejected: The date of the visit is wrong.").exists()


@pytest.mark.django_db
def test_rejecting_through_the_form_needs_a_note(client, editor, publisher, make_news):
    item = make_news(status="review", submitted_by=editor)
    before = snapshot(item)
    client.force_login(publisher)
    response = client.post(change_url(item), news_form_data(item, status="draft"))
    assert response.status_code == 200 and "workflow_note" in response.context["adminform"].form.errors
    assert snapshot(item) == before
    response = client.post(change_url(item), news_form_data(item, status="draft", workflow_note="Too long."))
    assert response.status_code == 302
    assert WorkflowEvent.objects.get(action="rejected").note == "Too long."


@pytest.mark.django_db
def test_editor_has_no_reject_or_force_actions_and_forged_ones_change_nothing(client, editor, make_news):
    item = make_news(status="review", submitted_by=editor)
    before = snapshot(item)
    client.force_login(editor)
    actions = dict(client.get(changelist(NewsItem)).context["action_form"].fields["action"].choices)
    assert not {"reject", "force_publish", "publish"} & set(actions)
    for action in ("reject", "force_publish", "publish"):
        run_action(client, action, item, note="Forged.")
    assert snapshot(item) == before and not WorkflowEvent.objects.exists()
    forged = client.post(change_url(item), news_form_data(item, status="published", force_reason="Forged."))
    assert forged.status_code == 200 and snapshot(item) == before


@pytest.mark.django_db
def test_reverting_to_an_old_version_never_publishes(client, editor, publisher, make_news):
    item = make_news(status="review", submitted_by=editor)
    record = item.history.first()
    client.force_login(publisher)
    run_action(client, "reject", item, note="No.")
    from django.urls import reverse

    revert = reverse("admin:news_newsitem_simple_history", args=[item.pk, record.history_id])
    response = client.post(revert, news_form_data(item, status="published", force_reason=""))
    item.refresh_from_db()
    assert response.status_code in (200, 302), response.status_code
    assert item.status == "draft"
