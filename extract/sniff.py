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
# Content types of the main part that python-docx refuses: each gets its own clean reason.
WORD_VARIANTS = (
    (b"macroEnabledTemplate.main+xml", "macro-enabled Word template .dotm is not supported; save as .docx"),
    (b"macroEnabled.main+xml", "macro-enabled Word document .docm is not supported; save as .docx"),
    (b"wordprocessingml.template.main+xml", "Word template .dotx is not supported; save as .docx"),
)
CONTENT_TYPES = "[Content_Types].xml"
# [Content_Types].xml and ODF's mimetype are a few KB at most; reading more of them would let a bomb
# member through before the format is known.
SMALL_MEMBER_BYTES = 1 << 16
PDF_HEADER = b"%PDF-"
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
    if _is_pdf(data):
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


def _is_pdf(data: bytes) -> bool:
    """A PDF header at the start, or within the first KB (readers allow junk before it) of a file with PDF
    objects: a text that merely mentions "%PDF-1.4" near its top is still text."""
    return data.startswith(PDF_HEADER) or (PDF_HEADER in data[:1024] and b"endobj" in data)


def _zip_format(path: Path, data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        mimetype = _small_member(archive, names, "mimetype").decode("ascii", "replace").strip()
        content_types = _small_member(archive, names, CONTENT_TYPES)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise ExtractionError(path, f"corrupt ZIP container: {error}") from error
    if len(set(names)) < len(names):
        raise ExtractionError(path, "ZIP container holds two entries of the same name: not read (tampered file?)")
    if mimetype in ODF_KINDS:
        return ODF_KINDS[mimetype]
    for member, kind in ZIP_KINDS:
        if member in names:
            return _word_format(path, content_types) if kind == "docx" else kind
    for prefix, reason in ZIP_REJECTED:
        if any(name.startswith(prefix) for name in names):
            raise ExtractionError(path, reason)
    raise ExtractionError(path, "ZIP archive that is neither an Office nor an OpenDocument file")


def _small_member(archive: zipfile.ZipFile, names: list[str], name: str) -> bytes:
    if name not in names:
        return b""
    with archive.open(name) as member:
        return member.read(SMALL_MEMBER_BYTES)


def _word_format(path: Path, content_types: bytes) -> str:
    for marker, reason in WORD_VARIANTS:
        if marker in content_types:
            raise ExtractionError(path, reason)
    return "docx"


def _ole2_format(path: Path, data: bytes) -> str:
    for stream_name, kind in OLE2_KINDS:
        if stream_name in data:
            return kind
    raise ExtractionError(path, "OLE2 compound file that is not a Word, Excel or Works document is not supported")
