"""manage.py restore: an archive that could write outside media, or that is missing, is refused with a reason."""

import io
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_restore_refuses_an_archive_that_could_write_outside_media(tmp_path, db):
    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, content in [("data.json", b"[]"), ("media/../../settings.py", b"x")]:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    with pytest.raises(CommandError, match="unexpected entry"):
        call_command("restore", str(archive))
    with pytest.raises(CommandError, match="No such backup"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))
