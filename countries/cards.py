"""Social cards: the 1200×630 PNG previews of a country profile or a news item.

Plain functions, no database: `country_card()` and `news_card()` gather what a
card shows into a `Card`, whose fingerprint changes whenever anything drawn
changes (so it names the card in the cache), and `render_card()` draws it with
Pillow. Text is set in Noto Sans, falling back to Noto Sans CJK JP for kana and
kanji (see fonts/README.md).
"""

import functools
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from core import brand
from core.social import picture_response

from . import flags

SIZE = WIDTH, HEIGHT = (1200, 630)
# Part of every fingerprint: bump it when the drawing changes so cached cards are redrawn.
DESIGN_VERSION = 3
# A card about more countries shows this many flags, then "+N".
MAX_FLAGS = 4

NAVY = brand.rgb(brand.NAVY)
DEEP_NAVY = brand.rgb(brand.DEEP_NAVY)
RED = brand.rgb(brand.RED)
PINK = (255, 160, 178)
WHITE = (255, 255, 255)
MUTED = (196, 208, 224)

MARGIN = 80
FONT_DIR = Path(__file__).resolve().parent / "fonts"
LATIN_FONTS = {"regular": FONT_DIR / "NotoSans-Regular.ttf", "bold": FONT_DIR / "NotoSans-Bold.ttf"}
JAPANESE_FONT = FONT_DIR / "NotoSansCJKjp-Bold.otf"


@dataclass(frozen=True)
class Card:
    """What a social card shows; `flags` are ISO codes whose flags are drawn top right, `more` the rest."""

    title: str
    subtitle: str = ""
    label: str = ""
    figure: str = ""
    address: str = ""
    language: str = "en"
    flags: tuple = ()
    more: int = 0

    def fingerprint(self):
        """Return a short hash of everything drawn, the flags' files included."""
        content = [
            DESIGN_VERSION,
            self.title,
            self.subtitle,
            self.label,
            self.figure,
            self.address,
            self.language,
            [flags.flag_name(code) for code in self.flags],
            self.more,
        ]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()[:20]


def flags_of(countries, limit=MAX_FLAGS):
    """Return (ISO codes of the first `limit` countries that have a flag, how many more there are)."""
    codes = [country.iso_code for country in countries if flags.flag_name(country.iso_code)]
    return tuple(codes[:limit]), max(0, len(codes) - limit)


def _address(url):
    parts = urlsplit(url)
    return parts.netloc + parts.path


def country_card(country, page_url):
    """Return the card of `country`'s profile, its labels in the active language."""
    with translation.override("en"):
        name_en = country.name
    with translation.override("ja"):
        name_ja = country.name
    latest = country.latest_trade_figure
    if latest:
        figure = _("Trade with Japan (%(year)s): exports %(exports)s · imports %(imports)s") % {
            "year": latest.year,
            "exports": latest.exports_display,
            "imports": latest.imports_display,
        }
    elif country.relations_established:
        figure = _("Diplomatic relations with Japan since %(date)s") % {
            "date": country.relations_established_display
        }
    elif country.capital:
        figure = _("Capital: %(capital)s") % {"capital": country.capital}
    else:
        figure = ""
    return Card(
        title=name_en,
        subtitle=name_ja if name_ja != name_en else "",
        label=_("Country profile"),
        figure=figure,
        address=_address(page_url),
        language=translation.get_language(),
        flags=flags_of([country])[0],
    )


def news_card(item, page_url):
    """Return the card of a news item: its kind and date, its title and its countries."""
    countries = [country for country in item.countries.all() if country.is_published]
    shown, more = flags_of(countries)
    return Card(
        title=item.title,
        figure=" · ".join(country.name for country in countries),
        label=f"{item.get_kind_display()} · {date_format(timezone.localtime(item.publish_at), 'DATE_FORMAT')}",
        address=_address(page_url),
        language=translation.get_language(),
        flags=shown,
        more=more,
    )


# Text: each character is set in the first font that has it.


@functools.cache
def _coverage(path):
    font = TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


@functools.cache
def _font(path, size):
    return ImageFont.truetype(str(path), size)


def _font_paths(weight):
    return (LATIN_FONTS[weight], JAPANESE_FONT)


def text_runs(text, weight="bold"):
    """Split `text` into (font file, text) runs; leave out characters no font has."""
    runs = []
    for char in unicodedata.normalize("NFC", text):
        if char in "\n\r\t":
            char = " "
        previous = runs[-1][0] if runs else None
        if previous and ord(char) in _coverage(previous):
            runs[-1][1] += char
            continue
        path = next((path for path in _font_paths(weight) if ord(char) in _coverage(path)), None)
        if path is None:
            continue
        if path == previous:
            runs[-1][1] += char
        else:
            runs.append([path, char])
    return [(path, text) for path, text in runs]


def text_width(text, size, weight="bold"):
    return sum(_font(path, size).getlength(run) for path, run in text_runs(text, weight))


def draw_text(draw, xy, text, size, weight="bold", fill=WHITE):
    """Draw `text` with its left end of the baseline at `xy`; return the width drawn."""
    x, y = xy
    for path, run in text_runs(text, weight):
        font = _font(path, size)
        draw.text((x, y), run, font=font, fill=fill, anchor="ls")
        x += font.getlength(run)
    return x - xy[0]


# Kana and kanji may break anywhere, except before closing punctuation and small kana.
_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
)
_CLOSING = "、。，．・：；？！ー）」』】〕〉》｝ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
_TOKENS = re.compile(rf"[{_CJK}][{_CLOSING}]*|[^\s{_CJK}]+\s*|\s+")


def wrap(text, size, width, weight="bold"):
    """Return `text` broken into lines no wider than `width` at `size`."""
    lines, line = [], ""
    for token in _TOKENS.findall(" ".join(text.split())):
        candidate = line + token
        if text_width(candidate.rstrip(), size, weight) <= width:
            line = candidate
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = token.lstrip()
        while text_width(line.rstrip(), size, weight) > width and len(line) > 1:
            # A word longer than the line: break it where it overflows.
            cut = len(line) - 1
            while cut > 1 and text_width(line[:cut], size, weight) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def fit(text, sizes, width, max_lines=1, weight="bold", max_height=None, leading=1.18):
    """Return (size, lines): the largest of `sizes` at which `text` fits in `max_lines` lines
    (and in `max_height`, lines `leading` times the size apart), shortened with "…" if none does.
    """
    for size in sizes:
        lines = wrap(text, size, width, weight)
        room = max_lines if max_height is None else min(max_lines, int(max_height // (size * leading)))
        if len(lines) <= room:
            return size, lines
    size = sizes[-1]
    room = max_lines if max_height is None else max(1, min(max_lines, int(max_height // (size * leading))))
    lines = wrap(text, size, width, weight)[:room] or [""]
    last = lines[-1]
    while last and text_width(last + "…", size, weight) > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return size, lines


# Drawing.


def _draw_mark(draw, x, y, size):
    """Draw the network's mark (static/img/mark.svg): a square, a red sun, white mountains."""
    unit = size / 40
    draw.rounded_rectangle((x, y, x + size, y + size), radius=8 * unit, fill=NAVY, outline=MUTED, width=2)
    draw.ellipse((x + 8 * unit, y + 13 * unit, x + 22 * unit, y + 27 * unit), fill=RED)
    peaks = [(20, 29), (26, 15), (30, 22), (33, 17), (36, 29)]
    draw.polygon([(x + px * unit, y + py * unit) for px, py in peaks], fill=WHITE)


def _paste_flag(image, code, x, top, height):
    """Paste the flag of `code`, `height` pixels high and framed in white, ending at `x`; return its left."""
    flag = flags.flag_image(code, height)
    if flag is None:
        return x
    frame = Image.new("RGB", (flag.width + 8, flag.height + 8), WHITE)
    frame.paste(flag, (4, 4))
    left = x - frame.width
    image.paste(frame, (left, top))
    return left


def _draw_flags(image, draw, card):
    """Draw the card's flags top right: one large, or a row of up to MAX_FLAGS and "+N".

    Return where the text beside them must stop.
    """
    right = WIDTH - MARGIN + 8
    if len(card.flags) == 1 and not card.more:
        return _paste_flag(image, card.flags[0], right, 56, 172) - 40
    x = right
    if card.more:
        more = f"+{card.more}"
        x -= round(text_width(more, 40)) + 8
        draw_text(draw, (x, 56 + 52), more, 40, "bold", WHITE)
        x -= 16
    for code in reversed(card.flags):
        x = _paste_flag(image, code, x, 56, 60) - 12
    return x - 28


def render_card(card):
    """Return the 1200×630 PNG of `card`."""
    image = Image.new("RGB", SIZE, NAVY)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 20, HEIGHT), fill=RED)
    band_top = 520
    draw.rectangle((20, band_top, WIDTH, HEIGHT), fill=DEEP_NAVY)

    text_right = WIDTH - MARGIN
    # Lines that start level with the flags must stop short of them.
    header_right = _draw_flags(image, draw, card) if card.flags else text_right

    with translation.override(card.language):
        site_name = _("Japan–Balkan Network")
    _draw_mark(draw, MARGIN, 56, 60)
    name_size, name_lines = fit(site_name, (30, 26, 22), header_right - MARGIN - 80)
    draw_text(draw, (MARGIN + 80, 97), name_lines[0], name_size, "bold", MUTED)

    y = 200
    if card.label:
        label_size, label_lines = fit(card.label, (28, 24), header_right - MARGIN, 1)
        draw_text(draw, (MARGIN, y), label_lines[0], label_size, "bold", PINK)

    # Title and subtitle share the space between the label and the band.
    top, bottom = 236, band_top - 20
    subtitle_size, subtitle_lines = 0, []
    if card.subtitle:
        subtitle_size, subtitle_lines = fit(card.subtitle, (60, 52, 44, 36, 30), text_right - MARGIN)
    room = bottom - top - (round(subtitle_size * 1.4) if subtitle_lines else 0)
    title_size, title_lines = fit(
        card.title, (104, 92, 80, 68, 60, 52, 46, 40), text_right - MARGIN, 3, max_height=room
    )
    line_height = round(title_size * 1.18)
    y = top + round(title_size * 0.92)
    for line in title_lines:
        draw_text(draw, (MARGIN, y), line, title_size, "bold")
        y += line_height
    if subtitle_lines:
        y += round(title_size * 0.28) + round(subtitle_size * 1.1) - line_height
        draw_text(draw, (MARGIN, y), subtitle_lines[0], subtitle_size, "bold")

    if card.figure:
        figure_size, figure_lines = fit(card.figure, (32, 28, 24, 21), text_right - MARGIN, 1, "regular")
        draw_text(draw, (MARGIN, band_top + 50), figure_lines[0], figure_size, "regular")
    if card.address:
        address_size, address_lines = fit(card.address, (22, 18), text_right - MARGIN, 1, "regular")
        draw_text(draw, (MARGIN, band_top + 88), address_lines[0], address_size, "regular", MUTED)

    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def card_response(request, card):
    """Answer with the PNG of a social `card`, drawn only when its content is new."""
    version = card.fingerprint()
    return picture_response(
        request, f"card:{version}", "image/png", lambda: render_card(card), version=version
    )
