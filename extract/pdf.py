"""PDF backend: per page, pdfium's text where the page holds no drawn table (fast), pdfplumber where it
may (tables found, rendered as tab-separated lines in place of their region). Pages are joined by "\n".

`read_page` decides per page; a page without a text layer goes to `on_textless`, by default OCR
(extract/ocr.py). Fonts without a usable ToUnicode map are repaired first where their embedded font allows
(extract/fonts.py); the pages then read the repaired copy.
"""
from __future__ import annotations

import dataclasses
import functools
import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfplumber.page import Page as PlumberPage
from pdfplumber.pdf import PDF
from pdfplumber.table import Table as PlumberTable

from extract.backend import Content, Limits
from extract.document import Page, Table
from extract.errors import ExtractionError
from extract.fonts import looks_unreadable, repair_fonts, unreadable_page_warnings
from extract.ocr import OcrUnavailable, ocr_page

# Tighter than pdfplumber's default 3 pt: at small font sizes a word gap is under 3 pt and words merged.
X_TOLERANCE = 1.5
Y_TOLERANCE = 3.0
# A drawn table needs several rules or boxes; one or two paths are underlines and separators.
MIN_TABLE_PATHS = 4
EOF_WINDOW = 1024
# pdfium joins a line ending in "-" or U+00AD to the next and writes \x02, losing which it was (U+00AD is "ư"
# in TCVN3 PDFs); such pages are read by pdfplumber instead.
PDFIUM_JOINED_HYPHEN = "\x02"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageContent:
    """One page's text; table offsets are relative to the page's own text."""

    text: str
    tables: tuple[Table, ...] = ()
    warnings: tuple[str, ...] = ()
    ocr: bool = False


TextlessPageHandler = Callable[[int, pypdfium2.PdfPage], PageContent]


def ocr_textless_page(number: int, page: pypdfium2.PdfPage) -> PageContent:
    """A scanned page is read by OCR; where OCR is missing or finds nothing, the document says so."""
    try:
        text = ocr_page(page)
    except OcrUnavailable as error:
        return PageContent("", warnings=(f"page {number} has no text layer and {error}",))
    if not text:
        return PageContent("", warnings=(f"page {number} has no text layer and OCR found no text",), ocr=True)
    return PageContent(text, ocr=True)


def read(path: Path, data: bytes, limits: Limits) -> Content:
    _check_complete(path, data)
    repair = repair_fonts(data, check_maps=False)
    contents = _read_pages(path, repair.data)
    if any(looks_unreadable(page.text) for page in contents):  # some ToUnicode map may be wrong: read them
        checked = repair_fonts(data)
        if (checked.notes, checked.warnings) != (repair.notes, repair.warnings):
            repair, contents = checked, _read_pages(path, checked.data)
    for note in repair.notes:  # the rebuilt text is the font's own: worth knowing, not a defect of the reading
        logger.info("%s: %s", path, note)
    content = _join_pages(contents)
    warnings = repair.warnings + unreadable_page_warnings([page.text for page in contents]) + content.warnings
    return dataclasses.replace(content, warnings=warnings)


def _read_pages(path: Path, data: bytes) -> list[PageContent]:
    document = _open_pdfium(path, data)
    plumber = _LazyPlumber(data)
    try:
        return [read_page(number, document[number - 1], functools.partial(plumber.page, number))
                for number in range(1, len(document) + 1)]
    finally:
        plumber.close()
        document.close()


class _LazyPlumber:
    """pdfplumber, opened at the first page that needs layout analysis: opening and closing it costs more
    than pdfium's whole reading of a plain document, as closing parses every page."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: PDF | None = None

    def page(self, number: int) -> PlumberPage:
        if self.pdf is None:
            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        return self.pdf.pages[number - 1]

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def read_page(
    number: int,
    page: pypdfium2.PdfPage,
    plumber_page: Callable[[], PlumberPage],
    on_textless: TextlessPageHandler = ocr_textless_page,
) -> PageContent:
    """One page's content; `plumber_page` is called only when layout analysis is needed (it is slow)."""
    textpage = page.get_textpage()
    try:
        text = pdfium_text(textpage)
    finally:
        textpage.close()
    if not text:
        return on_textless(number, page)
    if PDFIUM_JOINED_HYPHEN not in text and _path_count(page, MIN_TABLE_PATHS) < MIN_TABLE_PATHS:
        return PageContent(text)
    analysed = plumber_page()
    try:
        return plumber_page_content(analysed)
    finally:
        analysed.close()  # drops the page's parsed objects, which pdfplumber would otherwise keep to the end


def pdfium_text(textpage: pypdfium2.PdfTextPage) -> str:
    lines = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())


def plumber_page_content(page: PlumberPage) -> PageContent:
    """Text lines and tables of the page, in top-to-bottom order, each table replacing its region's text."""
    found = page.find_tables()
    boxes = [table.bbox for table in found]
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not any(_inside(obj, b) for b in boxes))
    lines = outside.extract_text_lines(x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE, return_chars=False)
    blocks: list[tuple[float, str | tuple[tuple[str, ...], ...]]] = [(line["top"], line["text"]) for line in lines]
    blocks += [(table.bbox[1], table_rows(table)) for table in found]
    texts: list[str] = []
    tables: list[Table] = []
    offset = 0
    for _, block in sorted(blocks, key=lambda item: item[0]):
        text = block if isinstance(block, str) else "\n".join("\t".join(row) for row in block)
        if not isinstance(block, str):
            tables.append(Table(block, offset, offset + len(text), page.page_number))
        texts.append(text)
        offset += len(text) + 1
    return PageContent("\n".join(texts), tuple(tables))


def table_rows(table: PlumberTable) -> tuple[tuple[str, ...], ...]:
    """Cell texts per row, each on one line; a cell covered by a horizontal span is dropped (the merged
    cell appears once), one below a vertical span stays as "" so columns keep their places."""
    extracted = table.extract(x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE)
    columns = [column.bbox for column in table.columns]
    rows = []
    for row, texts in zip(table.rows, extracted, strict=True):
        cells = []
        for index, (box, text) in enumerate(zip(row.cells, texts, strict=True)):
            if box is None and _spanned_from_left(row.cells[:index], columns[index]):
                continue
            cells.append(" ".join((text or "").split()))
        rows.append(tuple(cells))
    return tuple(rows)


def _spanned_from_left(cells_before: list[Any], column: tuple[float, float, float, float]) -> bool:
    column_middle = (column[0] + column[2]) / 2
    return any(box is not None and box[2] > column_middle for box in cells_before)


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    middle_x = (obj["x0"] + obj["x1"]) / 2
    middle_y = (obj["top"] + obj["bottom"]) / 2
    return bool(box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3])


def _path_count(page: pypdfium2.PdfPage, limit: int) -> int:
    """Path objects on the page and in its forms (one level down), counted up to `limit`. Raw pdfium calls:
    a page of text holds many objects, and wrapping each in Python costs more than reading its text."""
    count = 0
    for obj in _objects(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject):
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            count += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = _objects(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject)
            count += sum(pdfium_c.FPDFPageObj_GetType(o) == pdfium_c.FPDF_PAGEOBJ_PATH for o in inner)
        if count >= limit:
            break
    return count


def _objects(container: Any, count: Callable[[Any], int], get: Callable[[Any, int], Any]) -> Iterator[Any]:
    return (get(container, index) for index in range(count(container)))


def _join_pages(contents: list[PageContent]) -> Content:
    pages: list[Page] = []
    tables: list[Table] = []
    offset = 0
    for number, content in enumerate(contents, start=1):
        pages.append(Page(number, offset, offset + len(content.text), ocr=content.ocr))
        tables += [Table(t.rows, t.start + offset, t.end + offset, number) for t in content.tables]
        offset += len(content.text) + 1
    return Content(
        text="\n".join(content.text for content in contents),
        pages=tuple(pages),
        tables=tuple(tables),
        warnings=tuple(warning for content in contents for warning in content.warnings),
    )


def _check_complete(path: Path, data: bytes) -> None:
    """pdfium silently repairs a cut-off file; a missing final %%EOF says the download was truncated."""
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise ExtractionError(path, "truncated PDF (no %EOF at the end)")


def _open_pdfium(path: Path, data: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise ExtractionError(path, "encrypted PDF (a password is needed)") from error
        raise ExtractionError(path, f"corrupt PDF: {error}") from error
