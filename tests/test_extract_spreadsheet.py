"""Spreadsheets: each sheet's rows as tab-separated lines, one page and one table per sheet, values as shown."""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from extract import ExtractionError, extract
from tests.docs_builders import zip_bytes
from tests.paths import LEGACY

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _cell(reference: str, value: str | float) -> str:
    if isinstance(value, str):
        return f'<c r="{reference}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{reference}"><v>{value}</v></c>'


def _sheet(rows: list[list[str | float]]) -> bytes:
    body = "".join(
        f'<row r="{r}">' + "".join(_cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row) if v != "") + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    return f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'.encode()


def build_xlsx(sheets: dict[str, list[list[str | float]]], path: Path) -> None:
    """A minimal SpreadsheetML workbook, as Excel writes it, with inline strings."""
    names = list(sheets)
    members = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, len(names) + 1)
            )
            + "</Types>"
        ).encode(),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" '
            f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
            + "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
            + "</sheets></workbook>"
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(names) + 1)
            )
            + "</Relationships>"
        ).encode(),
        **{f"xl/worksheets/sheet{i}.xml": _sheet(sheets[n]) for i, n in enumerate(names, 1)},
    }
    path.write_bytes(zip_bytes(members))


def test_xlsx_sheets_as_tab_separated_rows(tmp_path: Path) -> None:
    path = tmp_path / "nhiem_vu.bin"  # the name says nothing; the content decides
    build_xlsx(
        {
            "Chỉ tiêu": [["TT", "Chỉ tiêu", "Năm 2025"], [1, "Tỷ lệ nữ  lãnh đạo\n(cấp tỉnh)", 0.35], [2, "", 2030.0]],
            "Nhiệm vụ": [["1", "Rà soát văn bản", "Sở Tư pháp"]],
        },
        path,
    )
    document = extract(path)
    assert document.format == "xlsx (calamine)"
    assert document.text == (
        "TT\tChỉ tiêu\tNăm 2025\n1\tTỷ lệ nữ lãnh đạo (cấp tỉnh)\t0.35\n2\t\t2030\n1\tRà soát văn bản\tSở Tư pháp"
    )
    assert [page.number for page in document.pages] == [1, 2]
    assert [table.page for table in document.tables] == [1, 2]
    for table in document.tables:
        assert document.text[table.start : table.end] == "\n".join("\t".join(row) for row in table.rows)
    assert document.page_at(document.text.index("Rà soát")) == 2


def test_real_xls_keeps_its_tcvn3_text_for_normalize() -> None:
    document = extract(LEGACY / "2005-KH2003-bieu.xls")
    assert document.format == "xls (calamine)"
    assert len(document.pages) == 9  # one per sheet
    assert "1\tTèc ®é t¨ng tæng s¶n phÈm trong n\u00adíc (GDP)\t%\t6.8\t7\t7.5" in document.text.split("\n")


def test_damaged_workbook_fails_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(zip_bytes({"xl/workbook.xml": b"<workbook", "[Content_Types].xml": b"<Types/>"}))
    with pytest.raises(ExtractionError, match="unreadable spreadsheet"):
        extract(path)
