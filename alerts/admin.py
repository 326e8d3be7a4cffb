"""Alert subscriptions in the admin: what staff need and no more.

Addresses are shown masked (s***@example.org); one can be found only by
typing it whole (to act on its owner's request), never listed or exported.
Seeing the list takes the "view alert subscription" permission, which no role
grants: an administrator gives it to whoever needs it.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Subscriber, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("address", "topic_name", "frequency", "confirmed", "created_at")
    list_filter = ("topic", "frequency", ("country", admin.RelatedOnlyFieldListFilter))
    search_fields = ["=subscriber__email"]
    search_help_text = _("Type a whole address to find its alerts (addresses are never listed).")
    list_select_related = ("subscriber", "country", "tag")
    fields = ("address", "topic_name", "frequency", "confirmed_at", "created_at")
    readonly_fields = fields
    show_full_result_count = False

    @admin.display(description=_("address"))
    def address(self, subscription):
        return str(subscription.subscriber)

    @admin.display(description=_("topic"))
    def topic_name(self, subscription):
        return f"{subscription.get_topic_display()}: {subscription.topic_label()}"

    @admin.display(description=_("confirmed"), boolean=True)
    def confirmed(self, subscription):
        return subscription.confirmed_at is not None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        per_country = (
            Subscription.objects.active()
            .filter(topic=Subscription.Topic.COUNTRY)
            .values("country__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "country__name")
        )
        totals = Subscription.objects.active().values("topic").annotate(count=Count("pk")).order_by("topic")
        labels = dict(Subscription.Topic.choices)
        extra_context = {
            **(extra_context or {}),
            "per_country": per_country,
            "per_topic": [(labels.get(row["topic"], row["topic"]), row["count"]) for row in totals],
        }
        return super().changelist_view(request, extra_context)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _forget_empty_subscribers()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        _forget_empty_subscribers()


def _forget_empty_subscribers():
    """Delete the addresses left with no alert: they are kept for nothing else."""
    Subscriber.objects.filter(subscriptions__isnull=True).delete()
