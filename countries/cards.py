"""Pictures drawn from a country's data: the social card, the QR code, the trade chart.

Plain functions, no database: each takes the data and returns bytes or numbers.
"""

import io
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.utils import translation
from PIL import Image, ImageDraw, ImageFont

CARD_SIZE = (1200, 630)
NAVY = (22, 43, 72)
RED = (188, 0, 45)
WHITE = (255, 255, 255)


def _font(size):
    return ImageFont.load_default(size=size)


def render_card(country):
    """Return the 1200×630 PNG social card of `country`."""
    image = Image.new("RGB", CARD_SIZE, NAVY)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, CARD_SIZE[1]), fill=RED)
    if country.flag:
        try:
            with country.flag.open("rb") as handle, Image.open(handle) as flag:
                flag = flag.convert("RGB")
                flag.thumbnail((300, 200))
                image.paste(flag, (820, 80))
        except OSError:
            pass
    with translation.override("en"):
        name_en = country.name
    with translation.override("ja"):
        name_ja = country.name
    draw.text((80, 80), "Japan–Balkan Network", font=_font(36), fill=(200, 210, 225))
    draw.text((80, 180), name_en, font=_font(96), fill=WHITE)
    if name_ja != name_en:
        draw.text((80, 300), name_ja, font=_font(64), fill=WHITE)
    figure = key_figure(country)
    if figure:
        draw.text((80, 470), figure, font=_font(40), fill=(230, 230, 230))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def key_figure(country):
    """Return the one line of figures the card shows, or ""."""
    figures = sorted(country.trade_figures.all(), key=lambda figure: figure.year)
    if figures:
        latest = figures[-1]
        return (
            f"Exports to Japan {latest.currency} {latest.exports_to_japan:,.0f}m · "
            f"imports {latest.currency} {latest.imports_from_japan:,.0f}m ({latest.year})"
        )
    if country.capital:
        return f"Capital: {country.capital}"
    return ""


def qr_svg(url):
    """Return an SVG QR code that encodes `url`."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2, box_size=10)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


@dataclass
class Bar:
    x: float
    y: float
    height: float
    value: object
    series: str


def trade_chart(figures, height=200, bar_width=28, gap=40):
    """Return the geometry of a grouped bar chart of exports and imports per year."""
    if not figures:
        return None
    top = max(max(f.exports_to_japan, f.imports_from_japan) for f in figures) or 1
    groups = []
    for index, figure in enumerate(sorted(figures, key=lambda f: f.year)):
        x = 50 + index * (2 * bar_width + gap)
        bars = []
        for offset, (series, value) in enumerate(
            (("exports", figure.exports_to_japan), ("imports", figure.imports_from_japan))
        ):
            bar_height = float(value) / float(top) * height
            bars.append(Bar(x + offset * bar_width, 20 + height - bar_height, bar_height, value, series))
        groups.append({"figure": figure, "bars": bars, "label_x": x + bar_width})
    width = 50 + len(groups) * (2 * bar_width + gap) + 20
    return {
        "groups": groups,
        "width": width,
        "height": height + 60,
        "baseline": 20 + height,
        "bar_width": bar_width,
        "currency": figures[0].currency,
    }


def qr_png(url, box_size=8):
    """Return a PNG QR code that encodes `url`."""
    out = io.BytesIO()
    qrcode.make(url, border=2, box_size=box_size).save(out)
    return out.getvalue()
