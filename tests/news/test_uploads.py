"""Only verified images reach storage: anything else is a form error naming the field, and nothing is kept."""

import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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


@pytest.mark.django_db
def test_a_failed_save_keeps_the_chosen_hero_and_gallery_images_and_the_next_save_uses_them(editor_client):
    data = news_form_data(
        title_en="",  # the mistake
        hero_image=SimpleUploadedFile("hero.jpg", image_bytes("JPEG"), "image/jpeg"),
        hero_alt_en="The minister in Sofia",
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": SimpleUploadedFile("garden.jpg", image_bytes("JPEG"), "image/jpeg"),
            "images-0-alt_en": "The garden",
            "images-0-order": "0",
        },
    )
    failed = editor_client.post(ADD, data)
    assert failed.status_code == 200 and not NewsItem.objects.exists()
    html = failed.content.decode()
    assert html.count("Kept from your last try:") == 2
    assert "hero.jpg" in html and "garden.jpg" in html
    tokens = dict(re.findall(r'name="([^"]+__kept)" value="([^"]+)"', html))
    assert set(tokens) == {"hero_image__kept", "images-0-image__kept"}

    again = news_form_data(
        title_en="Cherry trees for Ljubljana", hero_alt_en="The minister in Sofia", **tokens
    )
    again.update({"images-TOTAL_FORMS": "1", "images-0-alt_en": "The garden", "images-0-order": "0"})
    response = editor_client.post(ADD, again)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = NewsItem.objects.get()
    assert item.hero_image.name.endswith("hero.jpg") and item.images.get().image.name.endswith("garden.jpg")


@pytest.mark.django_db
def test_a_forged_kept_file_token_is_ignored(editor_client, settings):
    data = news_form_data(title_en="Forged", hero_image__kept="pending/../../etc/passwd")
    response = editor_client.post(ADD, data)
    assert response.status_code == 302
    assert not NewsItem.objects.get().hero_image


@pytest.mark.django_db
def test_a_failed_save_lists_every_error_at_the_top_with_a_link_to_its_field(editor_client):
    data = news_form_data(
        title_en="",
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": SimpleUploadedFile("g.jpg", image_bytes("JPEG"), "image/jpeg"),
            "images-0-alt_en": "",
            "images-0-order": "0",
        },
    )
    html = editor_client.post(ADD, data).content.decode()
    summary = html.split('<nav class="error-summary"', 1)[1].split("</nav>", 1)[0]
    assert 'href="#id_title_en"' in summary
    assert 'href="#id_images-0-alt_en"' in summary and "Gallery image 1 · Alt text [en]" in summary


@pytest.mark.django_db
def test_a_picture_needs_alt_text_or_an_explicit_decorative_choice(editor_client, client):
    def post(**fields):
        return editor_client.post(
            ADD,
            news_form_data(
                title_en="Autumn in Ohrid",
                slug="autumn-in-ohrid",
                hero_image=SimpleUploadedFile("leaves.jpg", image_bytes("JPEG"), "image/jpeg"),
                **{
                    "images-TOTAL_FORMS": "1",
                    "images-0-image": SimpleUploadedFile("pattern.jpg", image_bytes("JPEG"), "image/jpeg"),
                    "images-0-order": "0",
                },
                **fields,
            ),
        )

    refused = post()
    errors = refused.context["adminform"].form.errors
    assert "or mark it as decorative" in errors["hero_alt_en"][0]
    assert "or mark it as decorative" in str(refused.context["inline_admin_formsets"][0].formset.errors[0])
    assert post(hero_decorative="on", **{"images-0-decorative": "on"}).status_code == 302
    item = NewsItem.objects.get()
    assert item.hero_decorative and item.images.get().decorative and not item.publishing_problems()
    item.status = "published"
    item.save()
    html = client.get(f"/news/{item.slug}/").content.decode()
    article = html.split("<article", 1)[1]
    assert article.count('alt=""') >= 2, "screen readers skip both pictures"
