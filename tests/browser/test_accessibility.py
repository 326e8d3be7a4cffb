"""Every public page type, in English and Japanese, in a real browser: WCAG 2.1 AA, valid HTML, phones, print.

One test per language visits each page once per viewport (1280 px light,
375 px dark with the phone menu open, 375 px and 320 px light), runs axe-core,
saves the HTML as served for one run of the Nu HTML Checker, and saves
screenshots to artifacts/screenshots/ for a person to look at. It then reports
every problem on every page at once, check by check.
"""

import shutil

import pytest
from PIL import Image

from .audit import PRINTED, audit_site, describe_violations

PAGE_TYPES = {
    "home",
    "news-list",
    "news-item",
    "country-list",
    "country-profile",
    "country-embed",
    "chronology",
    "partner-list",
    "partner-detail",
    "search",
    "about",
    "not-found",
}


def accessibility_problems(audit):
    """Return {check: [problems]} for the audited pages; every list is empty when all is well."""
    problems = {}
    statuses = {report.name: report.status for report in audit}
    problems["every public page type, 200 (404 for the missing page)"] = [
        f"{name}: {status}"
        for name, status in statuses.items()
        if status != (404 if name == "not-found" else 200)
    ] + [f"not audited: {name}" for name in PAGE_TYPES - set(statuses)]

    problems["axe-core WCAG 2.1 A and AA rules, light 1280 px and dark 375 px"] = [
        f"{report.name} ({where}) {report.url}\n{describe_violations(violations)}"
        for report in audit
        for where, violations in report.axe.items()
        if violations
    ] + [f"{report.name}: axe ran {len(report.axe)} times, not 2" for report in audit if len(report.axe) != 2]

    problems["no horizontal scrolling at 320 and 375 px"] = [
        f"{report.name} at {width} px is {extra} px too wide"
        for report in audit
        for width, extra in report.overflow.items()
        if extra > 0
    ] + [
        f"{report.name}: measured at {sorted(report.overflow)}"
        for report in audit
        if set(report.overflow) != {320, 375}
    ]

    problems["the Nu HTML Checker reports no errors"] = [
        f"{name}:{line}: {message}\n      {extract!r}" for name, line, message, extract in audit.html_errors
    ] + [f"{report.name}: no HTML saved" for report in audit if report.html_file.stat().st_size < 500]

    problems["screenshots at 375 (light and dark) and 1280 px saved under artifacts/screenshots/"] = [
        f"{report.name}: {[path.name for path in report.screenshots]}"
        for report in audit
        if sorted(Image.open(path).width for path in report.screenshots) != [375, 375, 1280]
        or not all("artifacts/screenshots/" in path.as_posix() for path in report.screenshots)
    ]

    problems[f'<html lang="{audit.language}">'] = [
        f"{report.name}: lang={report.structure['lang']!r}"
        for report in audit
        if report.structure["lang"] != audit.language
    ]
    problems["every <img> has alt"] = [
        f"{report.name}: {image}" for report in audit for image in report.structure["imagesWithoutAlt"]
    ]
    problems["every form control has an accessible name"] = [
        f"{report.name}: {control}" for report in audit for control in report.unnamed_controls
    ]
    problems["one <main>, one h1 first, no heading level skipped"] = [
        f"{report.name}: {problem}" for report in audit if (problem := _heading_problem(report.structure))
    ]
    problems["tap targets at least 44×44 px at 375 px"] = [
        f"{report.name}: {html} is {width}×{height}"
        for report in audit
        for html, width, height in report.small_targets
    ]
    printed = {report.name: report.printed for report in audit if report.printed}
    problems["print keeps the brand and the content, drops the page chrome"] = [
        f"{name}: {result}"
        for name, result in printed.items()
        if result["chrome"] or not (result["title"] and result["brand"])
    ] + [f"{name}: print not checked" for name in set(PRINTED) - set(printed)]
    return problems


def _heading_problem(structure):
    levels = [level for level, _ in structure["headings"]]
    if structure["mains"] != 1:
        return f"{structure['mains']} <main> elements"
    if levels[:1] != [1] or levels.count(1) != 1:
        return f"must start with the only h1: {structure['headings'][:3]}"
    if any(later > earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False)):
        return f"a heading level is skipped: {levels}"
    return ""


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_public_page_type_is_accessible_valid_and_fits_a_phone(
    language, browser, live_server, tmp_path, demo
):
    if shutil.which("java") is None:
        pytest.fail("The Nu HTML Checker needs Java: apt-get install default-jre-headless")

    audit = audit_site(browser, live_server.url, language, tmp_path)

    problems = {check: found for check, found in accessibility_problems(audit).items() if found}
    report = "\n".join(
        f"\n{check}:\n" + "\n".join(f"  {line}" for line in found) for check, found in problems.items()
    )
    assert not problems, report
