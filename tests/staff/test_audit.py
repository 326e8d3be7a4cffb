"""The staff audit log: logins and failures without passwords, admin changes, news status changes."""

import pytest
from django.urls import reverse

from staff import audit
from staff.models import AuditEntry
from tests.helpers.accounts import PASSWORD, log_in


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


@pytest.mark.django_db
def test_logins_logouts_and_failures_are_in_the_audit_log_without_passwords(client, staff_user):
    user = staff_user()
    log_in(client, password="wrong password")
    log_in(client)
    client.post("/admin/logout/")
    entries = list(
        AuditEntry.objects.order_by("pk").values_list("action", "username", "user_id", "ip_address")
    )
    assert entries == [
        ("login-failed", "editor", None, "127.0.0.1"),
        ("login", "editor", user.pk, "127.0.0.1"),
        ("logout", "editor", user.pk, "127.0.0.1"),
    ]
    stored = " ".join(str(value) for entry in AuditEntry.objects.values() for value in entry.values())
    assert "wrong password" not in stored and PASSWORD not in stored


@pytest.mark.django_db
def test_admin_changes_and_recorded_publishing_are_in_the_audit_log(admin_client, admin_user, make_news):
    item = make_news(status="draft")
    response = admin_client.post(f"/admin/news/newsitem/{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    deleted = AuditEntry.objects.get(action="deleted")
    assert (deleted.user, deleted.object_repr, deleted.object_id) == (admin_user, item.title, str(item.pk))

    other = make_news()
    entry = audit.record(admin_user, audit.Action.PUBLISHED, other)
    assert entry.content_type.model_class().objects.get(pk=entry.object_id) == other
    assert str(entry).endswith(f"{admin_user.username} Published {other.title}")
