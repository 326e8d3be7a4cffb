"""Documents for the upload tests: real ones of each kind, and the hostile ones an attacker would try."""

import io
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"


def pdf_bytes(pages=3):
    """Return a real PDF of `pages` blank A4 pages, as pypdf writes it."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_javascript():
    """Return a PDF that runs JavaScript when it is opened."""
    from pypdf import PdfWriter
    from pypdf.actions import JavaScript

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_open_action(JavaScript("app.alert('pwned');"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_escaped_javascript():
    """Return a PDF whose JavaScript action is named with #xx escapes (/J#61vaScript is /JavaScript)."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>",
        ]
    )


def pdf_with_launch_action():
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /S /Launch /F (cmd.exe) >>",
        ]
    )


def pdf_with_attachment():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("payload.exe", b"MZ" + bytes(100))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf(objects):
    """Return a PDF 1.4 of `objects` (numbered from 1) with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_with_javascript_in_an_object_stream():
    """Return a PDF 1.5 whose JavaScript action lies compressed in an object stream: not in the raw bytes."""
    action = b"<< /S /JavaScript /JS (app.alert(1)) >>"
    header = b"4 0 "
    packed = zlib.compress(header + action)
    plain = [
        (1, b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
        (
            5,
            b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(header), len(packed))
            + packed
            + b"\nendstream",
        ),
    ]
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in plain:
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    offsets[6] = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    for number in range(1, 7):
        if number == 4:
            rows.append(b"\x02" + (5).to_bytes(4, "big") + (0).to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + (0).to_bytes(2, "big"))
    table = b"".join(rows)
    out += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /Root 1 0 R /W [1 4 2] /Length %d >>\nstream\n" % len(table)
        + table
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[6]
    assert b"JavaScript" not in out and b"/JS" not in out
    return bytes(out)


def _zip(entries, *, first_stored=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if first_stored is not None:
            archive.writestr(
                zipfile.ZipInfo(first_stored[0]), first_stored[1], compress_type=zipfile.ZIP_STORED
            )
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def _content_types(main):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/>'
        "</Types>"
    )


def docx_bytes(pages=12, *, main=DOCX_TYPE, extra=None):
    """Return a minimal Word document whose properties say it has `pages` pages."""
    return _zip(
        {
            "[Content_Types].xml": _content_types(main),
            "word/document.xml": '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Annual report</w:t></w:r></w:p></w:body></w:document>",
            "docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'extended-properties"><Pages>{pages}</Pages></Properties>',
            **(extra or {}),
        }
    )


def docm_bytes():
    """Return a Word document with macros (a .docm), whatever it is named."""
    return docx_bytes(main=DOCM_TYPE, extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})


def xlsx_bytes(sheets=3):
    """Return a real Excel workbook of `sheets` sheets, as openpyxl writes it."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Year", "Exports"])
    for index in range(1, sheets):
        workbook.create_sheet(f"Sheet {index + 1}")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def odt_bytes(pages=5):
    """Return a minimal OpenDocument text whose statistics say it has `pages` pages."""
    return _zip(
        {
            "content.xml": '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0"/>',
            "meta.xml": '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>'
            f'<meta:document-statistic meta:page-count="{pages}"/></office:meta></office:document-meta>',
        },
        first_stored=("mimetype", b"application/vnd.oasis.opendocument.text"),
    )


def windows_executable():
    """Return the start of a Windows program (an MZ header and its DOS stub)."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
        + b"This program cannot be run in DOS mode." * 50
    )


def zip_bomb():
    """Return a 'Word document' of about 100 KB whose document.xml unpacks to 100 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _content_types(DOCX_TYPE))
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            block = bytes(1024 * 1024)
            for _ in range(100):
                entry.write(block)
    return out.getvalue()


def docx_with_xml_entities():
    """Return a 'Word document' whose [Content_Types].xml declares entities (a "billion laughs" start)."""
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&lol2;</Types>'
    )
    return _zip({"[Content_Types].xml": laughs, "word/document.xml": "<w:document/>"})


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type)


# name, content: each refused, with the words of the error a test looks for.
REFUSED = {
    "pdf-with-javascript": ("report.pdf", pdf_with_javascript, "active content (JavaScript)"),
    "pdf-with-escaped-javascript": ("report.pdf", pdf_with_escaped_javascript, "active content (JavaScript)"),
    "pdf-with-hidden-javascript": (
        "report.pdf",
        pdf_with_javascript_in_an_object_stream,
        "active content (JavaScript)",
    ),
    "pdf-with-launch": ("report.pdf", pdf_with_launch_action, "launches a program"),
    "pdf-with-attachment": ("report.pdf", pdf_with_attachment, "an embedded file"),
    "executable-named-pdf": ("report.pdf", windows_executable, "is a program, not a document"),
    "elf-named-docx": ("report.docx", lambda: b"\x7fELF\x02\x01\x01" + bytes(500), "is a program"),
    "script-named-odt": ("notes.odt", lambda: b"#!/bin/sh\nrm -rf ~\n", "is a program"),
    "zip-bomb": ("report.docx", zip_bomb, "zip bomb"),
    "word-named-pdf": ("report.pdf", docx_bytes, "named as a PDF but is really a Word document"),
    "pdf-named-docx": ("report.docx", pdf_bytes, "named as a Word document but is really a PDF"),
    "text-named-pdf": ("report.pdf", lambda: b"Just some text.\n" * 10, "not really a PDF"),
    "macros": ("report.docx", docm_bytes, "contains macros"),
    "xml-entities": ("report.docx", docx_with_xml_entities, "damaged"),
    "plain-zip": ("report.docx", lambda: _zip({"a.txt": "hello"}), "a zip archive, not a document"),
    "damaged-pdf": ("report.pdf", lambda: b"%PDF-1.4\n" + bytes(200), "damaged"),
    "unknown-extension": ("report.exe", pdf_bytes, "Attach a PDF, Word (.docx)"),
    "empty": ("report.pdf", lambda: b"", "empty"),
}
