"""One source of brand colours: the stylesheets, the mark and the cards use core.brand's, not copies close to them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from core import brand
from countries import cards

# Closer than this (distance in RGB) to a brand colour, and not it, is a mistaken copy. The dark
# theme's greys sit near the navies on purpose, so those are held closer; no other red is near.
NEAR = {"navy": 12, "deep navy": 12, "red": 40}
FILES = ["static/css/site.css", "static/css/admin.css", "static/img/mark.svg"]


def distance(one, other):
    return sum((a - b) ** 2 for a, b in zip(brand.rgb(one), brand.rgb(other), strict=True)) ** 0.5


def near_misses(colours):
    return [
        (colour, name)
        for colour in colours
        for name, value in brand.COLOURS.items()
        if 0 < distance(colour, value) < NEAR[name]
    ]


@pytest.mark.parametrize("path", FILES)
def test_files_use_the_brand_colours_not_near_copies(path):
    text = (Path(settings.BASE_DIR) / path).read_text()
    colours = {match.lower() for match in re.findall(r"#[0-9a-fA-F]{6}\b", text)}
    assert near_misses(colours) == []


def test_the_mark_and_the_header_rule_are_the_brand_red_and_navy():
    mark = (Path(settings.BASE_DIR) / "static/img/mark.svg").read_text().lower()
    assert f'fill="{brand.NAVY}"' in mark and f'fill="{brand.RED}"' in mark
    site = (Path(settings.BASE_DIR) / "static/css/site.css").read_text().lower()
    assert f"--navy: {brand.NAVY}" in site and f"--accent: {brand.RED}" in site


def test_the_cards_are_drawn_in_the_brand_colours():
    assert cards.NAVY == brand.rgb(brand.NAVY) == (0x14, 0x28, 0x4B)
    assert cards.RED == brand.rgb(brand.RED) == (0xBC, 0x00, 0x2D)


def test_a_near_copy_is_caught():
    # The three reds and the second navy the stylesheets, the mark and the cards had before.
    found = near_misses(["#c8102e", "#b3002d", "#d7143c", "#162b48", "#bc002d", "#8f0024", "#ffffff"])
    assert found == [("#c8102e", "red"), ("#b3002d", "red"), ("#d7143c", "red"), ("#162b48", "navy")]
