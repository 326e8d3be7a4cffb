import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import image_bytes


def upload(client, content, name="photo.png", content_type="image/png"):
    return client.post("/editor/upload/", {"upload": SimpleUploadedFile(name, content, content_type)})


@pytest.mark.django_db
def test_editor_upload_is_for_staff_only(client, django_user_model):
    assert upload(client, image_bytes("PNG")).status_code == 403
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 16))
    assert upload(client, image_bytes("PNG")).status_code == 403


@pytest.mark.django_db
def test_editor_upload_stores_a_verified_image_without_exif(admin_client, settings):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 10, 10)).save(out, "JPEG", exif=exif)
    response = upload(admin_client, out.getvalue(), "photo.jpg", "image/jpeg")
    assert response.status_code == 200
    url = response.json()["url"]
    stored = settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)
    with Image.open(stored) as image:
        assert image.format == "JPEG" and image.size == (320, 200)
        assert not image.getexif()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        b"just some text pretending",
        image_bytes("JPEG")[:200],
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    ],
    ids=["text", "truncated-jpeg", "svg-with-script"],
)
def test_editor_upload_refuses_what_is_not_an_image(admin_client, settings, content):
    response = upload(admin_client, content)
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert not (settings.MEDIA_ROOT / "uploads").exists()


@pytest.mark.django_db
def test_editor_upload_refuses_a_decompression_bomb(admin_client, settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1000
    response = upload(admin_client, image_bytes("PNG", size=(100, 100)))
    assert response.status_code == 400


@pytest.mark.django_db
def test_editor_upload_refuses_a_huge_file(admin_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    response = upload(admin_client, image_bytes("PNG", size=(400, 400)) + b"\0" * 2000)
    assert response.status_code == 400
    assert "at most" in response.json()["error"]["message"]


@pytest.mark.django_db
def test_admin_form_names_the_image_field_on_a_fake_image(admin_client):
    response = admin_client.post(
        "/admin/countries/country/add/",
        {
            "name_en": "Slovenia",
            "slug": "slovenia",
            "iso_code": "SI",
            "flag": SimpleUploadedFile("flag.png", b"not an image", "image/png"),
            "embassies-TOTAL_FORMS": "0",
            "embassies-INITIAL_FORMS": "0",
            "trade_figures-TOTAL_FORMS": "0",
            "trade_figures-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "flag" in errors
