"""Uploaded images: verified for what they really are, scaled down, re-encoded, EXIF removed.

A file is accepted only if Pillow decodes it completely as JPEG, PNG, GIF or
WebP within the size and pixel limits. It is then scaled down to at most
IMAGE_STORED_MAX_SIDE pixels on its longer side and re-encoded, so nothing but
pixels survives (no EXIF location data, no trailing payload).
"""

import io
import os
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import MaxValueValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from .renditions import focus_of

FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "png", "WEBP": "webp"}


def verified_image(upload):
    """Return the upload re-encoded as a clean image file, or raise ValidationError."""
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if upload.size and upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; images may be at most %(max)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG, GIF or WebP image."), code="format")
            if image.width * image.height > settings.IMAGE_UPLOAD_MAX_PIXELS:
                raise ValidationError(
                    _("The image is %(w)s×%(h)s pixels, which is too large."),
                    code="too_many_pixels",
                    params={"w": image.width, "h": image.height},
                )
            image_format = image.format
            largest = settings.IMAGE_STORED_MAX_SIDE
            if image_format == "JPEG":
                # Decoded at 1/2, 1/4 or 1/8 scale where that still leaves `largest`: a 48 MP photo
                # costs a few MB of memory, not 150.
                image.draft("RGB", (largest, largest))
            image.load()
            if max(image.size) > largest:
                image.thumbnail((largest, largest), Image.Resampling.LANCZOS)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The image is too large to open."), code="bomb") from None
    except Exception:
        raise ValidationError(_("The file is not a valid image, or it is damaged."), code="invalid") from None
    return reencode(image, image_format, upload.name)


def reencode(image, image_format, name):
    """Return a SimpleUploadedFile with only the pixels of `image`."""
    image = ImageOps.exif_transpose(image)
    extension = FORMATS[image_format]
    out = io.BytesIO()
    if extension == "jpg":
        image.convert("RGB").save(out, "JPEG", quality=88, optimize=True, progressive=True)
        content_type = "image/jpeg"
    elif extension == "webp":
        image.save(out, "WEBP", quality=88)
        content_type = "image/webp"
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
        content_type = "image/png"
    stem = os.path.splitext(os.path.basename(name or "image"))[0][:80] or "image"
    return SimpleUploadedFile(f"{stem}.{extension}", out.getvalue(), content_type)


class VerifiedImageFormField(forms.ImageField):
    """An image form field that only lets verified, re-encoded images through."""

    def to_python(self, data):
        # Verified first, so that a bomb or an oversized file gets its own message.
        if data and getattr(data, "size", None):
            data = verified_image(data)
        return super().to_python(data)


class VerifiedImageField(models.ImageField):
    """An ImageField whose form verifies and re-encodes every upload."""

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", VerifiedImageFormField)
        return super().formfield(**kwargs)


class HeroFocus(models.Model):
    """Where the subject of a model's hero image is: every cut of the picture keeps it in view.

    Two percentages (across, down; 50/50 is the middle), chosen by clicking the picture
    in the admin (see `core.admin.focus_picker`) or typed.
    """

    hero_focus_x = models.PositiveSmallIntegerField(
        _("focal point across (%)"),
        default=50,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Click the subject of the picture below; 0 is the left edge, 100 the right."),
    )
    hero_focus_y = models.PositiveSmallIntegerField(
        _("focal point down (%)"),
        default=50,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("0 is the top edge, 100 the bottom."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Left empty (a form without the fields, an import): the middle, as before focal points.
        self.hero_focus_x = 50 if self.hero_focus_x is None else self.hero_focus_x
        self.hero_focus_y = 50 if self.hero_focus_y is None else self.hero_focus_y
        super().save(*args, **kwargs)

    @property
    def hero_focus(self):
        """The focal point as fractions (x, y), as the renditions take it."""
        return focus_of(self.hero_focus_x, self.hero_focus_y)
