import pytest
from django.urls import reverse

from staff.models import AuditEntry


@pytest.mark.django_db
def test_publishing_through_the_admin_action_is_in_the_audit_log(
    publisher_client, publisher, editor, make_news
):
    item = make_news(status="review", submitted_by=editor)
    response = publisher_client.post(
        reverse("admin:news_newsitem_changelist"),
        {"action": "publish", "_selected_action": [item.pk], "workflow_apply": "1", "note": "Good."},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PUBLISHED)
    assert (entry.user, entry.object_id, entry.object_repr) == (publisher, str(item.pk), item.title)


@pytest.mark.django_db
def test_submitting_for_review_is_in_the_audit_log(editor_client, editor, make_news):
    item = make_news(status="draft")
    editor_client.post(
        reverse("admin:news_newsitem_changelist"),
        {"action": "submit_for_review", "_selected_action": [item.pk], "workflow_apply": "1"},
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SUBMITTED)
    assert (entry.user, entry.object_id) == (editor, str(item.pk))
