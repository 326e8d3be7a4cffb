"""Drafts over live content: an edit to a published item waits aside until a publisher approves it.

Saving the admin form of a live item (a published story, country profile with
its embassies and figures, partner, chronology entry, quote, or a site page)
keeps what was posted as the item's `PendingChange` instead of changing the
item; readers go on seeing the live version. Its author (or any editor)
carries on editing it in the same form, previews it on the public template,
and submits it with a note; a publisher other than its author approves it
(four eyes) or sends it back with a reason; a publisher may force-publish
their own change with a stated reason, flagged like any force-publication.

Preview, the list of differences and approval all feed the stored form
through the same admin form and inline formsets, built as for its author: a
preview applies the change inside a transaction that is rolled back after
the public page is rendered (with the page cache sandboxed, so nothing of
it reaches readers), and approval applies it for good. What goes live is
therefore exactly what was previewed, or, when the live item has changed in
between so that the change no longer fits, nothing, with the reason.
"""

import contextlib
from urllib.parse import urlsplit

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.base import BaseStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.forms.formsets import all_valid
from django.http import HttpRequest, QueryDict
from django.urls import resolve
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import uploads as uploads_kept
from core.history import Change, field_changes
from news.models import NewsItem
from pagecache import store

from . import services
from .models import EditingPresence, PendingChange, WorkflowEvent

Action = WorkflowEvent.Action
State = PendingChange.State
# What a form posts that is not the item: the buttons, the token and the workflow's own notes.
NOT_CONTENT = {
    "csrfmiddlewaretoken",
    "_save",
    "_continue",
    "_addanother",
    "_saveasnew",
    "_submit_change",
    "workflow_note",
    "force_reason",
}
# Rows of forms beside the content, saved at once whatever the item's state: review links.
NOT_CONTENT_PREFIXES = ("workflow-reviewlink-",)


def is_live(item):
    """Whether readers see `item` as stored now (a scheduled story counts: it was approved as it is)."""
    if not item.pk:
        return False
    if isinstance(item, NewsItem):
        return item.status == NewsItem.Status.PUBLISHED
    if hasattr(item, services.FLAG):
        return bool(getattr(item, services.FLAG))
    return True  # a site page has no unpublished state


def pending_change(item):
    if not item.pk:
        return None
    return (
        PendingChange.objects.filter(
            content_type=ContentType.objects.get_for_model(type(item)), object_id=str(item.pk)
        )
        .select_related("author", "submitted_by")
        .first()
    )


# Keeping a change


@transaction.atomic
def save_draft(item, user, post, uploads, *, submit=False, note="", request=None):
    """Keep the posted form of live `item` as its pending change (submitting it when asked); return it."""
    content_type = ContentType.objects.get_for_model(type(item))
    change = (
        PendingChange.objects.select_for_update()
        .filter(content_type=content_type, object_id=str(item.pk))
        .first()
    )
    if change is None:
        change = PendingChange(content_type=content_type, object_id=str(item.pk))
    else:
        change.revision += 1
    data = {
        key: post.getlist(key)
        for key in post
        if key not in NOT_CONTENT and not key.startswith(NOT_CONTENT_PREFIXES)
    }
    files = dict(change.files)
    for name in list(files):
        if f"{name}-clear" in data:  # "Clear" ticked: the picture uploaded earlier goes too
            files.pop(name)
    for name, uploaded in uploads.lists():
        files[name] = [uploads_kept.keep(one) for one in uploaded]
    data["opened_change"] = [str(change.revision)]
    change.data, change.files, change.author = data, files, user
    change.object_repr = str(item)[:200]
    if submit:
        change.state, change.submitted_by = State.SUBMITTED, user
    elif change.state == State.REJECTED:
        change.state = State.DRAFT  # being worked on again after it was sent back
    change.save()
    EditingPresence.objects.filter(content_type=content_type, object_id=str(item.pk), user=user).delete()
    if submit:
        services.record(user, item, Action.SUBMITTED, note, request=request)
    return change


def stale_draft_problem(change, opened):
    """Return why a form opened at draft revision `opened` may not be saved over `change`, or ""."""
    if change is None or not opened or opened == str(change.revision):
        return ""
    return _(
        "%(user)s saved a newer draft of this change at %(time)s, after you opened it. What you typed is "
        "kept below: compare it with their draft (preview it in another tab), then save again to keep yours."
    ) % {"user": change.author or _("someone"), "time": _local(change.updated_at)}


def _local(moment):
    from django.utils import formats, timezone

    return formats.localize(timezone.localtime(moment))


# Rebuilding the author's form from what was kept


class _NoMessages(BaseStorage):
    """Messages the admin adds while a change is applied for someone else: nobody is there to read them."""

    def _get(self, *args, **kwargs):
        return [], True

    def _store(self, messages, response, *args, **kwargs):
        return []


def _uploads(change):
    files = MultiValueDict()
    for name, stored in change.files.items():
        for path in stored:
            files.appendlist(name, uploads_kept.taken_back(path))
    return files


def posted_data(data):
    """Return kept form data ({name: [values]}) as the QueryDict a form is bound to."""
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return query


def _author_request(change, request):
    """Return a request that posts `change`'s form as its author did."""
    posted = HttpRequest()
    posted.method = "POST"
    posted.POST = posted_data(change.data)
    posted.GET = QueryDict()
    posted.FILES = _uploads(change)
    posted.user = change.author if change.author is not None and change.author.is_active else request.user
    posted.META = dict(request.META)
    posted.path = posted.path_info = request.path
    posted._messages = _NoMessages(posted)
    posted.applying_change = True
    return posted


def _forms(change, item, request):
    model_admin = admin.site.get_model_admin(type(item))
    posted = _author_request(change, request)
    fieldsets = model_admin.get_fieldsets(posted, item)
    form_class = model_admin.get_form(posted, item, change=True, fields=flatten_fieldsets(fieldsets))
    form = form_class(posted.POST, posted.FILES, instance=item)
    formsets, _inlines = model_admin._create_formsets(posted, form.instance, change=True)
    # A change made by reverting to an old version posts no inline rows: those stay as they are.
    formsets = [formset for formset in formsets if f"{formset.prefix}-TOTAL_FORMS" in posted.POST]
    return model_admin, posted, form, formsets


def _problems(form, formsets):
    problems = [str(message) for messages in form.errors.values() for message in messages]
    for formset in formsets:
        problems += [str(message) for message in formset.non_form_errors()]
        for errors in formset.errors:
            problems += [str(message) for messages in errors.values() for message in messages]
    return problems


def _fresh(change):
    model = change.content_type.model_class()
    return model._default_manager.get(pk=change.object_id)


def apply(change, request):
    """Save `change` into its item through the author's admin form; return the item.

    Raises ValidationError when the change no longer fits the item as it is now.
    """
    item = _fresh(change)
    model_admin, posted, form, formsets = _forms(change, item, request)
    if not (form.is_valid() & all_valid(formsets)):
        raise ValidationError(
            _("The change no longer fits the item as it is now: %(problems)s")
            % {"problems": " ".join(_problems(form, formsets))}
        )
    obj = model_admin.save_form(posted, form, change=True)
    obj._history_user = posted.user
    model_admin.save_model(posted, obj, form, True)
    model_admin.save_related(posted, form, formsets, True)
    return obj


def differences(change, request):
    """Return (changes, problems): what approving `change` would change, and why it could not."""
    item = _fresh(change)
    live = _fresh(change)
    _admin, _posted, form, formsets = _forms(change, item, request)
    valid = form.is_valid() & all_valid(formsets)
    found = field_changes(type(item), live, form.instance)
    for name in form.changed_data:
        field = form.fields[name]
        model_field = next((f for f in type(item)._meta.many_to_many if f.name == name), None)
        if model_field is not None:
            old = ", ".join(str(one) for one in getattr(live, name).all()) or "—"
            new = ", ".join(str(one) for one in form.cleaned_data.get(name, [])) or "—"
            found.append(Change(str(field.label), old, new))
    for formset in formsets:
        if not formset.is_valid():
            continue
        added = sum(1 for one in formset.extra_forms if one.has_changed())
        removed = len(formset.deleted_forms)
        edited = sum(
            1 for one in formset.initial_forms if one.has_changed() and one not in formset.deleted_forms
        )
        if added or removed or edited:
            label = str(formset.model._meta.verbose_name_plural)
            counts = [
                ngettext("%d added", "%d added", added) % added if added else "",
                ngettext("%d changed", "%d changed", edited) % edited if edited else "",
                ngettext("%d removed", "%d removed", removed) % removed if removed else "",
            ]
            found.append(
                Change(label[:1].upper() + label[1:], "", ", ".join(part for part in counts if part))
            )
    return found, ([] if valid else _problems(form, formsets))


@contextlib.contextmanager
def applied(change, request):
    """Within: `change`'s item with the change applied, as readers would see it; undone on leaving.

    Render inside: nothing of it is committed, and nothing computed reaches a shared cache.
    """
    with transaction.atomic(), store.sandbox():
        try:
            yield apply(change, request)
        finally:
            transaction.set_rollback(True)


def render_preview(change, request, language):
    """Return the public page of `change`'s item with the change applied, then undo it."""
    from django.utils import translation

    with translation.override(language), applied(change, request) as item:
        url = urlsplit(item.get_absolute_url()).path  # (a chronology entry's is the list's, #entry-…)
        match = resolve(url)
        page = HttpRequest()
        page.method = "GET"
        page.GET, page.POST = QueryDict(), QueryDict()
        page.META = {**request.META, "REQUEST_METHOD": "GET", "QUERY_STRING": ""}
        page.path = page.path_info = url
        page.user = request.user
        page.COOKIES = request.COOKIES
        page.resolver_match = match
        page._messages = _NoMessages(page)
        for attribute in ("csp_nonce", "session", "LANGUAGE_CODE"):
            if hasattr(request, attribute):
                setattr(page, attribute, getattr(request, attribute))
        page.LANGUAGE_CODE = language
        page.previewing_change = change
        response = match.func(page, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    return response


# The steps of a change


def _require_state(change, *states):
    if change.state not in states:
        raise ValidationError(
            _("The change is %(state)s: it cannot take that step.") % {"state": change.get_state_display()}
        )


@transaction.atomic
def submit(change, user, note="", *, request=None):
    _require_state(change, State.DRAFT, State.REJECTED)
    change.state, change.submitted_by = State.SUBMITTED, user
    change.save(update_fields=["state", "submitted_by", "updated_at"])
    return services.record(user, _fresh(change), Action.SUBMITTED, note, request=request)


def four_eyes_problem(change, user):
    """Return why `user` may not approve `change` without force-publishing it, or ""."""
    if change.state != State.SUBMITTED:
        return _("Nobody has submitted it for review.")
    if user.pk in (change.author_id, change.submitted_by_id):
        return _("You wrote or submitted it yourself; another publisher must approve it.")
    return ""


def _publish(change, user, action, note, request):
    item = apply(change, request)
    event = services.record(user, item, action, note, request=request)
    drop(change)
    return event


@transaction.atomic
def approve(change, user, note="", *, request):
    services.require_publisher(user)
    problem = four_eyes_problem(change, user)
    if problem:
        raise PermissionDenied(problem)
    return _publish(change, user, Action.APPROVED, note, request)


@transaction.atomic
def force_publish(change, user, reason, *, request):
    services.require_publisher(user)
    if not reason.strip():
        raise ValidationError(_("State why it cannot wait for a second review."))
    return _publish(change, user, Action.FORCE_PUBLISHED, reason, request)


@transaction.atomic
def reject(change, user, note, *, request=None):
    services.require_publisher(user)
    _require_state(change, State.SUBMITTED)
    if not note.strip():
        raise ValidationError(_("Say why it is rejected: the author will read it."))
    change.state = State.REJECTED
    change.save(update_fields=["state", "updated_at"])
    return services.record(user, _fresh(change), Action.REJECTED, note, request=request)


@transaction.atomic
def discard(change, user):
    """Throw the change away: its author, or a publisher, may."""
    if user.pk != change.author_id and not services.is_publisher(user):
        raise PermissionDenied(_("Only its author or a publisher may throw a change away."))
    drop(change)


def drop(change):
    """Delete `change` and, once that is committed, the files uploaded with it."""
    for path in {path for paths in change.files.values() for path in paths}:
        transaction.on_commit(lambda path=path: default_storage.delete(path))
    change.delete()
