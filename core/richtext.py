"""Rich text: one allow-list sanitiser and the model field every app uses.

Whatever the editor (or a forged request) sends, only the tags, attributes,
classes and URL schemes listed here are stored or shown.
"""

import difflib
import html as html_module
import re
from html.parser import HTMLParser

import nh3
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
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


# What the sanitiser may drop whole, text and all: a script or a style, opened and closed.
DANGEROUS_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
TAG = re.compile(r"</?[A-Za-z][^>]*>?")


def _text(html):
    """The words of `html`: every tag and comment removed, every text kept (even in a broken tag's wake)."""
    text = TAG.sub(" ", COMMENT.sub(" ", html))
    return " ".join(html_module.unescape(text).split())


def lost_text(html):
    """Return the text an editor wrote that sanitising `html` would drop ("" when none would be).

    Dropping a script or a style is the sanitiser's job; dropping the words after a broken
    tag (an unclosed <style> swallows everything that follows it) loses the editor's work.
    """
    if not html:
        return ""
    written = _text(DANGEROUS_BLOCK.sub(" ", str(html)))
    kept = _text(sanitize(html))
    if written == kept:
        return ""
    matcher = difflib.SequenceMatcher(None, written, kept, autojunk=False)
    lost = [written[i1:i2] for tag, i1, i2, _j1, _j2 in matcher.get_opcodes() if tag in ("delete", "replace")]
    return " ".join(" ".join(lost).split())


def check_nothing_lost(html):
    """Raise ValidationError, quoting the start of it, when sanitising `html` would drop written text."""
    lost = lost_text(html)
    if lost:
        raise ValidationError(
            _(
                "Part of the text would be lost when it is cleaned: “%(lost)s”. It follows markup that "
                "cannot be kept (such as an unclosed <style>). Fix the HTML source and save again."
            ),
            code="text_lost",
            params={"lost": lost if len(lost) <= 80 else lost[:80] + "…"},
        )


class RichTextFormField(forms.CharField):
    """Rich text in a form: refused, with the words quoted, if the sanitiser would drop any of them."""

    def validate(self, value):
        super().validate(value)
        check_nothing_lost(value)


class RichTextField(models.TextField):
    """A text field edited with CKEditor 5 and sanitised before it is stored."""

    def formfield(self, **kwargs):
        # The admin offers every TextField a plain textarea; rich text keeps its editor.
        widget = kwargs.get("widget")
        if widget is None or (isinstance(widget, type) and issubclass(widget, forms.Textarea)):
            kwargs["widget"] = CKEditor5Widget(config_name="default")
        kwargs.setdefault("form_class", RichTextFormField)
        return super().formfield(**kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize(getattr(model_instance, self.attname))
        # A field translated by modeltranslation reads the active language's
        # column, falling back to English; writing that back would copy English
        # into an empty Japanese column. Each language's column sanitises itself.
        if not isinstance(getattr(type(model_instance), self.attname, None), TranslationFieldDescriptor):
            setattr(model_instance, self.attname, value)
        return value


HIDDEN_TAGS = {"script", "style", "template"}
BLOCK_TAGS = {"p", "br", "li", "h2", "h3", "h4", "blockquote", "figcaption", "td", "th", "tr", "pre", "hr"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def text_of_html(html):
    """Return the readable text of (sanitised) `html`, paragraphs separated by spaces."""
    extractor = _TextExtractor()
    extractor.feed(str(html or ""))
    extractor.close()
    return " ".join("".join(extractor.parts).split())
