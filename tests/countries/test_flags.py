"""Flags: the flag-icons package's files, unchanged, on every page, card and embed that shows one."""

import io
import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from PIL import Image

from countries import cards, flags
from tools.flags.__main__ import INTEGRITY, TARBALL, integrity

DEMO_COUNTRIES = Path(__file__).resolve().parents[2] / "balkan" / "demo" / "countries.json"


def test_the_committed_tarball_is_the_package_the_npm_registry_published():
    # `npm view flag-icons@7.5.0 dist.integrity` prints the same string.
    assert integrity(TARBALL.read_bytes()) == INTEGRITY


def test_every_flag_file_is_byte_for_byte_the_packages_with_its_licence(package):
    committed = {
        str(path.relative_to(flags.FLAG_DIR.parent)): path.read_bytes()
        for path in flags.FLAG_DIR.parent.rglob("*")
        if path.is_file()
    }
    assert committed == package
    assert b"MIT License" in committed["LICENSE"]


def test_every_demo_country_has_its_flag_from_the_set_as_served(package):
    codes = [record["iso_code"] for record in json.loads(DEMO_COUNTRIES.read_text())["countries"]]
    assert "XK" in codes and len(codes) >= 12
    for code in codes:
        name = flags.flag_name(code)
        assert name == f"flags/4x3/{code.lower()}.svg"
        # What staticfiles serves is the package's file.
        assert Path(finders.find(name)).read_bytes() == package[name.removeprefix("flags/")], code


def test_a_code_outside_the_set_has_no_flag():
    assert flags.flag_name("QQ") == "" and flags.flag_name("") == "" and flags.flag_name("../x") == ""
    assert flags.flag_image("QQ", 60) is None


def test_pages_show_the_flag_of_the_iso_code(client, make_country, make_news):
    kosovo = make_country(name="Kosovo", slug="kosovo", iso_code="XK")
    make_news(countries=[kosovo])
    for url in [
        "/",
        "/countries/",
        "/countries/kosovo/",
        "/countries/kosovo/embed/",
        "/news/",
        "/ja/countries/kosovo/",
    ]:
        for _attempt in ("first", "cached"):
            html = client.get(url).content.decode()
            sources = re.findall(r'<img class="(?:[a-z_-]*flag[a-z_-]*)" src="([^"]+)"', html)
            assert sources and all(
                re.search(r"/static/flags/4x3/xk\.[0-9a-f]+\.svg$", src) for src in sources
            ), url


def test_the_social_card_draws_the_sets_flag(client, make_country):
    make_country(name="Serbia", slug="serbia", iso_code="RS")
    card = Image.open(io.BytesIO(client.get("/countries/serbia/card.png").content)).convert("RGB")
    flag = flags.flag_image("RS", 172)
    # Top right, framed in white: the red, blue and white bands of the set's Serbian flag.
    left = 1128 - flag.width - 4
    for y in (20, 86, 150):
        assert card.getpixel((left + flag.width - 10, 60 + y)) == flag.getpixel((flag.width - 10, y))


def test_a_story_about_six_countries_shows_four_flags_then_plus_two(client, make_country, make_news):
    codes = ["SI", "HR", "RS", "BA", "ME", "AL"]
    countries = [
        make_country(
            name=f"Country {code}", name_ja=f"国 {code}", slug=f"country-{code.lower()}", iso_code=code
        )
        for code in codes
    ]
    item = make_news(title="Western Balkans summit", countries=countries)

    card = cards.news_card(item, "https://balkan.example/news/x/")
    # Countries come in name order: Country AL, BA, HR, ME, RS, SI.
    assert card.flags == ("AL", "BA", "HR", "ME") and card.more == 2

    for prefix in ("", "/ja"):
        for _attempt in ("first", "cached"):
            html = client.get(f"{prefix}/news/").content.decode()
            tags = html[html.index('<p class="card__tags">') :]
            tags = tags[: tags.index("</p>")]
            assert re.findall(r"/flags/4x3/([a-z]+)\.", tags) == ["al", "ba", "hr", "me"]
            assert "+2" in tags and " RS, " in tags and tags.endswith(" SI)</span></span>")

    png = Image.open(io.BytesIO(client.get(f"/news/{item.slug}/card.png").content)).convert("RGB")
    # Four small flags in a row, top right: each one's own colours where the set has them.
    small = [flags.flag_image(code, 60) for code in card.flags]
    right = 1128 - round(cards.text_width("+2", 40)) - 8 - 16
    for flag in reversed(small):
        left = right - flag.width - 4
        assert png.getpixel((left + 10, 60 + 30)) == flag.getpixel((6, 26))
        right = left - 4 - 12
