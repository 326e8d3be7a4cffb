"""The newsroom: editors write and submit stories, publishers review, publish and schedule them."""

from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from core.admin import (
    ConditionListFilter,
    DatedChangeListMixin,
    DocumentInline,
    EditorHelpMixin,
    PlainActionCheckboxMixin,
    focus_picker,
    image_preview,
)
from core.history import HistoryAdmin
from core.renditions import make_renditions
from core.uploads import KeepsUploadsModelForm
from countries.models import Country

from .forms import NewsItemAdminForm
from .models import (
    EDITOR_STATUSES,
    NewsImage,
    NewsItem,
    StoryDocument,
    TagTranslation,
    can_publish,
    may_change,
    public_now,
    scheduled_now,
    tag_name,
)
from .signals import status_changed


class PartOfStoryMixin:
    """An inline of a story's parts: whoever may not change the story may not change its parts."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or may_change(request.user, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or may_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or may_change(request.user, obj))


class NewsImageInline(PartOfStoryMixin, EditorHelpMixin, TranslationTabularInline):
    editor_help = {
        "image": _("JPEG, PNG or WebP, at least 1200 px wide; shown in the gallery below the story."),
        "caption": _("What the photo shows, in a sentence; shown under it."),
        "order": _("Lower numbers come first."),
    }
    model = NewsImage
    form = KeepsUploadsModelForm
    extra = 0
    fields = ("image", "preview", "alt", "decorative", "caption", "credit", "order")
    readonly_fields = ("preview",)
    preview = image_preview("image")


class StoryDocumentInline(PartOfStoryMixin, DocumentInline):
    model = StoryDocument


class WorkflowStateFilter(ConditionListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("review", _("In review")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
            ("archived", _("Archived")),
        ]

    def condition(self, value):
        match value:
            case "scheduled":
                return scheduled_now()
            case "published":
                return public_now()
        return Q(status=value)


class CountryFilter(ConditionListFilter):
    """The stories about a country, or about none.

    Django's own filter of a many-to-many field makes the list DISTINCT, which
    sorts every story about the country to show a page of them; a story is
    linked to a country once, so the list needs no DISTINCT.
    """

    title = _("countries")
    parameter_name = "country"
    NONE = "none"

    def lookups(self, request, model_admin):
        countries = list(Country.objects.all())
        self.country_ids = {country.slug: country.pk for country in countries}
        return [
            *((country.slug, country.name) for country in countries),
            (self.NONE, model_admin.get_empty_value_display()),
        ]

    def has_output(self):
        return len(self.lookup_choices) > 1  # not for "none" alone

    def condition(self, value):
        if value == self.NONE:
            return Q(countries__isnull=True)
        # By its key, which PostgreSQL's statistics know: a country with few stories is read from its links.
        return Q(countries=self.country_ids[value])


@admin.register(NewsItem)
class NewsItemAdmin(
    DatedChangeListMixin, PlainActionCheckboxMixin, EditorHelpMixin, HistoryAdmin, TranslationAdmin
):
    editor_help = {
        "title": _("The headline, as a reader should see it in lists and search results."),
        "body": _(
            "The story. Start headings at “Heading 2”; give every image a text alternative (select it, then “Change image text alternative”)."
        ),
        "status": _(
            "Draft: only staff see it. In review: waiting for a publisher. Published: public from the publish time. Archived: no longer public."
        ),
        "author": _("Left empty, it is you."),
        "kind": _("Events also show their dates, venue and city."),
        "hero_image": _(
            "Shown at the top of the item, on cards (16:9) and in social previews; JPEG, PNG or WebP, at least 1200 px wide."
        ),
        "hero_caption": _("What the photo shows, in a sentence; shown under it with the credit."),
        "countries": _("The item appears on these countries' profiles and in their news feeds."),
        "partners": _("The item appears on these partner organisations' pages."),
        "source_url": _("Link to the original announcement, if there is one."),
        "event_start": _("Events only: the first day."),
        "event_end": _("Events only: the last day; leave empty for a one-day event."),
        "venue": _("Events only: e.g. “Hotel Okura Tokyo”."),
        "city": _("Events only: e.g. “Ljubljana”."),
    }
    form = NewsItemAdminForm
    list_display = ("title", "hero_preview", "status_badge", "publish_at", "kind", "is_featured", "author")
    list_display_links = ("title",)
    list_filter = (WorkflowStateFilter, "kind", "is_featured", CountryFilter)
    list_select_related = ("author",)
    # Each is searched for a part of it (icontains), through a trigram index on PostgreSQL (migration 0012).
    search_fields = ("title_en", "title_ja", "summary_en", "summary_ja", "slug")
    # Drilled down reading a row per period shown, not every story (admin/news/newsitem/change_list.html),
    # between the first and the last date the count finds (DatedChangeListMixin).
    date_hierarchy = "publish_at"
    # The number of stories the filters and search leave is shown; a total beside it would count them all.
    show_full_result_count = False
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("countries", "partners")
    readonly_fields = (
        "hero_preview",
        "hero_focus_picker",
        "preview_link",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "created_at",
        "updated_at",
    )
    inlines = (NewsImageInline, StoryDocumentInline)
    actions = ("submit_for_review", "publish", "unpublish", "archive")
    history_list_display = ("revision_status", "revision_preview")
    revert_keeps_fields = (
        "status",
        "publish_at",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
    )
    hero_preview = image_preview("hero_image", square=True)
    hero_focus_picker = focus_picker("hero_image")
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (
            _("Publishing"),
            {
                "fields": (
                    "status",
                    "publish_at",
                    "expires_at",
                    "withdrawal_notice",
                    "is_featured",
                    "author",
                    "kind",
                    "preview_link",
                )
            },
        ),
        (
            _("Review"),
            {
                "fields": (
                    ("submitted_by", "submitted_at"),
                    ("approved_by", "approved_at"),
                    ("created_at", "updated_at"),
                )
            },
        ),
        (
            _("Hero image"),
            {
                "fields": (
                    "hero_image",
                    "hero_focus_picker",
                    ("hero_focus_x", "hero_focus_y"),
                    "hero_alt",
                    "hero_decorative",
                    "hero_caption",
                    "hero_credit",
                )
            },
        ),
        (_("Links"), {"fields": ("countries", "partners", "tags", "source_name", "source_url")}),
        (
            _("Event"),
            {
                "classes": ("collapse",),
                "fields": (
                    ("event_start", "event_start_time"),
                    ("event_end", "event_end_time"),
                    "venue",
                    "city",
                    "event_cancelled",
                ),
            },
        ),
    )

    class Media:
        css = {"all": ("news/admin.css",)}

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def has_change_permission(self, request, obj=None):
        # Editors see published, scheduled and archived stories read-only.
        return super().has_change_permission(request, obj) and (obj is None or may_change(request.user, obj))

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def save_model(self, request, obj, form, change):
        # (Not a field of the form, when the state is read-only for this user: then it is unchanged.)
        previous = form.initial.get("status", obj.status) if change else None
        if obj.status != previous:
            if obj.status not in EDITOR_STATUSES and not can_publish(request.user):
                raise PermissionDenied
            obj.record_transition(request.user, keep_publish_time="publish_at" in form.changed_data)
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
        if obj.status != previous:
            audit_transition(request, obj)
        if change and "slug" in form.changed_data and obj.has_been_published:
            old = form.initial.get("slug")
            self.message_user(
                request,
                _("The old address /news/%(old)s/ now redirects to /news/%(new)s/.")
                % {"old": old, "new": obj.slug},
                messages.INFO,
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        transaction.on_commit(partial(make_story_renditions, form.instance))

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="news-status news-status--{}">{}</span>',
            obj.workflow_state,
            obj.workflow_state_display,
        )

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("news:preview", args=[obj.pk]),
            _("Preview on the site"),
        )

    @admin.display(description=_("status"))
    def revision_status(self, record):
        if record.status == NewsItem.Status.PUBLISHED and record.publish_at > record.history_date:
            when = formats.localize(timezone.localtime(record.publish_at))
            return _("Scheduled for %(time)s") % {"time": when}
        return record.get_status_display()

    @admin.display(description=_("preview"))
    def revision_preview(self, record):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("news:preview-revision", args=[record.id, record.history_id]),
            _("Preview this version"),
        )

    def apply_transition(self, request, queryset, transition, done_message):
        """Apply `transition` to each selected item the user may change; report what was refused and why."""
        done = 0
        for item in queryset.prefetch_related("images"):
            try:
                if not may_change(request.user, item):
                    raise PermissionDenied(_("You may not change it."))
                getattr(item, transition)(request.user)
            except (PermissionDenied, ValidationError) as error:
                reasons = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(
                    request,
                    _("“%(item)s” was left as it was: %(reasons)s") % {"item": item, "reasons": reasons},
                    messages.WARNING,
                )
                continue
            item._history_user = request.user
            item.save()
            audit_transition(request, item)
            done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self.apply_transition(
            request,
            queryset,
            "submit",
            lambda n: ngettext("%d story submitted for review.", "%d stories submitted for review.", n) % n,
        )

    @admin.action(
        description=_("Publish (scheduled if the publish time is in the future)"), permissions=["publish"]
    )
    def publish(self, request, queryset):
        self.apply_transition(
            request,
            queryset,
            "publish",
            lambda n: (
                ngettext("%d story published or scheduled.", "%d stories published or scheduled.", n) % n
            ),
        )

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self.apply_transition(
            request,
            queryset,
            "unpublish",
            lambda n: ngettext("%d story unpublished.", "%d stories unpublished.", n) % n,
        )

    @admin.action(description=_("Archive"), permissions=["publish"])
    def archive(self, request, queryset):
        self.apply_transition(
            request,
            queryset,
            "archive",
            lambda n: ngettext("%d story archived.", "%d stories archived.", n) % n,
        )


def audit_transition(request, item):
    """Tell whoever keeps account (the staff audit log) who moved `item` to its current status."""
    status_changed.send(sender=NewsItem, item=item, user=request.user, request=request)


def make_story_renditions(item):
    """Make the renditions a story's page and cards show, so that its first reader does not wait for them."""
    make_renditions(item.hero_image, item.hero_width, item.hero_height)
    make_renditions(item.hero_image, item.hero_width, item.hero_height, 960, (16, 9), item.hero_focus)
    for image in item.images.all():
        make_renditions(image.image, image.width, image.height, max_width=960)


class TagTranslationInline(admin.StackedInline):
    model = TagTranslation
    can_delete = False
    extra = 1
    max_num = 1
    verbose_name = _("Japanese name")
    verbose_name_plural = _("Japanese name")


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    """Taggit's tags, with the name Japanese readers see."""

    inlines = [TagTranslationInline, *TaggitTagAdmin.inlines]
    list_display = ("name", "name_in_japanese", "slug")
    search_fields = ("name", "translation__name_ja")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("translation")

    @admin.display(description=_("name in Japanese"), ordering="translation__name_ja")
    def name_in_japanese(self, tag):
        return tag_name(tag, "ja") if hasattr(tag, "translation") else "—"
