"""The audit log in the admin: read by superusers, changed by nobody."""

import pytest

from staff import audit


@pytest.mark.django_db
def test_the_audit_log_is_read_only_even_for_superusers(admin_client, admin_user):
    entry = audit.record(admin_user, audit.Action.LOGIN)
    assert admin_client.get("/admin/staff/auditentry/").status_code == 200
    assert admin_client.get(f"/admin/staff/auditentry/{entry.pk}/change/").status_code == 200
    assert admin_client.get("/admin/staff/auditentry/add/").status_code == 403
    assert (
        admin_client.post(f"/admin/staff/auditentry/{entry.pk}/change/", {"action": "logout"}).status_code
        == 403
    )
    assert (
        admin_client.post(f"/admin/staff/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    entry.refresh_from_db()
    assert entry.action == "login"
