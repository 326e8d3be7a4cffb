"""A news page shows its photos as responsive pictures whose renditions are made once, small and clean."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from core import renditions
from news.models import NewsImage
from pagecache import fragments
from tests.helpers.caches import clear_caches
from tests.helpers.news import news_form_data


def photo_bytes(size=(1600, 900), exif=False):
    """Return a photo-like JPEG (noise over a gradient), optionally with camera EXIF data."""
    noise = Image.effect_noise(size, 12).convert("RGB")
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", [noise.getchannel(0), gradient, noise.getchannel(2)])
    out = io.BytesIO()
    options = {"quality": 92}
    if exif:
        data = Image.Exif()
        data[0x010F] = "Camera maker"
        data[0x8825] = {2: (46.0, 3.0, 0.0)}  # GPS latitude
        options["exif"] = data
    image.save(out, "JPEG", **options)
    return out.getvalue()


class Pictures(HTMLParser):
    """Collect each <picture>'s <source> and <img> attributes."""

    def __init__(self):
        super().__init__()
        self.pictures, self.current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.current = {"sources": [], "img": None}
            self.pictures.append(self.current)
        elif tag == "source" and self.current is not None:
            self.current["sources"].append(attrs)
        elif tag == "img" and self.current is not None:
            self.current["img"] = attrs

    def handle_endtag(self, tag):
        if tag == "picture":
            self.current = None


def pictures_in(html):
    parser = Pictures()
    parser.feed(html)
    return parser.pictures


def srcset_entries(srcset):
    """Return [(url, width)] from a srcset attribute."""
    return [
        (url, int(width.removesuffix("w"))) for url, width in (part.split() for part in srcset.split(", "))
    ]


def media_path(settings, url):
    return settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)


@pytest.fixture
def story_with_photos(make_news):
    item = make_news(title="Ambassador plants cherry trees", hero_alt="Cherry trees along the Ljubljanica")
    item.hero_image.save("hero.jpg", ContentFile(photo_bytes(exif=True), name="photo.jpg"))
    for order, alt in enumerate(["The ambassador with a spade", "Children watching"]):
        image = NewsImage(news_item=item, alt=alt, credit="Foto: STA", order=order)
        image.image.save(f"gallery-{order}.jpg", ContentFile(photo_bytes((1200, 800)), name="photo.jpg"))
    return item


@pytest.mark.django_db
def test_news_page_pictures_have_srcset_sizes_alt_and_dimensions(client, story_with_photos):
    html = client.get(story_with_photos.get_absolute_url()).content.decode()
    hero, first, second = pictures_in(html)
    assert [source["type"] for source in hero["sources"]] == ["image/avif", "image/webp"]
    for picture in (hero, first, second):
        assert picture["img"]["srcset"] and picture["img"]["sizes"]
        assert picture["img"]["src"].endswith(".jpg")
        for source in picture["sources"]:
            assert source["srcset"] and source["sizes"] == picture["img"]["sizes"]
    assert [w for _, w in srcset_entries(hero["sources"][0]["srcset"])] == [480, 960, 1440]
    assert (hero["img"]["width"], hero["img"]["height"]) == ("960", "540")
    assert hero["img"]["alt"] == "Cherry trees along the Ljubljanica"
    assert [first["img"]["alt"], second["img"]["alt"]] == ["The ambassador with a spade", "Children watching"]
    assert (first["img"]["width"], first["img"]["height"]) == ("960", "640")
    # The hero is on screen at once; the gallery below the fold loads lazily.
    assert "loading" not in hero["img"] and hero["img"]["fetchpriority"] == "high"
    assert first["img"]["loading"] == second["img"]["loading"] == "lazy"
    assert "Foto: STA" in html


@pytest.mark.django_db
def test_renditions_exist_are_smaller_than_the_original_and_carry_no_exif(
    client, story_with_photos, settings
):
    original = media_path(settings, story_with_photos.hero_image.url)
    with Image.open(original) as image:
        assert image.getexif()  # the test's original does carry EXIF
    html = client.get(story_with_photos.get_absolute_url()).content.decode()
    hero = pictures_in(html)[0]
    expected = {"image/avif": "AVIF", "image/webp": "WEBP"}
    srcsets = [(expected[s["type"]], s["srcset"]) for s in hero["sources"]] + [
        ("JPEG", hero["img"]["srcset"])
    ]
    checked = 0
    for image_format, srcset in srcsets:
        for url, width in srcset_entries(srcset):
            path = media_path(settings, url)
            assert path.is_file(), url
            assert path.stat().st_size < original.stat().st_size, url
            with Image.open(path) as image:
                assert image.format == image_format
                assert image.size == (width, round(900 * width / 1600))
                assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
            checked += 1
    assert checked == 9


@pytest.mark.django_db
def test_renditions_are_made_once_then_only_linked(client, story_with_photos, settings, monkeypatch):
    made = []
    generate = renditions.Rendition.generate

    def counting_generate(self):
        made.append(self.source.name)
        return generate(self)

    monkeypatch.setattr(renditions.Rendition, "generate", counting_generate)
    first = client.get(story_with_photos.get_absolute_url()).content.decode()
    assert len(made) == 3 * 3 + 2 * 3 * 2  # hero: 3 widths × 3 formats; 2 photos: 2 widths × 3 formats
    files = {path: path.stat().st_mtime_ns for path in (settings.MEDIA_ROOT / "renditions").rglob("*.*")}
    assert len(files) == len(made) + 1  # and the hero cut to 1200×630 for link previews (og:image)

    made.clear()
    second = client.get(story_with_photos.get_absolute_url()).content.decode()
    clear_caches()  # another server, or a restart: the files are found in storage
    third = client.get(story_with_photos.get_absolute_url()).content.decode()
    assert made == []
    assert first == second == third
    assert files == {
        path: path.stat().st_mtime_ns for path in (settings.MEDIA_ROOT / "renditions").rglob("*.*")
    }


@pytest.mark.django_db
def test_a_process_builds_each_picture_once(client, story_with_photos, settings, monkeypatch):
    settings.PAGE_CACHE = False  # this is about rendering, not the page cache
    asked = []
    rendition = renditions.rendition
    monkeypatch.setattr(renditions, "rendition", lambda *args: asked.append(args) or rendition(*args))
    first = client.get(story_with_photos.get_absolute_url()).content.decode()
    assert len(asked) == 3 * 3 + 1 + 2 * (2 * 3 + 1)  # every width and format, plus each fallback
    asked.clear()
    # Every rendition exists: the next pages only copy the markup (no hashing, no cache round trips).
    assert client.get(story_with_photos.get_absolute_url()).content.decode() == first
    assert asked == []


@pytest.mark.django_db
def test_a_small_image_is_never_enlarged(make_news, client):
    item = make_news(hero_alt="A small photo")
    item.hero_image.save("small.jpg", ContentFile(photo_bytes((300, 200)), name="photo.jpg"))
    hero = pictures_in(client.get(item.get_absolute_url()).content.decode())[0]
    assert (
        srcset_entries(hero["img"]["srcset"])[0][1] == 300 and len(srcset_entries(hero["img"]["srcset"])) == 1
    )
    assert (hero["img"]["width"], hero["img"]["height"]) == ("300", "200")


@pytest.mark.django_db
def test_a_missing_original_falls_back_to_a_plain_image_not_an_error(make_news, client, settings):
    settings.PAGE_CACHE = False  # this is about rendering, not the page cache
    item = make_news(hero_alt="Lost photo")
    item.hero_image.save("lost.jpg", ContentFile(photo_bytes((800, 450)), name="photo.jpg"))
    original = media_path(settings, item.hero_image.url)
    content = original.read_bytes()
    original.unlink()
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    (hero,) = pictures_in(response.content.decode())
    assert hero["sources"] == [] and hero["img"]["src"] == item.hero_image.url
    assert hero["img"]["alt"] == "Lost photo"
    # Once the original is back, the next request makes the renditions.
    original.write_bytes(content)
    (hero,) = pictures_in(client.get(item.get_absolute_url()).content.decode())
    srcsets = [source["srcset"] for source in hero["sources"]] + [hero["img"]["srcset"]]
    assert len(srcsets) == 3
    assert all(media_path(settings, url).is_file() for srcset in srcsets for url, _ in srcset_entries(srcset))


@pytest.mark.django_db
def test_a_page_showing_an_original_in_place_of_its_renditions_is_not_kept(make_news, client, settings):
    item = make_news(hero_alt="Lost photo")
    item.hero_image.save("lost.jpg", ContentFile(photo_bytes((800, 450)), name="photo.jpg"))
    original = media_path(settings, item.hero_image.url)
    content = original.read_bytes()
    original.unlink()
    for url in (item.get_absolute_url(), "/news/", "/"):
        assert client.get(url)["X-Cache"] == "MISS", url
    original.write_bytes(content)
    for url in (item.get_absolute_url(), "/news/", "/"):
        response = client.get(url)
        assert response["X-Cache"] == "MISS" and "srcset" in response.content.decode(), url
        assert client.get(url)["X-Cache"] == "HIT", url


@pytest.mark.django_db
def test_news_cards_use_lazy_responsive_pictures(client, story_with_photos):
    html = client.get("/news/").content.decode()
    (card,) = pictures_in(html)
    assert card["img"]["loading"] == "lazy" and card["img"]["class"] == "card__image"
    assert [w for _, w in srcset_entries(card["img"]["srcset"])] == [480, 960]
    assert re.search(r'sizes="\(min-width: 72rem\) 23rem', html)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_pictures_cost_no_queries(client, make_news, django_assert_num_queries, count, settings):
    settings.PAGE_CACHE = False  # this measures rendering, not the page cache
    item = make_news(hero_alt="Hero")
    item.hero_image.save("hero.jpg", ContentFile(photo_bytes((640, 360)), name="photo.jpg"))
    for n in range(count):
        image = NewsImage(news_item=item, alt=f"Photo {n}")
        image.image.save(f"g{n}.jpg", ContentFile(photo_bytes((640, 360)), name="photo.jpg"))
    client.get(item.get_absolute_url())  # make the renditions
    fragments.forget()  # the story's article, kept: render it again
    # item, countries, tags; for its article: partners, gallery, documents; related (none: no countries
    # or tags)
    with django_assert_num_queries(6):
        assert client.get(item.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_saving_a_story_in_admin_makes_its_renditions_ahead(
    editor_client, settings, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    data = news_form_data(
        hero_image=SimpleUploadedFile("hero.jpg", photo_bytes((1000, 500)), "image/jpeg"),
        hero_alt_en="Hero",
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": SimpleUploadedFile("g.jpg", photo_bytes((600, 400)), "image/jpeg"),
            "images-0-alt_en": "Photo",
            "images-0-order": "0",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(reverse("admin:news_newsitem_add"), data).status_code == 302
    made = sorted(path.suffix for path in (settings.MEDIA_ROOT / "renditions").rglob("*.*"))
    # hero: 480, 960, 1000 wide; its 16:9 card cut: 480, 888 (as tall as the hero allows);
    # photo: 480, 600 wide; each as AVIF, WebP and JPEG
    assert made == [".avif"] * 7 + [".jpg"] * 7 + [".webp"] * 7
