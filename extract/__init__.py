"""extract: a file's bytes → `ExtractedDocument`. The format comes from the content, not the file name."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from extract import docx, pdf, text
from extract.backend import DEFAULT_LIMITS, Content, Limits
from extract.document import ExtractedDocument, Page, Table
from extract.errors import ExtractionError
from extract.marks import without_surrogates
from extract.names import printable_path
from extract.reading import NotReadable, read_capped
from extract.sniff import detect_format

__all__ = ["DEFAULT_LIMITS", "ExtractedDocument", "ExtractionError", "Limits", "Page", "Table", "extract"]

BACKENDS: dict[str, Callable[[Path, bytes, Limits], Content]] = {"pdf": pdf.read, "docx": docx.read, "txt": text.read}


def extract(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> ExtractedDocument:
    """Read one file; anything unreadable raises ExtractionError with a one-line reason, never another type."""
    path = Path(path)
    try:
        data = read_capped(path, limits.max_file_bytes)
    except NotReadable as error:
        raise ExtractionError(path, str(error)) from error
    file_format = detect_format(path, data)
    try:
        content = BACKENDS[file_format](path, data, limits)
    except ExtractionError:
        raise
    except Exception as error:  # a library failing on input nobody foresaw must still give a clean reason
        raise ExtractionError(path, f"unreadable {file_format}: {type(error).__name__}: {error}") from error
    digest = hashlib.sha256(data).hexdigest()
    return ExtractedDocument(
        doc_id=digest[:16],
        path=printable_path(path),
        format=file_format,
        sha256=digest,
        text=without_surrogates(content.text),
        pages=content.pages,
        tables=content.tables,
        warnings=content.warnings,
    )
