"""What every format backend returns and the limits it honours; `extract()` adds the document's identity."""
from __future__ import annotations

from dataclasses import dataclass

from extract.document import Page, Table

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-document resource bounds, so one hostile file cannot exhaust the machine."""

    max_unzipped_bytes: int = 200 * MB
    # Real DOCX XML compresses ~10-40×; far beyond that, a big member is a zip bomb.
    max_zip_ratio: float = 100.0
    ratio_checked_from_bytes: int = 1 * MB
    # LibreOffice converts a plan in about a second; a file it is still on after this is taken as hung.
    conversion_seconds: float = 60.0


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Content:
    """A backend's reading of one file: text in reading order, with pages/tables as offsets into it."""

    text: str
    pages: tuple[Page, ...] = ()
    tables: tuple[Table, ...] = ()
    warnings: tuple[str, ...] = ()
