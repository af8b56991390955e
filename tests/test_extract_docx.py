"""DOCX backend: paragraphs exact, tables in document order with merged cells once, hostile ZIPs refused."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from extract import ExtractionError, Limits, extract
from outputs.run.build import process
from tests.docs_builders import SECRET, SEEDS, build_docx_with_layout_tables, merged_row, seed_text, tab_rows

pytest_plugins = ["tests.docs_fixtures"]


def expected_text(key: str) -> str:
    """The seed with each table line as the fixture drew it (a heading row's empty cells merged into it)."""
    lines = seed_text(key).split("\n")
    return "\n".join("\t".join(merged_row(line)) if "\t" in line else line for line in lines)


@pytest.mark.parametrize("key", SEEDS)
def test_text_is_exact(seed_docx: dict[str, Path], key: str) -> None:
    document = extract(seed_docx[key])
    assert document.text == expected_text(key)
    assert (document.format, document.pages, document.warnings) == ("docx", (), ())


def test_tables_in_document_order_with_merged_cells_once(seed_docx: dict[str, Path]) -> None:
    document = extract(seed_docx["001"])
    assert len(document.tables) == 4  # the seed repeats its header at each page break
    assert [row for table in document.tables for row in table.rows] == tab_rows(seed_text("001"))
    assert sum(len(row) == 2 for table in document.tables for row in table.rows) == 9  # heading rows, span 4 columns
    starts = [table.start for table in document.tables]
    assert starts == sorted(starts)
    for table in document.tables:
        assert document.text[table.start : table.end] == "\n".join("\t".join(row) for row in table.rows)
        assert table.page is None


def test_vertical_merge_keeps_columns(tmp_path: Path) -> None:
    built = docx.Document()
    table = built.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    table.cell(0, 2).merge(table.cell(2, 2)).text = "Sở Y tế"
    table.cell(1, 0).add_paragraph("second\tline")
    built.add_paragraph("sau bảng")
    path = tmp_path / "merged.docx"
    built.save(str(path))
    document = extract(path)
    assert document.tables[0].rows == (
        ("r0c0", "r0c1", "Sở Y tế"),
        ("r1c0 second line", "r1c1", ""),
        ("r2c0", "r2c1", ""),
    )
    assert document.text.endswith("\nsau bảng")


def test_docx_named_pdf_is_read_as_docx(docx_named_pdf: Path) -> None:
    document = extract(docx_named_pdf)
    assert document.format == "docx"
    assert document.text == expected_text("002")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("corrupt_zip.docx", "corrupt ZIP container"),
        ("no_word.docx", "ZIP archive that is neither an Office nor an OpenDocument file"),
        ("bomb.docx", "compresses .*zip bomb"),
    ],
)
def test_bad_docx(bad_files: dict[str, Path], name: str, reason: str) -> None:
    with pytest.raises(ExtractionError, match=reason):
        extract(bad_files[name])


def test_total_size_limit(seed_docx: dict[str, Path]) -> None:
    with pytest.raises(ExtractionError, match=r"expands to .*limit"):
        extract(seed_docx["000"], Limits(max_unzipped_bytes=10_000))


def test_external_entity_is_not_resolved(entity_docx: Path) -> None:
    text = extract(entity_docx).text
    assert text.startswith("before ")  # the paragraph was read; its entity reference left unexpanded
    assert SECRET not in text


def test_header_and_signature_tables_give_issue_date_and_signer(tmp_path: Path) -> None:
    path = tmp_path / "layout.docx"
    build_docx_with_layout_tables(path)
    document = extract(path)
    assert document.tables == ()  # page layout, not data
    assert document.text.split("\n")[:6] == [
        "ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 4512/KH-UBND", "Lai Châu, ngày 05 tháng 12 năm 2025",
    ]
    row = process(path).document
    assert (row.doc_number, str(row.issue_date), row.issuer) == ("4512/KH-UBND", "2025-12-05", "UBND tỉnh Lai Châu")
    assert (row.signer_title, row.signer_name) == ("PHÓ CHỦ TỊCH", "Tống Thanh Hải")
