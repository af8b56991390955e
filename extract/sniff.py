"""Decide a file's format from its bytes, never from its name: a `.pdf` that is really a DOCX is read as DOCX."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from extract.errors import ExtractionError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE2 directory entries are UTF-16LE names; the main stream's name tells Word from Excel.
OLE2_KINDS = (
    ("WordDocument".encode("utf-16-le"), "legacy Word .doc (OLE2) is not supported; save as .docx"),
    ("Workbook".encode("utf-16-le"), "legacy Excel .xls (OLE2) is not supported"),
    ("Book".encode("utf-16-le"), "legacy Excel .xls (OLE2) is not supported"),
)
# Content types of the main part that python-docx refuses: each gets its own clean reason.
WORD_VARIANTS = (
    (b"macroEnabledTemplate.main+xml", "macro-enabled Word template .dotm is not supported; save as .docx"),
    (b"macroEnabled.main+xml", "macro-enabled Word document .docm is not supported; save as .docx"),
    (b"wordprocessingml.template.main+xml", "Word template .dotx is not supported; save as .docx"),
)
CONTENT_TYPES = "[Content_Types].xml"
# [Content_Types].xml is a few KB; reading more of it would let a bomb member through before the DOCX check.
CONTENT_TYPES_BYTES = 1 << 16
PDF_HEADER = b"%PDF-"
ZIP_KINDS = (
    ("xl/", "Excel .xlsx is not supported"),
    ("ppt/", "PowerPoint .pptx is not supported"),
)


def detect_format(path: Path, data: bytes) -> str:
    """'pdf', 'docx' or 'txt'; an ExtractionError naming the kind of file for anything else."""
    if not data:
        raise ExtractionError(path, "empty file (0 bytes)")
    if _is_pdf(data):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(path, data)
    if data.startswith(OLE2_MAGIC):
        raise ExtractionError(path, _ole2_reason(data))
    if data.lstrip().startswith(b"{\\rtf"):
        raise ExtractionError(path, "RTF is not supported; save as .docx")
    return "txt"


def _is_pdf(data: bytes) -> bool:
    """A PDF header at the start, or within the first KB (readers allow junk before it) of a file with PDF
    objects: a text that merely mentions "%PDF-1.4" near its top is still text."""
    return data.startswith(PDF_HEADER) or (PDF_HEADER in data[:1024] and b"endobj" in data)


def _zip_format(path: Path, data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        content_types = _content_types(archive, names)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise ExtractionError(path, f"corrupt ZIP container: {error}") from error
    if len(set(names)) < len(names):
        raise ExtractionError(path, "ZIP container holds two entries of the same name: not read (tampered file?)")
    if "word/document.xml" in names:
        return _word_format(path, content_types)
    for prefix, reason in ZIP_KINDS:
        if any(name.startswith(prefix) for name in names):
            raise ExtractionError(path, reason)
    raise ExtractionError(path, "ZIP archive without word/document.xml is not a DOCX")


def _content_types(archive: zipfile.ZipFile, names: list[str]) -> bytes:
    if CONTENT_TYPES not in names:
        return b""
    with archive.open(CONTENT_TYPES) as member:
        return member.read(CONTENT_TYPES_BYTES)


def _word_format(path: Path, content_types: bytes) -> str:
    for marker, reason in WORD_VARIANTS:
        if marker in content_types:
            raise ExtractionError(path, reason)
    return "docx"


def _ole2_reason(data: bytes) -> str:
    for stream_name, reason in OLE2_KINDS:
        if stream_name in data:
            return reason
    return "OLE2 compound file (not a Word or Excel document) is not supported"
