"""Builders of test documents for the extract tests: PDF and DOCX versions of the seed texts, odd ZIPs."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from tests.paths import SEEDS

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
TABLE_WIDTHS = (24, 66, 35, 37, 28)
LINE_HEIGHT = 5
SECRET = "XXE-SECRET-0451"


def seed_text(key: str) -> str:
    return SEEDS[key].read_text(encoding="utf-8")


def tab_rows(text: str) -> list[tuple[str, ...]]:
    """The seed's table rows as the fixtures draw them: a section heading's empty trailing cells merged into it."""
    return [merged_row(line) for line in text.split("\n") if "\t" in line]


def merged_row(line: str) -> tuple[str, ...]:
    cells = line.split("\t")
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    return tuple(cells)


def blocks(text: str) -> list[str | list[tuple[str, ...]]]:
    """Lines of the seed, with each run of tab-separated lines grouped as one table."""
    grouped: list[str | list[tuple[str, ...]]] = []
    for line in text.split("\n"):
        if "\t" not in line:
            grouped.append(line)
        elif grouped and isinstance(grouped[-1], list):
            grouped[-1].append(merged_row(line))
        else:
            grouped.append([merged_row(line)])
    return grouped


@dataclass(frozen=True)
class BuiltPdf:
    path: Path
    pages: int
    line_pages: dict[str, int]  # short lines that occur once in the seed → the page they were drawn on


def build_pdf(text: str, path: Path) -> BuiltPdf:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    line_pages: dict[str, int] = {}
    for block in blocks(text):
        if isinstance(block, list):
            _draw_table(pdf, block)
        elif block.strip():
            page = pdf.page_no()
            pdf.multi_cell(0, LINE_HEIGHT, block, new_x="LMARGIN", new_y="NEXT")
            if pdf.page_no() == page and text.count(block) == 1:
                line_pages[block] = page
        else:
            pdf.ln(LINE_HEIGHT)
    pdf.output(str(path))
    return BuiltPdf(path, pdf.page_no(), line_pages)


def _draw_table(pdf: FPDF, rows: list[tuple[str, ...]]) -> None:
    with pdf.table(col_widths=TABLE_WIDTHS, first_row_as_headings=False, line_height=LINE_HEIGHT,
                   headings_style=FontFace()) as table:
        for cells in rows:
            row = table.row()
            for index, cell in enumerate(cells):
                last = index == len(cells) - 1
                row.cell(cell, colspan=len(TABLE_WIDTHS) - index if last else 1)


def build_docx(text: str, path: Path) -> None:
    """Paragraphs per line; tab-separated runs as tables, a short row's last cell merged across the rest."""
    document = docx.Document()
    for block in blocks(text):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(TABLE_WIDTHS))
        for cells, row in zip(block, table.rows, strict=True):
            for index, cell in enumerate(cells):
                row.cells[index].text = cell
            if len(cells) < len(TABLE_WIDTHS):
                row.cells[len(cells) - 1].merge(row.cells[-1])
    document.save(str(path))


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(docx_bytes: bytes) -> bytes:
    """A valid DOCX plus a 64 MB member of zeros that deflates to ~64 KB."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    members = {name: source.read(name) for name in source.namelist()}
    members["word/media/padding.bin"] = bytes(64 * 1024 * 1024)
    return zip_bytes(members)
