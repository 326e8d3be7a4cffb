import datetime
import io

import pytest
from PIL import Image, ImageChops, ImageDraw

from countries import cards
from countries.models import TradeFigure

JAPANESE_NAMES = [
    "スロベニア",
    "ルーマニア",
    "コソボ",
    "ブルガリア",
    "トルコ",
    "テュルキエ",
    "セルビア",
    "アルバニア",
    "ボスニア・ヘルツェゴビナ",
    "クロアチア",
    "ギリシャ",
    "モンテネグロ",
    "北マケドニア共和国",
    "日本",
    "鷗外の「舞姫」、ほか。",
]


def png(response):
    return Image.open(io.BytesIO(response.content))


def glyph(char, path):
    """Return the bitmap of one character drawn alone in the font at `path`."""
    image = Image.new("L", (80, 80))
    ImageDraw.Draw(image).text((10, 60), char, font=cards._font(path, 48), fill=255, anchor="ls")
    return image


@pytest.mark.django_db
def test_card_is_a_1200_by_630_png(client, slovenia):
    response = client.get("/countries/slovenia/card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = png(response)
    assert image.format == "PNG" and image.size == (1200, 630)


@pytest.mark.django_db
def test_card_is_served_from_cache_until_the_name_or_figures_change(client, slovenia, renders):
    first = client.get("/countries/slovenia/card.png").content
    assert client.get("/countries/slovenia/card.png").content == first
    assert renders.call_count == 1

    slovenia.population = 2_120_000  # not on the card: still served from the cache
    slovenia.save()
    assert client.get("/countries/slovenia/card.png").content == first
    assert renders.call_count == 1

    slovenia.name = "Republic of Slovenia"
    slovenia.save()
    renamed = client.get("/countries/slovenia/card.png").content
    assert renders.call_count == 2 and renamed != first
    assert client.get("/countries/slovenia/card.png").content == renamed
    assert renders.call_count == 2

    figure = TradeFigure.objects.get(country=slovenia, year=2018)
    figure.exports_to_japan = 120
    figure.save()
    refigured = client.get("/countries/slovenia/card.png").content
    assert renders.call_count == 3 and refigured not in (first, renamed)

    TradeFigure.objects.create(country=slovenia, year=2019, exports_to_japan=130, imports_from_japan=90)
    assert client.get("/countries/slovenia/card.png").content != refigured
    assert renders.call_count == 4


@pytest.mark.django_db
def test_a_new_flag_redraws_the_card(client, slovenia, renders):
    first = client.get("/countries/slovenia/card.png").content
    slovenia.iso_code = "HR"
    slovenia.save()
    second = client.get("/countries/slovenia/card.png").content
    assert renders.call_count == 2 and second != first


@pytest.mark.django_db
def test_card_link_in_og_image_names_its_version_and_may_be_cached_for_good(
    client, slovenia, read_page, settings
):
    settings.SITE_URL = "https://balkan.example"
    page = read_page(client.get("/countries/slovenia/").content.decode())
    versioned = page.first("og:image").removeprefix("https://balkan.example")
    assert versioned.startswith("/countries/slovenia/card.png?v=")
    response = client.get(versioned)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    plain = client.get("/countries/slovenia/card.png")
    assert plain["Cache-Control"] == "public, max-age=3600"
    assert plain["ETag"] == response["ETag"]
    assert client.get("/countries/slovenia/card.png?v=old").get("Cache-Control") == "public, max-age=3600"


@pytest.mark.django_db
def test_card_answers_304_to_a_reader_who_has_it(client, slovenia, renders):
    etag = client.get("/countries/slovenia/card.png")["ETag"]
    response = client.get("/countries/slovenia/card.png", headers={"if-none-match": etag})
    assert response.status_code == 304 and response.content == b""
    slovenia.name = "Slovenija"
    slovenia.save()
    assert client.get("/countries/slovenia/card.png", headers={"if-none-match": etag}).status_code == 200


@pytest.mark.django_db
def test_card_in_japanese_is_a_card_of_its_own(client, slovenia, renders):
    english = client.get("/countries/slovenia/card.png").content
    japanese = client.get("/ja/countries/slovenia/card.png").content
    assert renders.call_count == 2 and english != japanese
    assert png(client.get("/ja/countries/slovenia/card.png")).size == (1200, 630)


@pytest.mark.django_db
def test_country_card_shows_both_names_the_key_figure_and_the_address(slovenia, settings):
    settings.SITE_URL = "https://balkan.example"
    card = cards.country_card(slovenia, "https://balkan.example/countries/slovenia/")
    assert (card.title, card.subtitle) == ("Slovenia", "スロベニア")
    assert card.figure == "Trade with Japan (2018): exports EUR 119 million · imports EUR 86 million"
    assert card.address == "balkan.example/countries/slovenia/"


@pytest.mark.django_db
def test_country_card_without_trade_figures_shows_when_relations_began(make_country):
    country = make_country(
        name="Serbia",
        slug="serbia",
        relations_established=datetime.date(1882, 1, 1),
        relations_established_precision="year",
    )
    assert cards.country_card(country, "https://x/").figure == "Diplomatic relations with Japan since 1882"


@pytest.mark.parametrize("name", JAPANESE_NAMES)
def test_japanese_names_are_drawn_with_real_glyphs(name):
    assert cards.text_runs(name) == [(cards.JAPANESE_FONT, name)]
    missing = glyph("\ue000", cards.JAPANESE_FONT)  # a private-use character: the font's empty box
    for char in set(name):
        drawn = glyph(char, cards.JAPANESE_FONT)
        assert drawn.getbbox() is not None, char
        assert ImageChops.difference(drawn, missing).getbbox() is not None, f"{char} is drawn as a box"


def test_latin_letters_of_balkan_names_come_from_the_latin_font():
    text = "Kočevje, Priština, Târgu Mureș, Şırnak, Đakovica"
    runs = cards.text_runs(text)
    assert runs == [(cards.LATIN_FONTS["bold"], text)]


def test_characters_no_font_has_are_left_out_rather_than_drawn_as_boxes():
    assert (
        "".join(text for _path, text in cards.text_runs("Slovenia 🇸🇮 スロベニア")) == "Slovenia  スロベニア"
    )


def test_long_titles_wrap_and_end_with_an_ellipsis_when_they_do_not_fit():
    size, lines = cards.fit("word " * 200, (60, 40), 1040, 3)
    assert size == 40 and len(lines) == 3 and lines[-1].endswith("…")
    for line in lines:
        assert cards.text_width(line, size) <= 1040
    size, lines = cards.fit("河野外務大臣がスロベニアを訪問しました" * 3, (60,), 600, 3)
    assert len(lines) == 3 and all(cards.text_width(line, 60) <= 600 for line in lines)
    # Closing punctuation never starts a line.
    assert not any(line.startswith(("。", "、")) for line in cards.wrap("あいうえお、" * 20, 60, 300))


def test_render_card_draws_the_text_and_leaves_out_a_flag_the_set_lacks():
    plain = cards.render_card(cards.Card(title="Slovenia"))
    named = cards.render_card(cards.Card(title="Slovenia", subtitle="スロベニア", flags=("QQ",)))
    assert Image.open(io.BytesIO(named)).size == (1200, 630)
    difference = ImageChops.difference(
        Image.open(io.BytesIO(plain)).convert("RGB"), Image.open(io.BytesIO(named)).convert("RGB")
    )
    # Only the Japanese name's line differs.
    left, top, right, bottom = difference.getbbox()
    assert 330 < top and bottom < 520


def test_fingerprint_changes_with_what_is_drawn_only():
    card = cards.Card(title="Slovenia", subtitle="スロベニア", figure="EUR 119 million")
    assert (
        card.fingerprint()
        == cards.Card(title="Slovenia", subtitle="スロベニア", figure="EUR 119 million").fingerprint()
    )
    assert (
        card.fingerprint()
        != cards.Card(title="Slovenia", subtitle="スロベニア", figure="EUR 120 million").fingerprint()
    )
    assert (
        card.fingerprint() != cards.Card(title="Slovenia", subtitle="スロベニア", language="ja").fingerprint()
    )


def test_the_committed_japanese_font_covers_what_editors_type():
    """The subset (countries/fonts/README.md) holds every character of Windows' Shift_JIS and the JIS X 0213 kanji."""
    from fontTools.ttLib import TTFont

    from tools.fonts import characters, windows_shift_jis

    cmap = TTFont(cards.JAPANESE_FONT).getBestCmap()
    typed = set(windows_shift_jis()) & set(characters())
    assert len(typed) > 7000
    # Noto Sans CJK JP 2.004 itself has no ≒ (U+2252); everything else is there.
    assert [char for char in sorted(typed) if ord(char) not in cmap] == ["≒"]
    for text in (
        "鷗外と髙橋さんと﨑村さん",
        "日本・バルカン・ネットワーク",
        "「セルビア共和国」（２０２４年）",
        "𠮟る",
    ):
        assert all(ord(char) in cmap for char in text), text
