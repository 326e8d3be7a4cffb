"""Rich text: one allow-list sanitiser and the model field every app uses.

Whatever the editor (or a forged request) sends, only the tags, attributes,
classes and URL schemes listed here are stored or shown.
"""

import nh3
from django import forms
from django.db import models
from django_ckeditor_5.widgets import CKEditor5Widget
from modeltranslation.fields import TranslationFieldDescriptor

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "hr",
    "span",
    "code",
    "pre",
}
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir"},
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
}
ALLOWED_CLASSES = {
    "figure": {
        "image",
        "table",
        "image-style-side",
        "image-style-block-align-left",
        "image-style-block-align-right",
        "image-style-align-center",
        "image_resized",
    },
    "img": {"image_resized"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize(html):
    """Return `html` reduced to the allow-list; scripts and handlers never survive."""
    if not html:
        return ""
    return nh3.clean(
        str(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


class RichTextField(models.TextField):
    """A text field edited with CKEditor 5 and sanitised before it is stored."""

    def formfield(self, **kwargs):
        # The admin offers every TextField a plain textarea; rich text keeps its editor.
        widget = kwargs.get("widget")
        if widget is None or (isinstance(widget, type) and issubclass(widget, forms.Textarea)):
            kwargs["widget"] = CKEditor5Widget(config_name="default")
        return super().formfield(**kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize(getattr(model_instance, self.attname))
        # A field translated by modeltranslation reads the active language's
        # column, falling back to English; writing that back would copy English
        # into an empty Japanese column. Each language's column sanitises itself.
        if not isinstance(getattr(type(model_instance), self.attname, None), TranslationFieldDescriptor):
            setattr(model_instance, self.attname, value)
        return value
