"""A Japanese member of staff works in a Japanese admin: a crawl of the pages they use finds no English."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from workflow.models import StaffPreference

pytestmark = pytest.mark.django_db

# Words that are the same in a Japanese admin: names, formats, units, codes.
ALLOWED = {
    "BALKAN",
    "CKEditor",
    "JST",
    "UTC",
    "ISO",
    "URL",
    "JPEG",
    "PNG",
    "GIF",
    "WebP",
    "PDF",
    "QR",
    "SVG",
    "RSS",
    "Atom",
    "iCalendar",
    "HTML",
    "ID",
    "EUR",
    "USD",
    "JPY",
    "OK",
    "TOTP",
    "Paragraph",
    "Heading",
}
ENGLISH = re.compile(r"\b[A-Za-z][a-z]+(?:[ ,'’-]+[A-Za-z][a-z]+)+\b")


class VisibleText(HTMLParser):
    """The text a person sees: no scripts, styles, templates or hidden inputs; with labels and titles."""

    SKIP = {"script", "style", "template", "textarea", "select", "option", "svg"}

    def __init__(self):
        super().__init__()
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        attributes = dict(attrs)
        for name in ("title", "aria-label", "placeholder"):
            if attributes.get(name):
                self.parts.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def english_in(html):
    parser = VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        for match in ENGLISH.findall(part):
            words = re.findall(r"[A-Za-z]+", match)
            if re.fullmatch(r"[a-z]+(?:-[a-z]+)+", match):
                continue  # an example address ("this-slug"), not a sentence
            if not all(word in ALLOWED for word in words):
                found.append(match)
    return found


def pages_a_publisher_uses():
    yield reverse("admin:index")
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        for name in ("changelist", "add"):
            try:
                yield reverse(f"admin:{info[0]}_{info[1]}_{name}")
            except NoReverseMatch:
                continue


def test_a_japanese_publisher_meets_no_english_on_the_admin_pages_they_use(
    client, publisher, make_news, make_country, make_partner, make_entry
):
    # One of each (named in one word, so that only the admin's own words can be English).
    records = [
        make_news(title="Sofia", slug="sofia"),
        make_country(name="Slovenia", iso_code="SI"),
        make_partner(name="Cosylab", slug="cosylab"),
        make_entry(title="Treaty"),
    ]
    StaffPreference.objects.create(user=publisher, language="ja")
    client.force_login(publisher)
    problems = {}
    paths = list(pages_a_publisher_uses())
    for record in records:
        info = record._meta.app_label, record._meta.model_name
        paths += [
            reverse(f"admin:{info[0]}_{info[1]}_change", args=[record.pk]),
            reverse(f"admin:{info[0]}_{info[1]}_history", args=[record.pk]),
        ]
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:
            continue
        found = english_in(response.content.decode())
        if found:
            problems[path] = sorted(set(found))[:8]
    assert not problems, "\n".join(f"{path}: {found}" for path, found in problems.items())
