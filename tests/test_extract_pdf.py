"""PDF backend: text matches the seed (CER ≤ 0.5%), page map, tables in place, real and hostile PDFs."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2
import pytest
from rapidfuzz.distance import Levenshtein

from extract import ExtractedDocument, ExtractionError, extract, ocr
from extract.pdf import PageContent, read_page
from tests.docs_builders import BuiltPdf, seed_text, tab_rows
from tests.paths import LEGACY, REAL_PDF, SEEDS
from tests.pdf_fixtures import image_only_pdf, typeset_pdf

pytest_plugins = ["tests.docs_fixtures"]

UNICODE_DECREES = ["01_2020_ND-CP_432442.pdf", "100_2001_ND-CP_7379.pdf", "82_2020_ND-CP_392611.pdf"]
SCANNED = next(REAL_PDF.glob("*_SCANNED.pdf"))
LEGACY_PDF = LEGACY / "2006-1E499_ND109veDKKD_dacotrenmucPTDNN-V.pdf"
MAX_CER = 0.005


def one_line(text: str) -> str:
    """Whitespace runs as one space: the PDF's own line wrapping is layout, not an extraction error."""
    return " ".join(text.split())


def character_error_rate(extracted: str, source: str) -> float:
    return Levenshtein.distance(one_line(extracted), one_line(source)) / len(one_line(source))


@pytest.fixture(scope="module")
def extracted(seed_pdfs: dict[str, BuiltPdf]) -> dict[str, ExtractedDocument]:
    return {key: extract(built.path) for key, built in seed_pdfs.items()}


@pytest.mark.parametrize("key", SEEDS)
def test_text_matches_seed(extracted: dict[str, ExtractedDocument], key: str) -> None:
    document = extracted[key]
    assert character_error_rate(document.text, seed_text(key)) <= MAX_CER
    assert (document.format, document.warnings) == ("pdf", ())


@pytest.mark.parametrize("key", SEEDS)
def test_page_map(seed_pdfs: dict[str, BuiltPdf], extracted: dict[str, ExtractedDocument], key: str) -> None:
    built = seed_pdfs[key]
    document = extracted[key]
    assert [page.number for page in document.pages] == list(range(1, built.pages + 1))
    assert [page.start for page in document.pages[1:]] == [page.end + 1 for page in document.pages[:-1]]
    assert document.pages[-1].end == len(document.text)
    checked = 0
    for line, page in built.line_pages.items():
        wanted = one_line(line)
        if len(wanted) > 20 and document.text.count(wanted) == 1:
            assert document.page_at(document.text.index(wanted)) == page, line
            checked += 1
    assert checked >= 10 or key == "001"  # 001 is one table: its only free lines are the title


def test_table_rows_in_place(extracted: dict[str, ExtractedDocument]) -> None:
    document = extracted["001"]
    rows = [row for table in document.tables for row in table.rows]
    assert rows == [tuple(one_line(cell) for cell in row) for row in tab_rows(seed_text("001"))]
    for table in document.tables:
        assert document.text[table.start : table.end] == "\n".join("\t".join(row) for row in table.rows)
        assert document.page_at(table.start) == document.page_at(table.end - 1) == table.page
    assert document.text.index("(Ban hành kèm theo") < document.tables[0].start


@pytest.mark.parametrize("name", UNICODE_DECREES)
def test_real_decrees(name: str) -> None:
    document = extract(REAL_PDF / name)
    text = unicodedata.normalize("NFC", document.text)
    assert "CHÍNH PHỦ" in text and "Nghị định" in text
    assert document.warnings == ()
    assert len(document.pages) >= 2


@pytest.mark.slow
def test_scanned_pages_are_flagged_when_ocr_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr._languages.cache_clear()
    try:
        document = extract(SCANNED)
    finally:
        ocr._languages.cache_clear()
    reason = "has no text layer and tesseract is not installed (make system-deps)"
    assert document.warnings == tuple(f"page {page.number} {reason}" for page in document.pages)
    assert document.text.strip() == ""


@pytest.mark.slow
def test_a_scanned_page_is_read_by_ocr_and_marked(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_pdf(typeset_pdf(["KẾ HOẠCH thực hiện Chiến lược quốc gia về bình đẳng giới"])))
    document = extract(scan)
    assert document.ocr_pages == (1,)
    assert "bình đẳng giới" in unicodedata.normalize("NFC", document.text)
    assert document.warnings == ()


def test_textless_page_goes_to_the_ocr_seam() -> None:
    def fake_ocr(number: int, page: pypdfium2.PdfPage) -> PageContent:
        return PageContent(f"OCR of page {number}", ocr=True)

    with pypdfium2.PdfDocument(SCANNED) as scanned:
        content = read_page(1, scanned[0], _no_layout_analysis, on_textless=fake_ocr)
    assert content == PageContent("OCR of page 1", ocr=True)


def test_text_only_pages_skip_layout_analysis(seed_pdfs: dict[str, BuiltPdf]) -> None:
    with pypdfium2.PdfDocument(seed_pdfs["002"].path) as document:
        content = read_page(2, document[1], _no_layout_analysis)
    assert one_line(content.text) in one_line(seed_text("002"))


def _no_layout_analysis() -> None:
    raise AssertionError("pdfplumber was opened for a page that needs only its text")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("truncated.pdf", "truncated PDF"),
        ("corrupt.pdf", "corrupt PDF"),
        ("encrypted.pdf", "encrypted PDF"),
    ],
)
def test_bad_pdf(bad_files: dict[str, Path], name: str, reason: str) -> None:
    with pytest.raises(ExtractionError, match=reason):
        extract(bad_files[name])


def test_owner_password_only_still_reads(owner_locked_pdf: Path) -> None:
    assert character_error_rate(extract(owner_locked_pdf).text, seed_text("002")) <= MAX_CER


def test_line_end_hyphen_kept_in_legacy_font_pdf() -> None:
    """In TCVN3 PDFs U+00AD is the letter "ư": a line ending in it must keep both the letter and the break."""
    document = extract(LEGACY_PDF)
    assert "\x02" not in document.text
    assert "§Çu t\xad\nvÒ ®¨ng ký kinh doanh" in document.text
