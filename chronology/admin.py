from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin

from core.admin import EditorHelpMixin
from core.dates import PartialDateFormMixin
from core.history import HistoryAdmin

from .forms import ImportConfirmForm, ImportUploadForm
from .importers import COLUMNS, apply_import, export_table, plan_import
from .models import Category, ChronologyEntry
from .spreadsheets import write_csv, write_xlsx

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ChronologyEntryForm(PartialDateFormMixin, forms.ModelForm):
    partial_dates = {"date": "date_precision", "end_date": "end_date_precision"}

    class Meta:
        model = ChronologyEntry
        # The admin lists the fields; the precisions are set from the partial dates.
        fields = ("date", "end_date")


@admin.register(Category)
class CategoryAdmin(EditorHelpMixin, TranslationAdmin):
    editor_help = {
        "name": gettext_lazy("Shown as a badge on each entry and in the timeline's filter."),
        "order": gettext_lazy("Lower numbers come first in the filter."),
    }
    list_display = ("name", "key", "order")
    list_editable = ("order",)
    prepopulated_fields = {"key": ("name_en",)}
    search_fields = ("name_en", "name_ja", "key")


@admin.register(ChronologyEntry)
class ChronologyEntryAdmin(EditorHelpMixin, HistoryAdmin, TranslationAdmin):
    editor_help = {
        "title": gettext_lazy("What happened, in one line, e.g. “Foreign Minister Kono visits Slovenia”."),
        "category": gettext_lazy("Shown as a badge; readers filter the timeline by it."),
        "description": gettext_lazy("A few sentences on what happened and why it matters."),
        "countries": gettext_lazy("The entry appears in these countries' profiles and chronologies."),
        "related_news": gettext_lazy("News items linked from the entry."),
        "source_name": gettext_lazy("e.g. “Ministry of Foreign Affairs of Japan”."),
        "source_url": gettext_lazy("Link to the source, if it is online."),
        "is_published": gettext_lazy("Unpublished entries are hidden from the site."),
    }
    form = ChronologyEntryForm
    list_display = ("when", "title", "category", "is_highlight", "is_published")
    list_filter = ("category", "is_published", "is_highlight", "date_precision", "countries")
    search_fields = ("title_en", "title_ja", "ref")
    prepopulated_fields = {"ref": ("title_en",)}
    autocomplete_fields = ("countries", "related_news")
    list_select_related = ("category",)
    fields = (
        "title",
        "ref",
        "date",
        "circa",
        "end_date",
        "category",
        "description",
        "countries",
        "related_news",
        "source_name",
        "source_url",
        "is_highlight",
        "is_published",
    )

    @admin.display(description=gettext_lazy("date"), ordering="date")
    def when(self, entry):
        return entry.date_display

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name=f"{name}_import"),
            path(
                "export/<str:file_type>/",
                self.admin_site.admin_view(self.export_view),
                name=f"{name}_export",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "has_import_permission": self.has_import_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Upload a spreadsheet, preview what it would change, then confirm to write it."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        upload_form, table, plan, file_name = ImportUploadForm(), None, None, ""
        if request.method == "POST" and "payload" in request.POST:
            confirm_form = ImportConfirmForm(request.POST)
            if confirm_form.is_valid():
                table, file_name = confirm_form.cleaned_data["payload"], confirm_form.file_name
                # Planned again: the chronology may have changed since the preview.
                plan = plan_import(table)
                if plan.is_valid:
                    return self.write_import(request, plan, file_name)
            else:
                messages.error(request, confirm_form.errors["payload"][0])
        elif request.method == "POST":
            upload_form = ImportUploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                table, file_name = upload_form.cleaned_data["file"], upload_form.file_name
                plan = plan_import(table)
        payload = (
            ImportConfirmForm.sign(table, file_name) if plan and plan.is_valid and plan.has_changes else ""
        )
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit and len(payload) > limit - 4096:
            # The confirmation posts the rows back; Django would refuse a body that large.
            upload_form.add_error(
                "file", _("This file holds too much to import at once. Split it into smaller files.")
            )
            plan, payload = None, ""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import chronology entries"),
            "form": upload_form,
            "plan": plan,
            "file_name": file_name,
            "payload": payload,
            "columns": COLUMNS,
        }
        return TemplateResponse(request, "admin/chronology/chronologyentry/import.html", context)

    def write_import(self, request, plan, file_name):
        reason = _("Imported from %(file)s") % {"file": file_name}
        try:
            counts = apply_import(plan, reason=reason[:100])
        except IntegrityError:
            messages.error(
                request,
                _(
                    "The chronology changed while the file was being imported; nothing was written. Upload it again."
                ),
            )
            return redirect(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_import")
        messages.success(
            request,
            _("Imported %(file)s: %(created)s entries created, %(updated)s updated, %(unchanged)s unchanged.")
            % {**counts, "file": file_name, "unchanged": len(plan.unchanged)},
        )
        return redirect(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist")

    def export_view(self, request, file_type):
        """Download the entries the change list shows (with its filters and search) as CSV or XLSX."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if file_type not in EXPORT_TYPES:
            raise Http404
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("These filters are not valid."))
        header, rows = export_table(changelist.get_queryset(request))
        if file_type == "csv":
            content = write_csv(header, rows)
        else:
            content = write_xlsx(header, rows, title=str(self.model._meta.verbose_name_plural))
        response = HttpResponse(content, content_type=EXPORT_TYPES[file_type])
        file_name = f"chronology-{timezone.localdate():%Y-%m-%d}.{file_type}"
        response["Content-Disposition"] = f'attachment; filename="{file_name}"'
        return response
