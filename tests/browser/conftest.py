"""Playwright driving Debian's Chromium against the live test server.

Outside CI, browser tests skip (saying why) when Chromium is missing; in CI
(`BROWSER_TESTS=required`) a missing browser is a failure.
"""

import datetime
import os
import shutil
from decimal import Decimal

import pytest

from chronology.models import Category, ChronologyEntry
from countries.models import Country, Embassy, TradeFigure

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
REQUIRED = os.environ.get("BROWSER_TESTS") == "required" or os.environ.get("CI") == "true"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make between browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if REQUIRED:
            pytest.fail(f"Chromium is required for browser tests but {CHROMIUM} does not exist")
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium); required in CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _finder_static_files(settings):
    # The live test server serves static files from the app folders (finders),
    # which know the files by their plain names, not the hashed manifest names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def admin_login(live_server, page, django_user_model):
    def login(username="admin", password="correct horse battery staple", **flags):
        flags = flags or {"is_superuser": True, "is_staff": True}
        django_user_model.objects.create_user(username=username, password=password, **flags)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    return login


@pytest.fixture
def places(db):
    Category.objects.create(key="visit", name_en="Visits", name_ja="要人往来")
    Category.objects.create(key="agreement", name_en="Agreements", name_ja="条約・協定")
    Country.objects.create(name_en="Slovenia", slug="slovenia", iso_code="SI", is_published=True)
    Country.objects.create(name_en="Romania", slug="romania", iso_code="RO", is_published=True)


@pytest.fixture
def timeline(db):
    visit = Category.objects.create(key="visit", name_en="Visits", name_ja="要人往来")
    agreement = Category.objects.create(key="agreement", name_en="Agreements", name_ja="条約・協定")
    countries = {
        slug: Country.objects.create(name_en=name, slug=slug, iso_code=code, is_published=True)
        for slug, name, code in [
            ("slovenia", "Slovenia", "SI"),
            ("romania", "Romania", "RO"),
            ("bosnia-and-herzegovina", "Bosnia and Herzegovina", "BA"),
            ("north-macedonia", "North Macedonia", "MK"),
        ]
    }
    rows = [
        (
            "gr-1899",
            datetime.date(1899, 1, 1),
            "year",
            agreement,
            ["romania"],
            "Treaty of amity, commerce and navigation",
        ),
        (
            "si-1999",
            datetime.date(1999, 1, 1),
            "year",
            visit,
            ["slovenia"],
            "300 Japanese cherry trees for the University of Ljubljana",
        ),
        (
            "si-2019",
            datetime.date(2019, 8, 14),
            "day",
            visit,
            ["slovenia", "bosnia-and-herzegovina", "north-macedonia"],
            "Foreign Minister Taro Kono makes the first official visit of a Japanese foreign minister to Slovenia",
        ),
        (
            "ro-2023",
            datetime.date(2023, 3, 1),
            "month",
            agreement,
            ["romania"],
            "Japan and Romania sign a Strategic Partnership",
        ),
    ]
    for ref, date, precision, category, slugs, title in rows:
        entry = ChronologyEntry.objects.create(
            ref=ref,
            date=date,
            date_precision=precision,
            category=category,
            title_en=title,
            source_name_en="Ministry of Foreign Affairs of the Republic of Slovenia",
            source_url="https://www.gov.si/en/news/2019-08-14-slovenian-and-japanese-foreign-ministers-discuss-economic-partnership/",
        )
        entry.countries.set([countries[slug] for slug in slugs])


@pytest.fixture
def profile(live_server, settings, make_country, make_news, make_entry, make_partner):
    """A full profile, as embassies will keep them: every section has content."""
    settings.SITE_URL = live_server.url
    country = make_country(
        name="Bosnia and Herzegovina",
        name_ja="ボスニア・ヘルツェゴビナ",
        slug="bosnia-and-herzegovina",
        iso_code="BA",
        official_name="Bosnia and Herzegovina",
        capital="Sarajevo",
        population=3_200_000,
        area_km2=51_209,
        official_languages="Bosnian, Croatian, Serbian",
        currency="Convertible mark (BAM)",
        relations_established=datetime.date(1996, 2, 9),
        summary="A country at the heart of the Western Balkans, with a long coast of mountains and rivers.",
        overview="<p>Japan and Bosnia and Herzegovina established diplomatic relations in February 1996.</p>"
        "<p>Japan has supported reconstruction, peace-building and the return of refugees since then, "
        "and supports the country's path towards the European Union.</p>",
    )
    for year, exports, imports in [(2020, "21.4", "30.2"), (2021, "25.9", "41.7"), (2022, "28.3", "44.1")]:
        TradeFigure.objects.create(
            country=country,
            year=year,
            exports_to_japan=Decimal(exports),
            imports_from_japan=Decimal(imports),
            source="Agency for Statistics of Bosnia and Herzegovina",
            source_url="https://bhas.gov.ba/",
        )
    Embassy.objects.create(
        country=country,
        kind="in_japan",
        name="Embassy of Bosnia and Herzegovina in Japan",
        address="3-4-1 Nishi-Azabu, Minato-ku, Tokyo 106-0031",
        website="https://www.bhembassy.jp/",
    )
    Embassy.objects.create(
        country=country,
        kind="of_japan",
        name="Embassy of Japan in Bosnia and Herzegovina",
        address="Bistrik 9, 71000 Sarajevo",
        website="https://www.bosnia.emb-japan.go.jp/",
    )
    for n in range(6):
        make_news(
            title=f"Japan supports mine clearance in Bosnia and Herzegovina, phase {n + 1}",
            summary="A grant for the demining of agricultural land.",
            countries=[country],
        )
    for n in range(10):
        make_entry(
            title=f"Grant assistance for the reconstruction of schools, part {n + 1}",
            description="<p>A grant to rebuild primary schools.</p>",
            date=datetime.date(1997 + 2 * n, 3, 1),
            countries=[country],
        )
    for n in range(8):
        make_partner(name=f"University of Sarajevo, Faculty {n + 1}", country=country, kind="academic")
    return f"{live_server.url}/countries/bosnia-and-herzegovina/"


@pytest.fixture
def story(make_news, site_pages):
    return make_news(title="Cherry trees bloom in Ljubljana", summary="Three hundred trees.")
