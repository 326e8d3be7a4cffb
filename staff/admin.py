"""The audit log in the admin: read-only."""

from django.contrib import admin

from core.admin import ReadOnlyAdminMixin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log, read-only: nobody edits or deletes what happened."""

    list_display = ("at", "username", "action", "content_type", "object_repr", "ip_address")
    list_filter = ("action", "content_type")
    search_fields = ("username", "object_repr", "message")
    date_hierarchy = "at"
    list_select_related = ("content_type",)
