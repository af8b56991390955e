"""What every extract backend returns: the document's text in reading order, with its pages and tables."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """One page of the source; `start`/`end` are half-open offsets into `ExtractedDocument.text`."""

    number: int
    start: int
    end: int
    ocr: bool = False


@dataclass(frozen=True)
class Table:
    """A table as rows of cell texts; `start`/`end` locate its rendering (tab-separated lines) in the text."""

    rows: tuple[tuple[str, ...], ...]
    start: int
    end: int
    page: int | None = None


@dataclass(frozen=True)
class ExtractedDocument:
    doc_id: str
    path: str
    format: str
    sha256: str
    text: str
    pages: tuple[Page, ...] = ()
    tables: tuple[Table, ...] = ()
    warnings: tuple[str, ...] = ()
    _page_starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_page_starts", tuple(p.start for p in self.pages))

    def page_at(self, offset: int) -> int | None:
        """Page number holding the raw-text character at `offset` (None for formats without pages)."""
        if not self.pages:
            return None
        index = max(bisect.bisect_right(self._page_starts, offset) - 1, 0)
        return self.pages[index].number

    @property
    def ocr_pages(self) -> tuple[int, ...]:
        return tuple(p.number for p in self.pages if p.ocr)
