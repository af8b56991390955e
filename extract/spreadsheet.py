"""Spreadsheets (.xls, .xlsx, .ods) read with calamine: each sheet's rows as tab-separated lines, so task
tables kept as workbooks are read like any other table. No LibreOffice needed.

Numbers are written as a spreadsheet shows them by default (up to ten significant digits, no ".0"),
dates as ISO dates. Each sheet is one `Table` and one "page" (numbered from 1), so a finding's page
names its sheet. Text in legacy fonts (TCVN3 cells) stays as it is for normalize/ to decode.
"""
from __future__ import annotations

import datetime
import io
from pathlib import Path

from python_calamine import CalamineWorkbook

from extract.backend import Content, Limits
from extract.document import Page, Table
from extract.errors import ExtractionError

SIGNIFICANT_DIGITS = 10


def read(path: Path, data: bytes, limits: Limits) -> Content:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [(name, workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names]
    except Exception as error:  # calamine raises its own error types for every kind of damage
        raise ExtractionError(path, f"unreadable spreadsheet: {type(error).__name__}: {error}") from error
    lines: list[str] = []
    pages: list[Page] = []
    tables: list[Table] = []
    offset = 0
    for number, (_, cells) in enumerate(sheets, start=1):
        rows = _trimmed(tuple(tuple(cell_text(cell) for cell in row) for row in cells))
        sheet_lines = ["\t".join(row) for row in rows]
        length = len("\n".join(sheet_lines))
        if rows:
            tables.append(Table(rows, offset, offset + length, page=number))
        pages.append(Page(number, offset, offset + length))
        lines += sheet_lines
        offset += sum(len(line) + 1 for line in sheet_lines)
    return Content(text="\n".join(lines), pages=tuple(pages), tables=tuple(tables))


def cell_text(value: object) -> str:
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.{SIGNIFICANT_DIGITS}g}"
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return str(value)
    return " ".join(str(value).split())  # a cell's padding and line breaks are layout, not text


def _trimmed(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Rows without their empty trailing cells; wholly empty rows at the end of a sheet dropped."""
    trimmed = [row[: max((i + 1 for i, cell in enumerate(row) if cell.strip()), default=0)] for row in rows]
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return tuple(trimmed)
