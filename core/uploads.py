"""Files chosen in a form survive a failed save: nothing an editor uploaded is lost to a typo elsewhere.

When a bound form fails validation, each file it accepted is kept in storage
under `pending/` and its file input carries a signed token for it, with the
file's name shown as chosen. Posted again without a new file, the form takes
the kept file as if it had been chosen again; a new file, or "Clear", wins.
"""

import mimetypes
import posixpath
import uuid

from django import forms
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext as _

SALT = "core.uploads.kept"
FOLDER = "pending"


def keep(upload):
    """Store `upload` under FOLDER (a folder of its own, its name kept); return its storage path."""
    upload.seek(0)
    path = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}/{posixpath.basename(upload.name)}", upload)
    upload.seek(0)
    return path


def taken_back(path):
    """Return the file kept at `path` as an upload, as if it had been chosen again."""
    with default_storage.open(path) as handle:
        content = handle.read()
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return SimpleUploadedFile(posixpath.basename(path), content, kind)


class KeptUploadWidgetMixin:
    """Renders a file input with the file accepted on the last try: kept in storage, its token, its name.

    Rendered only when a bound form is shown again, i.e. after a failed save: a
    successful save redirects, so nothing is copied then.
    """

    kept_upload = None
    kept_token = ""

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.kept_upload is not None and not self.kept_token:
            self.kept_token = signing.dumps(keep(self.kept_upload), salt=SALT)
        if not self.kept_token:
            return html
        return format_html(
            '{}<input type="hidden" name="{}__kept" value="{}"><p class="kept-upload">{}</p>',
            html,
            name,
            self.kept_token,
            _("Kept from your last try: %(name)s. Choose another file to replace it.")
            % {"name": posixpath.basename(signing.loads(self.kept_token, salt=SALT))},
        )


def _kept_widget(widget):
    if isinstance(widget, KeptUploadWidgetMixin):
        return widget
    widget.__class__ = type(f"Kept{type(widget).__name__}", (KeptUploadWidgetMixin, type(widget)), {})
    return widget


class KeepsUploadsMixin:
    """A form mixin: keep accepted files across a failed save (see the module's docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_fields = [name for name, field in self.fields.items() if isinstance(field, forms.FileField)]
        for name in self.file_fields:
            self.fields[name].widget = _kept_widget(self.fields[name].widget)
        if self.is_bound:
            self._take_back_kept_files()

    def _take_back_kept_files(self):
        for name in self.file_fields:
            key = self.add_prefix(name)
            if self.files.get(key) or self.data.get(f"{key}-clear"):
                continue  # a new choice, or "Clear", wins
            token = self.data.get(f"{key}__kept", "")
            try:
                path = signing.loads(token, salt=SALT)
            except signing.BadSignature:
                continue
            if not path.startswith(f"{FOLDER}/") or not default_storage.exists(path):
                continue
            self.files = self.files.copy()
            self.files[key] = taken_back(path)
            self.fields[name].widget.kept_token = token  # already kept: not copied again

    def full_clean(self):
        super().full_clean()
        for name in self.file_fields:
            upload = getattr(self, "cleaned_data", {}).get(name)
            if name not in self._errors and isinstance(upload, UploadedFile):
                self.fields[name].widget.kept_upload = upload  # kept if the page is shown again


class KeepsUploadsModelForm(KeepsUploadsMixin, forms.ModelForm):
    """A model form (e.g. an inline's) whose accepted files survive a failed save."""
