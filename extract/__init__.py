"""extract: a file's bytes → `ExtractedDocument`. The format comes from the content, not the file name."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from extract import docx, html, office, pdf, spreadsheet, text
from extract.backend import DEFAULT_LIMITS, Content, Limits
from extract.document import ExtractedDocument, Page, Table
from extract.errors import ExtractionError
from extract.office import office_conversions
from extract.sniff import detect_format

__all__ = [
    "DEFAULT_LIMITS", "ExtractedDocument", "ExtractionError", "Limits", "Page", "Table", "extract",
    "office_conversions",
]

Reader = Callable[[Path, bytes, Limits], Content]
# Format detected → the reader, and the name `ExtractedDocument.format` gives: the format and, where another
# program reads it, that program.
BACKENDS: dict[str, tuple[Reader, str]] = {
    "pdf": (pdf.read, "pdf"),
    "docx": (docx.read, "docx"),
    "txt": (text.read, "txt"),
    "html": (html.read, "html (lxml)"),
    **{kind: (spreadsheet.read, f"{kind} (calamine)") for kind in ("xls", "xlsx", "ods")},
    **{kind: (office.read, f"{kind} (libreoffice)") for kind in sorted(office.LIBREOFFICE_FORMATS)},
}


def extract(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> ExtractedDocument:
    """Read one file; anything unreadable raises ExtractionError with a one-line reason, never another type."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExtractionError(path, f"cannot read file: {error.strerror or error}") from error
    file_format = detect_format(path, data)
    reader, format_name = BACKENDS[file_format]
    try:
        content = reader(path, data, limits)
    except ExtractionError:
        raise
    except Exception as error:  # a library failing on input nobody foresaw must still give a clean reason
        raise ExtractionError(path, f"unreadable {file_format}: {type(error).__name__}: {error}") from error
    digest = hashlib.sha256(data).hexdigest()
    return ExtractedDocument(
        doc_id=digest[:16],
        path=str(path),
        format=format_name,
        sha256=digest,
        text=content.text,
        pages=content.pages,
        tables=content.tables,
        warnings=content.warnings,
    )
