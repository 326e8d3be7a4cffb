"""Every demo profile printed as Chromium prints it (A4), in English and Japanese: the handout embassies hand out.

At most two pages, no two lines of text on top of each other, every printed address
absolute (built from SITE_URL) and readable (no %-encoding), no address repeated.
"""

import io
import re
from collections import Counter

import pdfplumber
import pytest
from pypdf import PdfReader

from countries.models import Country

ADDRESS = re.compile(r"\((https?://[^)\s]+|/[^)\s]*)\)")


def overlapping(lines):
    """Return the pairs of text lines on a page whose boxes overlap (by more than a hair)."""
    found = []
    for index, one in enumerate(lines):
        for other in lines[index + 1 :]:
            width = min(one["x1"], other["x1"]) - max(one["x0"], other["x0"])
            height = min(one["bottom"], other["bottom"]) - max(one["top"], other["top"])
            if width > 1 and height > 1.5:
                found.append((one["text"], other["text"]))
    return found


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_every_demo_profile_prints_as_a_clean_two_page_handout(browser, live_server, settings, prefix, demo):
    settings.SITE_URL = live_server.url
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    problems = []
    slugs = list(Country.objects.published().order_by("slug").values_list("slug", flat=True))
    assert len(slugs) >= 12
    for slug in slugs:
        path = f"{prefix}/countries/{slug}/"
        page.goto(live_server.url + path)
        pdf = page.pdf(format="A4", print_background=False)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        if pages > 2:
            problems.append(f"{path}: {pages} pages")
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            text = ""
            for number, sheet in enumerate(document.pages, start=1):
                lines = sheet.extract_text_lines()
                text += "\n".join(line["text"] for line in lines) + "\n"
                for pair in overlapping(lines):
                    problems.append(f"{path} page {number}: overprinted {pair}")
        flat = re.sub(r"\s+", "", text)  # a long address wraps over lines
        addresses = ADDRESS.findall(flat)
        for address in addresses:
            if not address.startswith("http"):
                problems.append(f"{path}: a relative address is printed: {address}")
            if "%" in address:
                problems.append(f"{path}: an unreadable address is printed: {address}")
        repeated = [address for address, count in Counter(addresses).items() if count > 1]
        if repeated:
            problems.append(f"{path}: printed more than once: {repeated}")
        if live_server.url + path not in flat:
            problems.append(f"{path}: the handout does not print its own address")
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_every_demo_story_prints_without_a_last_page_holding_a_card_or_a_stray_line(
    browser, live_server, settings, demo
):
    from news.models import NewsItem

    settings.SITE_URL = live_server.url
    page = browser.new_context(viewport={"width": 794, "height": 1123}).new_page()
    problems = []
    slugs = list(NewsItem.objects.published().values_list("slug", flat=True))
    assert len(slugs) >= 8
    for slug in slugs:
        for prefix in ("", "/ja"):
            path = f"{prefix}/news/{slug}/"
            page.goto(live_server.url + path)
            assert page.locator(".related").count() == 1, "the web page shows related stories"
            with pdfplumber.open(io.BytesIO(page.pdf(format="A4", print_background=False))) as document:
                sheets = [sheet.extract_text_lines() for sheet in document.pages]
            text = "\n".join(line["text"] for lines in sheets for line in lines)
            if "Related news" in text:
                problems.append(f"{path}: related stories are printed")
            if len(sheets) > 1 and len(sheets[-1]) < 5:
                problems.append(
                    f"{path}: the last of {len(sheets)} pages holds only {[line['text'] for line in sheets[-1]]}"
                )
            for number, lines in enumerate(sheets, start=1):
                for pair in overlapping(lines):
                    problems.append(f"{path} page {number}: overprinted {pair}")
    assert not problems, "\n".join(problems)
