"""Decide a file's format from its bytes, never from its name: a `.pdf` that is really a DOCX is read as DOCX,
a `.doc` that is really RTF or an HTML page saved by Word is read as what it is."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import regex

from extract.errors import ExtractionError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE2 directory entries are UTF-16LE names; the main stream's name tells Word from Excel from Works
# (Kingsoft WPS Writer's .wps holds a WordDocument stream, so it is read as the Word file it is).
OLE2_KINDS = (
    ("WordDocument".encode("utf-16-le"), "doc"),
    ("Workbook".encode("utf-16-le"), "xls"),
    ("Book".encode("utf-16-le"), "xls"),
    ("CONTENTS".encode("utf-16-le"), "wps"),  # Microsoft Works word processor
)
# OpenDocument packages name their kind in a first, uncompressed `mimetype` member.
ODF_KINDS = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
ZIP_KINDS = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
)
ZIP_REJECTED = (("ppt/", "PowerPoint .pptx is not supported"),)
# An HTML page, whatever its name: a doctype or one of the document-level tags near the start.
HTML_START = regex.compile(rb"(?i)<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s[^>]*charset")
HTML_SNIFF_BYTES = 2048


def detect_format(path: Path, data: bytes) -> str:
    """'pdf', 'docx', 'doc', 'rtf', 'odt', 'wps', 'xls', 'xlsx', 'ods', 'html' or 'txt'; an ExtractionError
    naming the kind of file for anything else."""
    if not data:
        raise ExtractionError(path, "empty file (0 bytes)")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(path, data)
    if data.startswith(OLE2_MAGIC):
        return _ole2_format(path, data)
    start = data[:HTML_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{\\rtf"):
        return "rtf"
    if start.startswith(b"<") and HTML_START.search(start):
        return "html"
    return "txt"


def _zip_format(path: Path, data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ExtractionError(path, f"corrupt ZIP container: {error}") from error
    if mimetype in ODF_KINDS:
        return ODF_KINDS[mimetype]
    for member, kind in ZIP_KINDS:
        if member in names:
            return kind
    for prefix, reason in ZIP_REJECTED:
        if any(name.startswith(prefix) for name in names):
            raise ExtractionError(path, reason)
    raise ExtractionError(path, "ZIP archive that is neither an Office nor an OpenDocument file")


def _ole2_format(path: Path, data: bytes) -> str:
    for stream_name, kind in OLE2_KINDS:
        if stream_name in data:
            return kind
    raise ExtractionError(path, "OLE2 compound file that is not a Word, Excel or Works document is not supported")
