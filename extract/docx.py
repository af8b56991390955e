"""DOCX backend: paragraphs and tables in document order; each paragraph one line, each table row one line.

The ZIP is checked for bombs before python-docx opens it (zipfile never inflates a member beyond its
declared size, so the declared sizes bound memory). python-docx parses XML with resolve_entities=False,
so external entities are never fetched.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from extract.backend import MB, Content, Limits
from extract.document import Table
from extract.errors import ExtractionError
from extract.layout import is_layout_table

ONE_LINE = str.maketrans("\t\n\r", "   ")


def read(path: Path, data: bytes, limits: Limits) -> Content:
    _check_zip_bomb(path, data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types (KeyError, XMLSyntaxError, ...) for bad files
        raise ExtractionError(path, f"unreadable DOCX: {type(error).__name__}: {error}") from error
    _keep_soft_hyphens(document.element.body)
    lines: list[str] = []
    tables: list[Table] = []
    offset = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            block_lines = [block.text]
        elif is_layout_table(rows := table_rows(block)):
            block_lines = layout_lines(block)
        else:
            block_lines = ["\t".join(row) for row in rows]
            tables.append(Table(rows, offset, offset + len("\n".join(block_lines))))
        lines += block_lines
        offset += sum(len(line) + 1 for line in block_lines)
    return Content(text="\n".join(lines), tables=tuple(tables))


def _keep_soft_hyphens(body: BaseOxmlElement) -> None:
    """python-docx drops <w:softHyphen/>, but in a TCVN3 text converted from .doc or RTF the soft hyphen
    (0xAD) is the letter "ư": it is kept as U+00AD, which normalize/ decodes or, in Unicode text, removes."""
    for hyphen in list(body.iter(qn("w:softHyphen"))):
        text = OxmlElement("w:t")
        text.text = "\u00ad"
        hyphen.getparent().replace(hyphen, text)


def _check_zip_bomb(path: Path, data: bytes, limits: Limits) -> None:
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ExtractionError(path, f"not a ZIP file, so not a DOCX: {error}") from error
    total = sum(member.file_size for member in members)
    if total > limits.max_unzipped_bytes:
        raise ExtractionError(
            path, f"DOCX expands to {total / MB:.0f} MB (limit {limits.max_unzipped_bytes / MB:.0f} MB): zip bomb?"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= limits.ratio_checked_from_bytes and ratio > limits.max_zip_ratio:
            limit = f"limit {limits.max_zip_ratio:.0f}"
            raise ExtractionError(path, f"DOCX member {member.filename} compresses {ratio:.0f}:1 ({limit}): zip bomb?")


def table_rows(table: DocxTable) -> tuple[tuple[str, ...], ...]:
    """Cell texts per row, a merged cell once: a horizontal span gives one cell; rows below a vertical
    span get an empty cell, so columns stay aligned."""
    seen: set[object] = set()  # the <w:tc> elements themselves: ids of freed proxies could be reused
    rows = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:
                continue
            previous = cell._tc
            cells.append("" if cell._tc in seen else cell_text(cell))
            seen.add(cell._tc)
        rows.append(tuple(cells))
    return tuple(rows)


def layout_lines(table: DocxTable) -> list[str]:
    """A header or signature table as the page reads: cell after cell, row by row, each paragraph a line."""
    seen: set[object] = set()
    lines: list[str] = []
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            for block in cell.iter_inner_content():
                lines += [block.text] if isinstance(block, Paragraph) else ["\t".join(r) for r in table_rows(block)]
    return lines


def cell_text(cell: _Cell) -> str:
    """A cell's paragraphs (and nested tables) on one line, so the tab-separated row stays one line."""
    parts = []
    for block in cell.iter_inner_content():
        if isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            parts += [" ".join(row) for row in table_rows(block)]
    return " ".join(parts).translate(ONE_LINE)

