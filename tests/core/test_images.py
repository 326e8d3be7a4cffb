"""Only verified images reach storage: anything else is a form error naming the field, and nothing is kept."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.images import VerifiedImageFormField, verified_image
from news.models import NewsImage, NewsItem
from tests.helpers.images import image_bytes
from tests.helpers.news import news_form_data

ADD = reverse("admin:news_newsitem_add")


def png_bomb(side=15_000):
    """Return a valid 8-bit grey PNG of side×side pixels (225 megapixels) that weighs about 200 KB."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor = zlib.compressobj(9)
    row = bytes(side + 1)  # filter byte, then black pixels
    idat = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


BAD_UPLOADS = {
    "text-named-png": (
        "photo.png",
        b"Dear editor, this is only text.\n" * 20,
        "image/png",
        "not a valid image",
    ),
    "truncated-jpeg": (
        "photo.jpg",
        image_bytes("JPEG", size=(800, 600))[:700],
        "image/jpeg",
        "not a valid image",
    ),
    "decompression-bomb": ("bomb.png", None, "image/png", "too large to open"),
}


def bad_upload(kind):
    name, content, content_type, _ = BAD_UPLOADS[kind]
    return SimpleUploadedFile(name, png_bomb() if content is None else content, content_type)


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BAD_UPLOADS)
def test_bad_hero_image_is_a_form_error_and_nothing_is_stored(editor_client, settings, kind):
    data = news_form_data(hero_image=bad_upload(kind), hero_alt_en="The minister in Ljubljana")
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["hero_image"]
    assert BAD_UPLOADS[kind][3] in errors["hero_image"][0]
    assert "Cherry trees blossom in Ljubljana" in response.content.decode()  # what was typed is kept
    assert not NewsItem.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BAD_UPLOADS)
def test_bad_gallery_image_is_a_form_error_and_nothing_is_stored(editor_client, settings, kind):
    good = SimpleUploadedFile("good.jpg", image_bytes("JPEG"), "image/jpeg")
    data = news_form_data(
        **{
            "images-TOTAL_FORMS": "2",
            "images-0-image": good,
            "images-0-alt_en": "A cherry tree",
            "images-0-order": "0",
            "images-1-image": bad_upload(kind),
            "images-1-alt_en": "The ambassador",
            "images-1-caption_en": "The ambassador plants a tree",
            "images-1-order": "1",
        }
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0]  # the gallery (then the documents)
    errors = formset.formset.errors
    assert errors[0] == {}
    assert list(errors[1]) == ["image"] and BAD_UPLOADS[kind][3] in errors[1]["image"][0]
    assert "The ambassador plants a tree" in response.content.decode()
    assert not NewsItem.objects.exists() and not NewsImage.objects.exists()
    # Only the good photo is kept, aside, for the next try; the refused file is nowhere.
    assert [path.name for path in stored_files(settings)] == ["good.jpg"]
    assert all("pending" in path.parts for path in stored_files(settings))


@pytest.mark.django_db
def test_an_image_over_the_size_or_pixel_limit_is_refused(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 2_000
    big = SimpleUploadedFile("big.png", image_bytes("PNG", size=(300, 300)) + bytes(3_000), "image/png")
    response = editor_client.post(ADD, news_form_data(hero_image=big, hero_alt_en="Big"))
    assert "images may be at most" in response.context["adminform"].form.errors["hero_image"][0]

    settings.IMAGE_UPLOAD_MAX_BYTES = 10_000_000
    settings.IMAGE_UPLOAD_MAX_PIXELS = 10_000
    wide = SimpleUploadedFile("wide.jpg", image_bytes("JPEG", size=(200, 100)), "image/jpeg")
    response = editor_client.post(ADD, news_form_data(hero_image=wide, hero_alt_en="Wide"))
    assert "200×100 pixels, which is too large" in response.context["adminform"].form.errors["hero_image"][0]
    assert stored_files(settings) == [] and not NewsItem.objects.exists()


@pytest.mark.django_db
def test_alt_text_is_required_for_the_hero_and_every_gallery_image(editor_client, settings):
    data = news_form_data(
        hero_image=SimpleUploadedFile("hero.jpg", image_bytes("JPEG"), "image/jpeg"),
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": SimpleUploadedFile("g.jpg", image_bytes("JPEG"), "image/jpeg"),
            "images-0-alt_en": "",
            "images-0-order": "0",
        },
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    assert "hero_alt_en" in response.context["adminform"].form.errors
    assert "alt_en" in response.context["inline_admin_formsets"][0].formset.errors[0]
    assert not NewsItem.objects.exists()
    # The photos are kept aside for the next try (with the alt text then), not stored with a story.
    assert sorted(path.name for path in stored_files(settings)) == ["g.jpg", "hero.jpg"]
    assert all("pending" in path.parts for path in stored_files(settings))


@pytest.mark.django_db
def test_a_good_story_with_a_gallery_is_stored_re_encoded(editor_client, settings):
    data = news_form_data(
        hero_image=SimpleUploadedFile("hero.png", image_bytes("PNG"), "image/png"),
        hero_alt_en="Cherry trees along the river",
        hero_credit_en="Foto: STA",
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": SimpleUploadedFile("g.jpg", image_bytes("JPEG"), "image/jpeg"),
            "images-0-alt_en": "The ambassador plants a tree",
            "images-0-credit_en": "Foto: STA",
            "images-0-order": "0",
        },
    )
    assert editor_client.post(ADD, data).status_code == 302
    item = NewsItem.objects.get()
    assert (item.hero_width, item.hero_height, item.hero_credit) == (640, 360, "Foto: STA")
    image = item.images.get()
    assert (image.alt, image.credit, image.width) == ("The ambassador plants a tree", "Foto: STA", 640)
    assert len(stored_files(settings)) == 2


@pytest.mark.django_db
def test_a_48_megapixel_phone_photo_is_accepted_and_stored_scaled_down(editor_client, settings):
    import io

    from PIL import Image, ImageDraw

    photo = Image.new("RGB", (8000, 6000), (40, 90, 160))
    ImageDraw.Draw(photo).ellipse((3000, 2000, 5000, 4000), fill=(230, 200, 40))  # a subject in the middle
    data = io.BytesIO()
    photo.save(data, "JPEG", quality=95)
    upload = SimpleUploadedFile("IMG_4821.JPG", data.getvalue(), "image/jpeg")
    response = editor_client.post(ADD, news_form_data(hero_image=upload, hero_alt_en="A sunflower field"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = NewsItem.objects.get()
    with Image.open(item.hero_image.path) as stored:
        assert stored.size == (settings.IMAGE_STORED_MAX_SIDE, settings.IMAGE_STORED_MAX_SIDE * 3 // 4)
        middle = stored.getpixel((stored.width // 2, stored.height // 2))
        assert middle[0] > 200 and middle[2] < 100, "the picture itself, scaled, not cropped"
    assert (item.hero_width, item.hero_height) == stored.size


def exif_photo(fmt="JPEG", size=(64, 48), orientation=None):
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {2: (46.0, 3.0, 0.0)}  # GPS latitude
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, fmt, exif=exif)
    return out.getvalue()


def test_a_verified_image_keeps_only_its_pixels():
    clean = verified_image(SimpleUploadedFile("holiday.jpg", exif_photo() + b"<script>x</script>"))
    data = clean.read()
    assert b"<script>" not in data and b"Camera maker" not in data
    assert not Image.open(io.BytesIO(data)).getexif()
    assert (clean.name, clean.content_type) == ("holiday.jpg", "image/jpeg")


def test_a_rotated_photo_is_stored_upright():
    clean = verified_image(SimpleUploadedFile("phone.jpg", exif_photo(size=(64, 48), orientation=6)))
    assert Image.open(clean).size == (48, 64)


@pytest.mark.parametrize(
    ("fmt", "stored"),
    [("PNG", ("x.png", "image/png")), ("GIF", ("x.png", "image/png")), ("WEBP", ("x.webp", "image/webp"))],
)
def test_the_stored_name_and_type_follow_what_the_file_is(fmt, stored):
    clean = verified_image(SimpleUploadedFile("x.jpg", image_bytes(fmt), "image/jpeg"))
    assert (clean.name, clean.content_type) == stored


def test_an_image_larger_than_stored_pictures_are_is_scaled_down_keeping_its_shape(settings):
    settings.IMAGE_STORED_MAX_SIDE = 100
    clean = verified_image(SimpleUploadedFile("wide.png", image_bytes("PNG", size=(400, 200))))
    assert Image.open(clean).size == (100, 50)


@pytest.mark.parametrize(
    ("content", "limits", "code"),
    [
        (image_bytes("BMP"), {}, "format"),
        (b"GIF89a but not really", {}, "invalid"),
        (image_bytes("PNG", size=(100, 100)), {"IMAGE_UPLOAD_MAX_PIXELS": 9_999}, "too_many_pixels"),
        (image_bytes("PNG"), {"IMAGE_UPLOAD_MAX_BYTES": 100}, "too_large"),
    ],
)
def test_each_refusal_says_why(settings, content, limits, code):
    for name, value in limits.items():
        setattr(settings, name, value)
    with pytest.raises(ValidationError) as raised:
        verified_image(SimpleUploadedFile("file.png", content))
    assert raised.value.code == code


def test_a_decompression_bomb_is_refused_as_too_large_to_open():
    with pytest.raises(ValidationError) as raised:
        verified_image(SimpleUploadedFile("bomb.png", png_bomb()))
    assert raised.value.code == "bomb"


def test_the_model_field_gives_forms_the_verifying_field():
    assert isinstance(NewsItem._meta.get_field("hero_image").formfield(), VerifiedImageFormField)
