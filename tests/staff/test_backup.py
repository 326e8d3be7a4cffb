"""Backup and restore: the demo site, backed up and restored into an empty database, gives the same pages."""

import difflib
import io
import os
import re
import shutil
import stat
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from balkan.models import Quote
from countries.models import Country, ProfileDocument
from news.models import NewsItem, StoryDocument
from partners.models import PartnerOrganisation
from staff.models import AuditEntry
from tests.helpers.caches import clear_caches
from tests.helpers.documents import pdf_bytes


def page_diff(path, before, after):
    lines = difflib.unified_diff(
        before.decode(errors="replace").splitlines(), after.decode(errors="replace").splitlines(), lineterm=""
    )
    return f"{path} differs after the restore:\n" + "\n".join(list(lines)[:40])


def snapshot(client, paths):
    """Return each page's HTML with the per-request CSRF token blanked out."""
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        if response.streaming:
            pages[path] = b"".join(response.streaming_content)
        else:
            pages[path] = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)
    return pages


@pytest.mark.django_db(transaction=True)
def test_the_demo_site_restored_from_a_backup_gives_the_same_pages(
    client, settings, tmp_path, django_user_model, demo
):
    # The home page shows a random quote; one published quote keeps it comparable.
    Quote.objects.exclude(pk=Quote.objects.published().first().pk).update(is_published=False)
    editor = django_user_model.objects.create_user(
        "editor", password="a long enough passphrase 42", is_staff=True
    )
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    with translation.override("en"):
        item = NewsItem.objects.published().exclude(hero_image="").first()
        country = Country.objects.published().first()
        partner = PartnerOrganisation.objects.published().first()
        # Attached documents: their rows and their files come back.
        report = StoryDocument.objects.create(
            news_item=item, file=SimpleUploadedFile("report.pdf", pdf_bytes(pages=4)), title="Report"
        )
        guide = ProfileDocument.objects.create(
            country=country, file=SimpleUploadedFile("guide.pdf", pdf_bytes(pages=2)), title="Guide"
        )
        paths = [
            report.file.url,
            guide.file.url,
            "/",
            "/ja/",
            "/news/",
            item.get_absolute_url(),
            "/ja" + item.get_absolute_url(),
            item.hero_image.url,
            country.get_absolute_url(),
            "/countries/",
            "/chronology/",
            partner.get_absolute_url(),
            "/about/",
            "/search/?q=Japan",
        ]
    before = snapshot(client, paths)
    audit_entries = AuditEntry.objects.count()

    call_command("backup", output_dir=str(tmp_path / "backups"), stdout=(out := io.StringIO()))
    archive = out.getvalue().strip()
    assert archive.startswith(str(tmp_path / "backups")) and archive.endswith(".tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "data.json" in names and f"media/{item.hero_image.name}" in names
    assert f"media/{report.file.name}" in names and f"media/{guide.file.name}" in names

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    clear_caches()
    assert client.get(item.get_absolute_url()).status_code == 404

    call_command("restore", archive, stdout=io.StringIO())
    clear_caches()
    after = snapshot(client, paths)
    for path in paths:
        assert after[path] == before[path], page_diff(path, before[path], after[path])
    assert AuditEntry.objects.count() == audit_entries
    assert TOTPDevice.objects.get(user__username="editor").confirmed
    assert (
        client.post(
            "/admin/login/", {"username": "editor", "password": "a long enough passphrase 42"}
        ).status_code
        == 200
    ), "the code is still asked for"

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", archive)


@pytest.mark.django_db
def test_a_backup_is_readable_by_the_sites_user_only(tmp_path):
    """It holds password hashes and two-factor secrets: 0600 in a 0700 folder, whatever the umask."""
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o755)
    out = io.StringIO()
    previous = os.umask(0o022)
    try:
        call_command("backup", output_dir=str(folder), stdout=out)
    finally:
        os.umask(previous)
    archive = Path(out.getvalue().strip())
    assert archive.parent == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        assert "data.json" in tar.getnames()
