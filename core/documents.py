"""Documents staff attach to pages (PDF, DOCX, XLSX, ODT): checked for what they really are, and safe.

`inspect(upload)` reads the bytes, never the name or the browser's content
type, and returns the document's kind and its page (or sheet) count, or
raises ValidationError saying why it is refused:

- an executable (Windows, Linux, macOS binaries, scripts), whatever its name;
- a file whose content is not what its name says (a Word document named .pdf);
- a zip (DOCX, XLSX and ODT are zips) whose entries would unpack to an absurd
  size or ratio, judged from its central directory before anything is unpacked
  (a zip bomb), with too many entries, or holding macros;
- a PDF with active content: JavaScript, launch actions, embedded files,
  automatic actions. The raw bytes are scanned for those names (with #xx
  escapes undone), and every object pypdf can reach is read as well, since
  objects may hide compressed inside object streams.
"""

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Kind(models.TextChoices):
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word document")
    XLSX = "xlsx", _("Excel spreadsheet")
    ODT = "odt", _("OpenDocument text")


FOLDER = "documents"  # where they are stored, under the media root
EXTENSIONS = {".pdf": Kind.PDF, ".docx": Kind.DOCX, ".xlsx": Kind.XLSX, ".odt": Kind.ODT}
CONTENT_TYPES = {
    Kind.PDF: "application/pdf",
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Kind.ODT: "application/vnd.oasis.opendocument.text",
}

# Zips: what no real office document needs. A Word or Excel file's XML compresses
# well (20:1 is common, 100:1 happens); deflate cannot exceed about 1030:1.
ZIP_MAX_ENTRIES = 5000
ZIP_MAX_TOTAL = 512 * 1024 * 1024
ZIP_MAX_RATIO = 200
ZIP_RATIO_FROM = 1024 * 1024  # small entries may compress as they like
XML_MAX_BYTES = 10 * 1024 * 1024  # the few parts read to tell the kind and count pages
# PDFs: how many objects are read at most (a real 300-page report has a few tens of thousands).
PDF_MAX_OBJECTS = 500_000

EXECUTABLE_MAGIC = (
    b"MZ",  # Windows (EXE, DLL, COM)
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O, both byte orders, 32 and 64 bit, and universal
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",  # scripts
)
# PDF names that make a document do something when opened or clicked.
PDF_ACTIVE_NAMES = {
    "JS": _("JavaScript"),
    "JavaScript": _("JavaScript"),
    "Launch": _("an action that launches a program"),
    "EmbeddedFile": _("an embedded file"),
    "EmbeddedFiles": _("an embedded file"),
    "AA": _("an automatic action"),
    "RichMedia": _("embedded media"),
    "XFA": _("an XFA form, which can hold scripts"),
}
PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": Kind.DOCX,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": Kind.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": Kind.XLSX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": Kind.XLSX,
}
OOXML_FOLDER = {Kind.DOCX: "word/", Kind.XLSX: "xl/"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
ODF_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass(frozen=True)
class Inspection:
    """What a document turned out to be: its kind, and its pages (sheets for a spreadsheet) if known."""

    kind: str
    pages: int | None


def refuse(message, code, **params):
    raise ValidationError(message, code=code, params=params or None)


def allowed_names():
    return ", ".join(EXTENSIONS)


def inspect(upload):
    """Return the Inspection of `upload` (a file object with a name), or raise ValidationError."""
    max_bytes = settings.DOCUMENT_UPLOAD_MAX_BYTES
    size = getattr(upload, "size", None)
    if size and size > max_bytes:
        refuse(
            _("The file is %(size)s; documents may be at most %(max)s."),
            "too_large",
            size=filesizeformat(size),
            max=filesizeformat(max_bytes),
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(data) > max_bytes:
        refuse(_("The file is too large."), "too_large")
    if not data:
        refuse(_("The file is empty."), "empty")
    if data.startswith(EXECUTABLE_MAGIC):
        refuse(_("The file is a program, not a document. Programs cannot be attached."), "executable")
    claimed = EXTENSIONS.get(posixpath.splitext((upload.name or "").lower())[1])
    if claimed is None:
        refuse(
            _("Attach a PDF, Word (.docx), Excel (.xlsx) or OpenDocument text (.odt) file."),
            "extension",
        )
    if data.startswith(b"%PDF-"):
        found = Inspection(Kind.PDF, pdf_pages(data))
    elif data.startswith(b"PK\x03\x04"):
        found = inspect_zip(data)
    else:
        refuse(
            _("The file is not really a %(kind)s: its content is of another kind, or it is damaged."),
            "mismatch",
            kind=Kind(claimed).label,
        )
    if found.kind != claimed:
        refuse(
            _("The file is named as a %(claimed)s but is really a %(real)s. Give it its right name."),
            "mismatch",
            claimed=Kind(claimed).label,
            real=Kind(found.kind).label,
        )
    return found


# PDF


def pdf_active_content(data):
    """Return the labels of the active content whose names appear in the raw bytes of a PDF."""
    found = set()
    for match in PDF_NAME.finditer(data):
        name = PDF_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        label = PDF_ACTIVE_NAMES.get(name.decode("latin-1"))
        if label is not None:
            found.add(str(label))
    return found


def pdf_pages(data):
    """Return the number of pages of the PDF `data`, or raise ValidationError if it has active content."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, IndirectObject

    active = pdf_active_content(data)
    if not active:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                refuse(
                    _("The PDF is encrypted or protected by a password. Attach it without protection."),
                    "encrypted",
                )
            pages = len(reader.pages)
            numbers = {number for table in reader.xref.values() for number in table}
            numbers |= set(reader.xref_objStm)
            if len(numbers) > PDF_MAX_OBJECTS:
                refuse(_("The PDF has too many objects to be checked."), "too_complex")
            for number in numbers:
                obj = reader.get_object(IndirectObject(number, 0, reader))
                if isinstance(obj, DictionaryObject):
                    active |= _active_in_dictionary(obj)
        except ValidationError:
            raise
        except Exception:  # pypdf raises many kinds of error on a malformed file, not only PdfReadError
            refuse(_("The PDF is damaged and cannot be read."), "damaged")
    if active:
        refuse(
            _("The PDF contains active content (%(what)s), which could run on a reader's computer."),
            "active_content",
            what=", ".join(sorted(active)),
        )
    if not pages:
        refuse(_("The PDF has no pages."), "no_pages")
    return pages


def _active_in_dictionary(obj):
    found = {str(PDF_ACTIVE_NAMES[key[1:]]) for key in obj if key[1:] in PDF_ACTIVE_NAMES}
    action = obj.get("/S")
    if action in ("/JavaScript", "/Launch"):
        found.add(str(PDF_ACTIVE_NAMES[action[1:]]))
    return found


# Zips: DOCX, XLSX, ODT


def inspect_zip(data):
    """Return the Inspection of the zip `data` (an office document), or raise ValidationError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        refuse(_("The file is damaged and cannot be read."), "damaged")
    check_zip_sizes(entries)
    names = {entry.filename for entry in entries}
    lowered = {name.lower() for name in names}
    if any(name.endswith("vbaproject.bin") or name.endswith(".vba") for name in lowered):
        refuse(_("The document contains macros. Save it without macros (as .docx or .xlsx)."), "macros")
    try:
        if entries and entries[0].filename == "mimetype":
            return _inspect_odt(archive, lowered)
        if "[Content_Types].xml" in names:
            return _inspect_ooxml(archive, names)
    except ValidationError:
        raise
    except Exception:  # a bad zip entry, malformed XML, or XML that defusedxml refuses (entities)
        refuse(_("The file is damaged and cannot be read."), "damaged")
    refuse(_("The file is a zip archive, not a document."), "zip")


def check_zip_sizes(entries):
    """Refuse a zip bomb from what the central directory says, before a byte is unpacked."""
    if len(entries) > ZIP_MAX_ENTRIES:
        refuse(
            _("The file holds too many parts (%(count)s) to be a document."), "zip_bomb", count=len(entries)
        )
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > ZIP_RATIO_FROM and entry.file_size > ZIP_MAX_RATIO * max(entry.compress_size, 1):
            refuse(
                _("The file would unpack to far more than its size (a “zip bomb”), so it is refused."),
                "zip_bomb",
            )
    if total > ZIP_MAX_TOTAL:
        refuse(
            _("The file would unpack to far more than its size (a “zip bomb”), so it is refused."),
            "zip_bomb",
        )


def _read(archive, name):
    """Return the bytes of entry `name`, reading no more than XML_MAX_BYTES whatever its header says."""
    with archive.open(name) as entry:
        content = entry.read(XML_MAX_BYTES + 1)
    if len(content) > XML_MAX_BYTES:
        refuse(
            _("The file would unpack to far more than its size (a “zip bomb”), so it is refused."),
            "zip_bomb",
        )
    return content


def _inspect_odt(archive, lowered):
    if _read(archive, "mimetype").strip() != ODT_MIMETYPE:
        refuse(_("The file is an OpenDocument file of a kind that cannot be attached."), "odf_kind")
    if any(name.startswith(("basic/", "scripts/")) for name in lowered):
        refuse(_("The document contains macros. Save it without macros."), "macros")
    pages = None
    if "meta.xml" in lowered:
        statistic = ElementTree.fromstring(_read(archive, "meta.xml")).find(
            f".//{ODF_META}document-statistic"
        )
        if statistic is not None:
            pages = _count(statistic.get(f"{ODF_META}page-count"))
    return Inspection(Kind.ODT, pages)


def _inspect_ooxml(archive, names):
    types = ElementTree.fromstring(_read(archive, "[Content_Types].xml"))
    content_types = {element.get("ContentType", "") for element in types}
    if any("macroenabled" in kind.lower() or "vbaproject" in kind.lower() for kind in content_types):
        refuse(_("The document contains macros. Save it without macros (as .docx or .xlsx)."), "macros")
    kinds = {OOXML_MAIN[kind] for kind in content_types if kind in OOXML_MAIN}
    if len(kinds) != 1:
        refuse(_("The file is an Office file of a kind that cannot be attached."), "ooxml_kind")
    kind = kinds.pop()
    if not any(name.startswith(OOXML_FOLDER[kind]) for name in names):
        refuse(_("The file is damaged and cannot be read."), "damaged")
    if kind == Kind.XLSX:
        pages = None
        if "xl/workbook.xml" in names:
            workbook = ElementTree.fromstring(_read(archive, "xl/workbook.xml"))
            pages = len(workbook.findall(f".//{SHEET_NS}sheet")) or None
        return Inspection(kind, pages)
    pages = None
    if "docProps/app.xml" in names:
        counted = ElementTree.fromstring(_read(archive, "docProps/app.xml")).find(f"{APP_NS}Pages")
        pages = _count(counted.text if counted is not None else None)
    return Inspection(kind, pages)


def _count(text):
    try:
        number = int((text or "").strip())
    except ValueError:
        return None
    return number if number > 0 else None


# What readers see


def pages_display(kind, pages):
    """Return "12 pages" ("12ページ"), or "3 sheets" for a spreadsheet; "" when not known."""
    if not pages:
        return ""
    if kind == Kind.XLSX:
        return ngettext("%(count)d sheet", "%(count)d sheets", pages) % {"count": pages}
    return ngettext("%(count)d page", "%(count)d pages", pages) % {"count": pages}


def content_disposition(path):
    """Return the Content-Disposition of the stored file at `path`: a PDF opens, other documents download."""
    from django.utils.http import content_disposition_header

    kind = EXTENSIONS.get(posixpath.splitext(path.lower())[1])
    return content_disposition_header(kind != Kind.PDF, posixpath.basename(path))


# Forms and models


class DocumentFormField(forms.FileField):
    """A file field that lets only checked documents through; the Inspection rides on the upload."""

    def to_python(self, data):
        data = super().to_python(data)
        if data is not None and getattr(data, "size", None) is not None:
            data.inspection = inspect(data)
        return data


class DocumentField(models.FileField):
    """A FileField whose form checks every upload (see `inspect`)."""

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", DocumentFormField)
        return super().formfield(**kwargs)
