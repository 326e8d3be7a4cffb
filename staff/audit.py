"""The staff audit log: who logged in, who failed to, and who changed or published what.

Call `record(user, action, obj)` wherever something worth answering for
happens (publishing calls it with `AuditEntry.Action.PUBLISHED`). Logins,
logouts, failed logins, lock-outs and every change made through the admin
are recorded by the signal receivers below.
"""

from axes.signals import user_locked_out
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver

from news.models import NewsItem
from news.signals import status_changed

from .models import AuditEntry

Action = AuditEntry.Action


def client_ip(request):
    """Return the address the request came from (the proxy's, behind one), or None."""
    return getattr(request, "META", {}).get("REMOTE_ADDR") or None


def record(user, action, obj=None, *, request=None, message="", username=""):
    """Add an entry to the audit log and return it.

    `user` may be None (a failed login); `obj` is the model instance acted on.
    """
    entry = AuditEntry(action=action, message=str(message)[:500], ip_address=client_ip(request))
    if user is not None and getattr(user, "pk", None):
        entry.user = user
        entry.username = user.get_username()
    entry.username = (username or entry.username)[:150]
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(type(obj))
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    record(user, Action.LOGIN, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(user, Action.LOGOUT, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # `credentials` has the password already masked by Django; keep only the name.
    record(None, Action.LOGIN_FAILED, request=request, username=str(credentials.get("username", "")))


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(None, Action.LOCKED_OUT, request=request, username=str(username or ""))


# Deletions of several objects at once are bulk-created log entries and send no
# signal; they stay in the admin's own history.
ADMIN_ACTIONS = {ADDITION: Action.ADDED, CHANGE: Action.CHANGED, DELETION: Action.DELETED}


@receiver(post_save, sender=LogEntry, dispatch_uid="audit_admin_change")
def _admin_change(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    AuditEntry.objects.create(
        user_id=instance.user_id,
        username=instance.user.get_username() if instance.user_id else "",
        action=ADMIN_ACTIONS.get(instance.action_flag, Action.CHANGED),
        content_type_id=instance.content_type_id,
        object_id=instance.object_id or "",
        object_repr=instance.object_repr[:200],
        message=instance.get_change_message()[:500],
    )


AUDITED_STATUSES = {
    NewsItem.Status.REVIEW: Action.SUBMITTED,
    NewsItem.Status.PUBLISHED: Action.PUBLISHED,
    NewsItem.Status.DRAFT: Action.UNPUBLISHED,
    NewsItem.Status.ARCHIVED: Action.UNPUBLISHED,
}


@receiver(status_changed, sender=NewsItem, dispatch_uid="audit_news_status")
def _news_status_changed(sender, item, user, request=None, **kwargs):
    action = AUDITED_STATUSES.get(item.status)
    if action is not None:
        message = item.workflow_state_display
        if item.is_scheduled:
            message = f"{message} {item.publish_at.isoformat()}"
        record(user, action, item, request=request, message=message)
