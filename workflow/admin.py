"""The workflow in the admin: notes on every step, rejection, four eyes and force-publication.

The content apps' admins know nothing of this module; it wraps them here
(re-registering each with `WorkflowAdminMixin`), since imports run from the
site-wide apps to the content apps and never back.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from balkan.admin import PageAdmin, QuoteAdmin
from balkan.models import Page, Quote
from chronology.admin import ChronologyEntryAdmin
from chronology.models import ChronologyEntry
from core.admin import ReadOnlyAdminMixin, name_zones
from core.history import changes_between
from core.uploads import KeepsUploadsMixin
from countries.admin import CountryAdmin
from countries.models import Country
from news.admin import NewsItemAdmin
from news.models import NewsItem
from partners.admin import PartnerOrganisationAdmin
from partners.models import PartnerOrganisation

from . import changes, links, services
from .forms import TransitionForm
from .models import (
    EditingPresence,
    LinkCheck,
    PendingChange,
    ReviewComment,
    ReviewLink,
    StaffPreference,
    WorkflowEvent,
)

# How long an opened form counts as someone still editing.
EDITING_WINDOW = datetime.timedelta(minutes=30)

WORKFLOW_FIELDS = ("workflow_note", "force_reason", "opened_version", "opened_change")


def current_version(item):
    """Return the id of `item`'s latest saved revision ("" for a new or unversioned item)."""
    if not item.pk or not hasattr(type(item), "history"):
        return ""
    latest = item.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return str(latest or "")


class WorkflowAdminMixin:
    """Admin of a reviewed model: notes, rejection and four eyes on the form and in the actions."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        fields = ["workflow_history"]
        if self.has_change_permission(request, obj):
            fields += ["workflow_note", "opened_version", "opened_change"]
            if services.is_publisher(request.user):
                fields += ["force_reason"]
        return [(gettext_lazy("Review notes"), {"fields": fields}), *fieldsets]

    def get_readonly_fields(self, request, obj=None):
        fields = (*super().get_readonly_fields(request, obj), "workflow_history")
        if (
            self.state_field
            and obj is not None
            and changes.is_live(obj)
            and not services.is_publisher(request.user)
        ):
            # An editor changes what a live item says, never whether it is live.
            fields = (*fields, self.state_field)
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "fields" not in kwargs or kwargs["fields"]:
            # (Django asks with fields=None to learn the fields of an admin without fieldsets.)
            kwargs["fields"] = [
                name
                for name in (
                    kwargs.get("fields") or helpers.flatten_fieldsets(self.get_fieldsets(request, obj))
                )
                if name not in (*WORKFLOW_FIELDS, "workflow_history")
                and name not in self.get_readonly_fields(request, obj)
            ]
        base = super().get_form(request, obj, change=change, **kwargs)
        user = request.user
        model_admin = self

        class WorkflowForm(KeepsUploadsMixin, base):
            workflow_note = forms.CharField(
                label=gettext_lazy("Note for the review"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                help_text=gettext_lazy(
                    "When you submit, approve or reject: what the next person should know. "
                    "A rejection needs one; the author reads it."
                ),
            )
            force_reason = forms.CharField(
                label=gettext_lazy("Reason to force-publish"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
                help_text=gettext_lazy(
                    "Only to publish without a second publisher's review (e.g. your own submission): "
                    "why it cannot wait. It is flagged on the item and in the audit log."
                ),
            )
            opened_version = forms.CharField(
                label=gettext_lazy("version opened"), widget=forms.HiddenInput, required=False
            )
            opened_change = forms.CharField(
                label=gettext_lazy("draft of the change opened"), widget=forms.HiddenInput, required=False
            )
            workflow_action = None
            # True when saving keeps the form as the live item's pending change instead of changing it.
            pending = False

            def __init__(self, *args, **kwargs):
                showing = getattr(request, "showing_change", None)
                instance = kwargs.get("instance")
                if not args and "data" not in kwargs and showing is not None and instance is not None:
                    # The form of a live item with a change waiting shows the change, to go on with.
                    args = (changes.posted_data(showing.data),)
                super().__init__(*args, **kwargs)
                name_zones(self)
                self.fields["opened_version"].initial = current_version(self.instance)
                self.fields["opened_change"].initial = "0"  # no draft of a change when opened
                self.live = changes.is_live(self.instance) and not getattr(request, "applying_change", False)

            def clean(self):
                cleaned_data = super().clean()
                self.refuse_a_stale_save(cleaned_data.get("opened_version", ""))
                try:
                    self.workflow_action = model_admin.form_transition(self.instance, user, cleaned_data)
                except PermissionDenied as error:
                    self.add_error(model_admin.state_field, str(error))
                except ValidationError as error:
                    self.add_error(None, error)
                if self.live and self.workflow_action is None:
                    self.keep_aside_unless_forced(cleaned_data)
                return cleaned_data

            def keep_aside_unless_forced(self, cleaned_data):
                """Decide that saving keeps a pending change, unless a publisher forces it live now."""
                if services.is_publisher(user) and cleaned_data.get("force_reason", "").strip():
                    self.workflow_action = WorkflowEvent.Action.FORCE_PUBLISHED
                    return
                self.pending = True
                waiting = changes.pending_change(self.instance)
                problem = changes.stale_draft_problem(waiting, cleaned_data.get("opened_change", ""))
                if problem:
                    # Seen now: saving again on purpose replaces their draft.
                    self.data = self.data.copy()
                    self.data[self.add_prefix("opened_change")] = str(waiting.revision)
                    raise ValidationError(problem, code="stale-draft")

            def refuse_a_stale_save(self, opened):
                """Refuse to save over a version saved after this form was opened; keep what was typed."""
                current = current_version(self.instance)
                if not (self.instance.pk and opened and current) or opened == current:
                    return
                newest = self.instance.history.first()
                older = self.instance.history.filter(history_id=opened).first()
                changed = [change.field for change in changes_between(older, newest)] if older else []
                # Seen now: saving again on purpose overwrites it.
                self.data = self.data.copy()
                self.data[self.add_prefix("opened_version")] = current
                raise ValidationError(
                    _(
                        "%(user)s saved this item at %(time)s, after you opened it. They changed: %(fields)s. "
                        "What you typed is kept below: compare it with the history, then save again to "
                        "keep your version."
                    )
                    % {
                        "user": newest.history_user or _("someone"),
                        "time": formats.localize(timezone.localtime(newest.history_date)),
                        "fields": ", ".join(str(name) for name in changed) or "—",
                    },
                    code="stale",
                )

        return WorkflowForm

    state_field = "status"
    steps = {
        "submit": services.submit,
        "approve": services.approve,
        "force_publish": services.force_publish,
        "reject": services.reject,
    }

    def form_transition(self, item, user, cleaned_data):
        """Return the workflow step a save of the form makes (None for none); raise if it breaks a rule."""
        status = cleaned_data.get("status")
        if status is None:
            return None
        return services.check_transition(
            item,
            user,
            status,
            note=cleaned_data.get("workflow_note", ""),
            force_reason=cleaned_data.get("force_reason", ""),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and request.method == "GET" and self.has_change_permission(request, obj):
            self.note_who_is_editing(request, obj)
        if obj is not None:
            change = changes.pending_change(obj)
            if change is not None and request.method == "GET":
                request.showing_change = change
            extra_context = {
                **(extra_context or {}),
                "live_item": changes.is_live(obj),
                "pending_change": change,
                "pending_change_urls": self.pending_change_urls(obj) if change else None,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        showing = getattr(request, "showing_change", None)
        if showing is not None and f"{prefix}-TOTAL_FORMS" in showing.data:
            kwargs["data"] = changes.posted_data(showing.data)
        return kwargs

    def note_who_is_editing(self, request, obj):
        """Warn that someone else has this item open, and note that this user now has too."""
        now = timezone.now()
        presences = EditingPresence.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        )
        for other in (
            presences.filter(opened_at__gte=now - EDITING_WINDOW)
            .exclude(user=request.user)
            .select_related("user")
        ):
            self.message_user(
                request,
                _("%(user)s has had this item open for editing since %(time)s. Agree who saves first.")
                % {"user": other.user, "time": formats.localize(timezone.localtime(other.opened_at))},
                messages.WARNING,
            )
        presences.update_or_create(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=str(obj.pk),
            user=request.user,
            defaults={"opened_at": now},
        )

    def save_model(self, request, obj, form, change):
        if getattr(form, "pending", False):
            # The live item stays as it is; the form is kept as its change, for review.
            # The form's own pictures as verified and re-encoded (no EXIF); inline rows' as posted,
            # verified again when the change is applied.
            uploads = request.FILES.copy()
            for name, value in form.cleaned_data.items():
                if isinstance(value, UploadedFile) and form.add_prefix(name) in uploads:
                    uploads.setlist(form.add_prefix(name), [value])
            request.saved_change = changes.save_draft(
                obj,
                request.user,
                request.POST,
                uploads,
                submit="_submit_change" in request.POST,
                note=form.cleaned_data.get("workflow_note", ""),
                request=request,
            )
            form.save_m2m = lambda: None  # (a revert saves its form's relations itself)
            return
        super().save_model(request, obj, form, change)
        if change and not getattr(request, "applying_change", False):
            waiting = changes.pending_change(obj)
            if waiting is not None:  # the form showed it, and it is saved live now (forced, or not live)
                changes.drop(waiting)
        EditingPresence.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=str(obj.pk),
            user=request.user,
        ).delete()
        action = getattr(form, "workflow_action", None)
        if action is not None:
            note = form.cleaned_data.get("workflow_note", "")
            if action == WorkflowEvent.Action.FORCE_PUBLISHED:
                note = form.cleaned_data.get("force_reason", "")
            services.record(request.user, obj, action, note, request=request, audit_every_step=False)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "saved_change", None) is None:
            super().save_related(request, form, formsets, change)
            return
        for formset in formsets:  # not content: a review link for the change is made at once
            if formset.model is ReviewLink:
                self.save_formset(request, form, formset, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "saved_change", None) is not None:
            return ""  # nothing of the item changed (its inline rows were not even saved)
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        saved = getattr(request, "saved_change", None)
        if saved is not None:
            message = _("Saved a change for review (draft %(revision)s); the live version is unchanged.") % {
                "revision": saved.revision
            }
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        saved = getattr(request, "saved_change", None)
        if saved is None:
            return super().response_change(request, obj)
        if saved.state == PendingChange.State.SUBMITTED and "_submit_change" in request.POST:
            text = _(
                "Your change is submitted for review; publishers have been told. Readers see the "
                "published version until one approves it."
            )
        else:
            text = _(
                "Your change is saved as a draft. Readers see the published version until a publisher "
                "approves it: preview it, then submit it for review."
            )
        self.message_user(request, text, messages.SUCCESS)
        return redirect(request.path)

    # The change waiting over a live item: its differences, preview and steps

    def pending_change_urls(self, obj):
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        return {
            "review": reverse(f"{name}_pending", args=[obj.pk]),
            "preview_en": reverse(f"{name}_pending_preview", args=[obj.pk, "en"]),
            "preview_ja": reverse(f"{name}_pending_preview", args=[obj.pk, "ja"]),
        }

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/pending-change/",
                self.admin_site.admin_view(self.pending_change_view),
                name=f"{name}_pending",
            ),
            path(
                "<path:object_id>/pending-change/preview/<str:language>/",
                self.admin_site.admin_view(self.pending_preview_view),
                name=f"{name}_pending_preview",
            ),
            *super().get_urls(),
        ]

    def _pending_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        change = changes.pending_change(obj)
        if change is None:
            raise Http404
        return obj, change

    def pending_preview_view(self, request, object_id, language):
        obj, change = self._pending_or_404(request, object_id)
        if language not in dict(settings.LANGUAGES):
            raise Http404
        try:
            response = changes.render_preview(change, request, language)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect(self.pending_change_urls(obj)["review"])
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response

    def pending_change_view(self, request, object_id):
        obj, change = self._pending_or_404(request, object_id)
        form = TransitionForm(request.POST or None, note_label=_("Note for the review"))
        if request.method == "POST" and form.is_valid():
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            step = self.pending_step(request, change, form.cleaned_data["note"])
            if step is not None:
                self.message_user(request, step, messages.SUCCESS)
                return redirect(
                    reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
                )
        found, problems = changes.differences(change, request)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change waiting for review: %(item)s") % {"item": obj},
            "opts": self.opts,
            "original": obj,
            "change": change,
            "differences": found,
            "problems": problems,
            "form": form,
            "urls": self.pending_change_urls(obj),
            "is_publisher": services.is_publisher(request.user),
            "four_eyes_problem": changes.four_eyes_problem(change, request.user),
            "may_change": self.has_change_permission(request, obj),
            "workflow_history": self.workflow_history(obj),
        }
        return TemplateResponse(request, "admin/workflow/pending_change.html", context)

    def pending_step(self, request, change, note):
        """Take the step the pressed button asks for; return what to tell the user, or None (told already)."""
        user, post = request.user, request.POST
        steps = {
            "_submit": (
                lambda: changes.submit(change, user, note, request=request),
                _("The change is submitted for review; publishers have been told."),
            ),
            "_approve": (
                lambda: changes.approve(change, user, note, request=request),
                _("The change is approved and live."),
            ),
            "_force": (
                lambda: changes.force_publish(change, user, note, request=request),
                _("The change is live without a second review; another publisher is asked to confirm it."),
            ),
            "_reject": (
                lambda: changes.reject(change, user, note, request=request),
                _("The change is sent back to its author with your reason."),
            ),
            "_discard": (
                lambda: changes.discard(change, user),
                _("The change is thrown away; the live version is as it was."),
            ),
        }
        for button, (take, done) in steps.items():
            if button in post:
                try:
                    take()
                except (PermissionDenied, ValidationError) as error:
                    reasons = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                    self.message_user(request, reasons, messages.ERROR)
                    return None
                return done
        return None

    @admin.display(description=gettext_lazy("review history"))
    def workflow_history(self, obj):
        if obj is None or not obj.pk:
            return "—"
        events = list(WorkflowEvent.objects.for_object(obj)[:10])
        if not events:
            return _("No review steps yet.")
        return format_html(
            '<ul class="workflow-history">{}</ul>',
            format_html_join(
                "",
                "<li><strong>{}</strong> · {} · {}{}{}</li>",
                (
                    (
                        event.get_action_display(),
                        event.user.get_username() if event.user else "—",
                        formats.localize(timezone.localtime(event.at)),
                        format_html("<br>“{}”", event.note) if event.note else "",
                        format_html(" <em>{}</em>", _("Awaiting a second publisher's confirmation"))
                        if event.awaits_confirmation
                        else "",
                    )
                    for event in events
                ),
            ),
        )

    def transition_step(
        self, request, queryset, *, title, apply, done_message, note_required=False, note_label=None
    ):
        """Ask for the note, then `apply(item, note)` to each selected item; report what was refused."""
        if "workflow_apply" in request.POST:
            form = TransitionForm(request.POST, note_required=note_required, note_label=note_label)
            if form.is_valid():
                done = 0
                for item in queryset:
                    try:
                        apply(item, form.cleaned_data["note"])
                    except (PermissionDenied, ValidationError) as error:
                        reasons = (
                            " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                        )
                        self.message_user(
                            request,
                            _("“%(item)s” was left as it was: %(reasons)s")
                            % {"item": item, "reasons": reasons},
                            messages.WARNING,
                        )
                        continue
                    done += 1
                if done:
                    self.message_user(request, done_message(done), messages.SUCCESS)
                return None
        else:
            form = TransitionForm(note_required=note_required, note_label=note_label)
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "items": list(queryset),
            "form": form,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/workflow/transition.html", context)

    def _refuse_unless_publisher(self, request):
        if services.is_publisher(request.user):
            return False
        self.message_user(
            request, _("Only publishers may publish, approve, reject or unpublish."), messages.ERROR
        )
        return True

    @admin.action(description=gettext_lazy("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        def apply(item, note):
            if not self.has_change_permission(request, item):
                raise PermissionDenied(_("You may not change it."))
            if changes.is_live(item):  # what waits for review is the change over it, if there is one
                waiting = changes.pending_change(item)
                if waiting is None:
                    raise ValidationError(_("It is live, and no change to it is waiting: edit it first."))
                changes.submit(waiting, request.user, note, request=request)
                return
            self.steps["submit"](item, request.user, note, request=request)

        return self.transition_step(
            request,
            queryset,
            title=_("Submit for review"),
            apply=apply,
            done_message=lambda n: (
                ngettext("%d item submitted for review.", "%d items submitted for review.", n) % n
            ),
        )

    @admin.action(
        description=gettext_lazy("Approve and publish (scheduled if the publish time is in the future)"),
        permissions=["publish"],
    )
    def publish(self, request, queryset):
        if self._refuse_unless_publisher(request):
            return None
        return self.transition_step(
            request,
            queryset,
            title=_("Approve and publish"),
            apply=lambda item, note: self.steps["approve"](item, request.user, note, request=request),
            done_message=lambda n: (
                ngettext(
                    "%d item approved and published or scheduled.",
                    "%d items approved and published or scheduled.",
                    n,
                )
                % n
            ),
        )

    @admin.action(
        description=gettext_lazy("Reject (back to the author, with the reason)"), permissions=["publish"]
    )
    def reject(self, request, queryset):
        if self._refuse_unless_publisher(request):
            return None
        return self.transition_step(
            request,
            queryset,
            title=_("Reject"),
            note_required=True,
            note_label=_("Why it is rejected (the author reads this)"),
            apply=lambda item, note: self.steps["reject"](item, request.user, note, request=request),
            done_message=lambda n: (
                ngettext("%d item sent back to its author.", "%d items sent back to their authors.", n) % n
            ),
        )

    @admin.action(
        description=gettext_lazy("Force-publish without a second review (give a reason)"),
        permissions=["publish"],
    )
    def force_publish(self, request, queryset):
        if self._refuse_unless_publisher(request):
            return None
        return self.transition_step(
            request,
            queryset,
            title=_("Force-publish without a second review"),
            note_required=True,
            note_label=_("Why it cannot wait for a second review"),
            apply=lambda item, note: self.steps["force_publish"](item, request.user, note, request=request),
            done_message=lambda n: (
                ngettext(
                    "%d item force-published; another publisher is asked to confirm it.",
                    "%d items force-published; another publisher is asked to confirm them.",
                    n,
                )
                % n
            ),
        )


class ReviewLinkInline(GenericTabularInline):
    """Review links of an unpublished story or profile: made, copied and revoked on its form."""

    model = ReviewLink
    extra = 0
    fields = ("recipient", "expires_at", "address", "state", "revoke")
    readonly_fields = ("address", "state")
    verbose_name = gettext_lazy("review link for someone without an account")
    verbose_name_plural = gettext_lazy("Review links (sign-off before publishing)")

    class Form(forms.ModelForm):
        revoke = forms.BooleanField(label=gettext_lazy("revoke"), required=False)

        class Meta:
            model = ReviewLink
            fields = ("recipient", "expires_at")

        def save(self, commit=True):
            if self.cleaned_data.get("revoke") and self.instance.revoked_at is None:
                self.instance.revoked_at = timezone.now()
            return super().save(commit)

    form = Form

    # Whoever may change the item may ask someone outside to review it.
    def has_view_permission(self, request, obj=None):
        return self.parent_admin.has_change_permission(request, obj)

    has_add_permission = has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return False

    def __init__(self, parent_model, admin_site, parent_admin=None):
        super().__init__(parent_model, admin_site)
        self.parent_admin = parent_admin

    @admin.display(description=gettext_lazy("address to send"))
    def address(self, link):
        if not link.pk:
            return _("Saved with the item, then shown here.")
        url = link.get_absolute_url()
        return format_html(
            '<input type="text" readonly value="{}" size="48" aria-label="{}">',
            settings.SITE_URL + url,
            _("address to send"),
        )

    @admin.display(description=gettext_lazy("state"))
    def state(self, link):
        if not link.pk:
            return "—"
        if link.revoked_at:
            return _("Revoked")
        if link.expires_at <= timezone.now():
            return _("Expired")
        if not link.is_open():
            return _("Closed: the page is public")
        count = link.comments.count()
        return ngettext("Open · %d comment", "Open · %d comments", count) % count


class ReviewLinksMixin:
    """Review links on the form, and the reviewers' comments beside the review history."""

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and obj.pk:
            inlines.append(ReviewLinkInline(self.model, self.admin_site, parent_admin=self))
        return inlines

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.pk:
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": [*options["fields"], "review_comments"]})
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "review_comments")

    def save_formset(self, request, form, formset, change):
        if formset.model is ReviewLink:
            for link in formset.save(commit=False):
                if link.created_by_id is None:
                    link.created_by = request.user
                link.save()
            return
        super().save_formset(request, form, formset, change)

    @admin.display(description=gettext_lazy("comments from reviewers"))
    def review_comments(self, obj):
        comments = list(
            ReviewComment.objects.filter(
                link__content_type=ContentType.objects.get_for_model(type(obj)), link__object_id=str(obj.pk)
            ).select_related("link")
        )
        if not comments:
            return _("None yet.")
        return format_html(
            '<ul class="workflow-history">{}</ul>',
            format_html_join(
                "",
                "<li><strong>{}</strong> ({}) · {}<br>{}</li>",
                (
                    (
                        comment.name,
                        comment.link.recipient,
                        formats.localize(timezone.localtime(comment.created_at)),
                        comment.text,
                    )
                    for comment in comments
                ),
            ),
        )


class WorkflowNewsItemAdmin(ReviewLinksMixin, WorkflowAdminMixin, NewsItemAdmin):
    actions = ("submit_for_review", "publish", "force_publish", "reject", "unpublish", "archive")

    def has_change_permission(self, request, obj=None):
        if obj is not None and changes.is_live(obj):
            # Anyone who may change news may propose a change to a live story: it waits for review.
            return admin.ModelAdmin.has_change_permission(self, request, obj)
        return super().has_change_permission(request, obj)


class FlagWorkflowAdminMixin(WorkflowAdminMixin):
    """The same workflow for content with a published flag: only publishers set it, under four eyes."""

    state_field = "is_published"
    steps = {
        "submit": services.submit_flagged,
        "approve": services.approve_flagged,
        "force_publish": services.force_publish_flagged,
        "reject": services.reject_flagged,
        "unpublish": services.unpublish_flagged,
    }
    actions = ("submit_for_review", "publish", "force_publish", "reject", "unpublish")

    def has_publish_permission(self, request):
        return services.is_publisher(request.user)

    def has_import_permission(self, request):
        # An import may publish entries: approving one is a publisher's job.
        return super().has_import_permission(request) and services.is_publisher(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return fields if services.is_publisher(request.user) else (*fields, "is_published")

    def get_changelist_formset(self, request, **kwargs):
        # Bulk editing on the list never publishes: that is what the actions (with their notes) are for.
        base = super().get_changelist_formset(request, **kwargs)

        class ListFormSet(base):
            def _construct_form(self, i, **form_kwargs):
                form = super()._construct_form(i, **form_kwargs)
                form.fields.pop("is_published", None)
                return form

        return ListFormSet

    def form_transition(self, item, user, cleaned_data):
        if "is_published" not in cleaned_data:
            return None
        return services.check_flag_change(
            item,
            user,
            cleaned_data["is_published"],
            note=cleaned_data.get("workflow_note", ""),
            force_reason=cleaned_data.get("force_reason", ""),
        )

    def save_model(self, request, obj, form, change):
        if not change and not services.is_publisher(request.user):
            obj.is_published = False  # an editor's new item waits for review
        super().save_model(request, obj, form, change)
        if getattr(form, "workflow_action", None) is not None:
            audit_flag_change(request, obj, form.workflow_action)

    @admin.action(description=gettext_lazy("Unpublish"), permissions=["publish"])
    def unpublish(self, request, queryset):
        if self._refuse_unless_publisher(request):
            return None
        return self.transition_step(
            request,
            queryset,
            title=_("Unpublish"),
            apply=lambda item, note: self.steps["unpublish"](item, request.user, note, request=request),
            done_message=lambda n: ngettext("%d item unpublished.", "%d items unpublished.", n) % n,
        )


def audit_flag_change(request, obj, action):
    """Log a flagged item's publication or withdrawal through the form (the news admin logs its own)."""
    if action in (WorkflowEvent.Action.APPROVED, WorkflowEvent.Action.UNPUBLISHED):
        services.audit.record(
            request.user,
            services.AUDITED[action],
            obj,
            request=request,
            message=services.audit_message(action, ""),
        )


admin.site.unregister(NewsItem)
admin.site.register(NewsItem, WorkflowNewsItemAdmin)
admin.site.unregister(Country)
admin.site.register(
    Country, type(CountryAdmin.__name__, (ReviewLinksMixin, FlagWorkflowAdminMixin, CountryAdmin), {})
)
for model, model_admin in (
    (PartnerOrganisation, PartnerOrganisationAdmin),
    (ChronologyEntry, ChronologyEntryAdmin),
    (Quote, QuoteAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, type(model_admin.__name__, (FlagWorkflowAdminMixin, model_admin), {}))
# Site pages are always public: every edit is a change that waits for review.
admin.site.unregister(Page)
admin.site.register(
    Page, type(PageAdmin.__name__, (WorkflowAdminMixin, PageAdmin), {"actions": (), "state_field": None})
)


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every review step, read-only; publishers confirm others' force-publications here."""

    list_display = ("at", "action", "object_repr", "content_type", "user", "note", "confirmed_by")
    # Only the kinds of content that have steps: not every model of every third-party app.
    list_filter = (
        "action",
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ("confirmed_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("object_repr", "note")
    list_select_related = ("content_type", "user", "confirmed_by")
    actions = ("confirm",)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_publish_permission(self, request):
        return services.is_publisher(request.user)

    @admin.action(description=gettext_lazy("Confirm these force-publications"), permissions=["publish"])
    def confirm(self, request, queryset):
        done = 0
        for event in queryset:
            try:
                services.confirm_force_publication(event, request.user)
            except (PermissionDenied, ValidationError) as error:
                reasons = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{event}: {reasons}", messages.WARNING)
                continue
            done += 1
        if done:
            self.message_user(
                request,
                ngettext("%d force-publication confirmed.", "%d force-publications confirmed.", done) % done,
                messages.SUCCESS,
            )


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """The external addresses as `manage.py check_links` last found them, read-only: fix them where they are used."""

    list_display = ("url", "ok", "explanation", "where", "checked_at")
    list_filter = ("ok",)
    search_fields = ("url",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    @admin.display(description=gettext_lazy("problem"))
    def explanation(self, check):
        return links.explain(check)

    @admin.display(description=gettext_lazy("used on"))
    def where(self, check):
        return format_html_join(
            ", ", '<a href="{}">{}</a>', ((url, label) for label, url in links.where(check))
        )


class StaffPreferenceInline(admin.StackedInline):
    model = StaffPreference
    can_delete = False
    extra = 1
    max_num = 1


def _with_preferences(user_model):
    """Add the staff member's preferences (the language of their e-mails) to the user's admin page."""
    registered = type(admin.site._registry[user_model])
    admin.site.unregister(user_model)
    admin.site.register(
        user_model,
        type(registered.__name__, (registered,), {"inlines": (*registered.inlines, StaffPreferenceInline)}),
    )


_with_preferences(get_user_model())


@admin.register(StaffPreference)
class StaffPreferenceAdmin(admin.ModelAdmin):
    """Each staff member's own preferences (the language of the admin and of their e-mails)."""

    fields = ("language",)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.user_id == request.user.pk)

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one to see: the signed-in person's own."""
        own, _created = StaffPreference.objects.get_or_create(user=request.user)
        return redirect("admin:workflow_staffpreference_change", own.pk)
