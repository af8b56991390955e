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
ZIP_KINDS = (
    ("xl/", "Excel .xlsx is not supported"),
    ("ppt/", "PowerPoint .pptx is not supported"),
)


def detect_format(path: Path, data: bytes) -> str:
    """'pdf', 'docx' or 'txt'; an ExtractionError naming the kind of file for anything else."""
    if not data:
        raise ExtractionError(path, "empty file (0 bytes)")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(path, data)
    if data.startswith(OLE2_MAGIC):
        raise ExtractionError(path, _ole2_reason(data))
    if data.lstrip().startswith(b"{\\rtf"):
        raise ExtractionError(path, "RTF is not supported; save as .docx")
    return "txt"


def _zip_format(path: Path, data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ExtractionError(path, f"corrupt ZIP container: {error}") from error
    if "word/document.xml" in names:
        return "docx"
    for prefix, reason in ZIP_KINDS:
        if any(name.startswith(prefix) for name in names):
            raise ExtractionError(path, reason)
    raise ExtractionError(path, "ZIP archive without word/document.xml is not a DOCX")


def _ole2_reason(data: bytes) -> str:
    for stream_name, reason in OLE2_KINDS:
        if stream_name in data:
            return reason
    return "OLE2 compound file (not a Word or Excel document) is not supported"
