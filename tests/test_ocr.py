"""OCR of pages without a text layer: a seed page rasterized and read back, and a real scanned plan."""
from __future__ import annotations

import pypdfium2
import pytest

from extract.ocr import ocr_page
from outputs.run.build import process
from tests.paths import CORPUS, REAL_PDF
from tests.pdf_fixtures import image_only_pdf, typeset_pdf

pytestmark = pytest.mark.slow  # tesseract on rasterized pages

SCANNED = next(REAL_PDF.glob("*_SCANNED.pdf"), None)
MAX_CHARACTER_ERROR_RATE = 0.10


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _words(text: str) -> str:
    return " ".join(text.split())


def _seed_paragraphs(limit_chars: int = 700) -> list[str]:
    """The opening prose of a seed plan (its letterhead is laid out in columns, so skipped)."""
    text = (CORPUS / "000_9d0e9e449bb4ec6b.txt").read_text(encoding="utf-8")
    body = _words(text[text.index("Thực hiện Nghị quyết") :])
    return [body[: body.rindex(" ", 0, limit_chars)]]


def test_a_rasterized_seed_page_is_read_back_within_ten_percent_cer():
    paragraphs = _seed_paragraphs()
    scan = pypdfium2.PdfDocument(image_only_pdf(typeset_pdf(paragraphs)))
    assert not scan[0].get_textpage().get_text_bounded().strip(), "the rasterized page must have no text layer"
    expected, read = _words(paragraphs[0]), _words(ocr_page(scan[0]))
    assert _edit_distance(expected, read) / len(expected) <= MAX_CHARACTER_ERROR_RATE, read


@pytest.mark.skipif(SCANNED is None, reason="the real scanned plan is not on this machine")
def test_a_real_scanned_plan_gives_vietnamese_text():
    page = pypdfium2.PdfDocument(SCANNED)[0]
    text = ocr_page(page)
    for phrase in ("Độc lập - Tự do - Hạnh phúc", "KẾ HOẠCH", "Căn cứ"):
        assert phrase in text


def test_findings_read_from_a_scanned_page_say_so(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_pdf(typeset_pdf(["I. MỤC TIÊU", "1. Mục tiêu chung", "Thu hẹp khoảng cách giới."])))
    result = process(scan)
    assert result.document.ocr_pages == (1,)
    # Read without a gap, and nothing missed: no header to read, no figure in the objectives.
    assert (result.document.status, result.document.warnings) == ("ok", ())
    sections = result.findings["sections"]
    assert [s.section_id for s in sections] == ["I", "I.1"]
    assert all(s.ocr and s.page == 1 for s in sections)
