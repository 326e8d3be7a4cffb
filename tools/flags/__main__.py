"""Bring the country flags in from the flag-icons npm package: `python -m tools.flags`.

Fetches `flag-icons@VERSION` with `npm pack` (unless the tarball is already
here), checks it against the integrity the npm registry publishes for that
version, and copies its 4:3 SVG flags and its licence, unchanged, into
countries/static/flags/. tests/countries/test_flags.py checks that every file
there is byte for byte the package's. To move to a new version, change VERSION
and INTEGRITY (`npm view flag-icons@X dist.integrity`), run this, and commit.
"""

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

PACKAGE = "flag-icons"
VERSION = "7.5.0"
INTEGRITY = "sha512-kd+MNXviFIg5hijH766tt+3x76ele1AXlo4zDdCxIvqWZhKt4T83bOtxUOOMlTx/EcFdUMH5yvQgYlFh1EqqFg=="
HERE = Path(__file__).resolve().parent
TARBALL = HERE / f"{PACKAGE}-{VERSION}.tgz"
TARGET = HERE.parent.parent / "countries" / "static" / "flags"
SVG_PREFIX = "package/flags/4x3/"
LICENCE = "package/LICENSE"


def integrity(data):
    """Return npm's integrity string (Subresource Integrity, SHA-512) of `data`."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def package_files(tarball=TARBALL):
    """Return {name in countries/static/flags/: bytes} as the verified package has them."""
    data = tarball.read_bytes()
    if integrity(data) != INTEGRITY:
        raise ValueError(f"{tarball.name} is not {PACKAGE}@{VERSION} as the npm registry published it")
    files = {}
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith(SVG_PREFIX) and member.name.endswith(".svg"):
                files["4x3/" + member.name.removeprefix(SVG_PREFIX)] = archive.extractfile(member).read()
            elif member.name == LICENCE:
                files["LICENSE"] = archive.extractfile(member).read()
    return files


def main():
    if not TARBALL.exists():
        subprocess.run(
            ["npm", "pack", "--quiet", f"{PACKAGE}@{VERSION}", "--pack-destination", str(HERE)], check=True
        )
    files = package_files()
    shutil.rmtree(TARGET, ignore_errors=True)
    for name, data in files.items():
        path = TARGET / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"{len(files)} files of {PACKAGE}@{VERSION} in {TARGET}", file=sys.stderr)


if __name__ == "__main__":
    main()
