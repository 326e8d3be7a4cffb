"""The demo's pictures: drawn from a seed, the same on every run, different for each seed."""

import io

import pytest
from PIL import Image

from balkan.demo.images import HERO_SIZE, PALETTES, abstract_jpeg


def test_the_same_seed_draws_the_same_picture():
    assert abstract_jpeg(7, "sea") == abstract_jpeg.__wrapped__(7, "sea")


def test_another_seed_or_palette_draws_another_picture():
    assert len({abstract_jpeg(1), abstract_jpeg(2), abstract_jpeg(1, "forest")}) == 3


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_every_palette_gives_a_jpeg_hero_of_the_right_size(palette):
    image = Image.open(io.BytesIO(abstract_jpeg(3, palette)))
    assert (image.format, image.size) == ("JPEG", HERO_SIZE)


def test_a_smaller_size_can_be_asked_for():
    assert Image.open(io.BytesIO(abstract_jpeg(3, size=(320, 180)))).size == (320, 180)
