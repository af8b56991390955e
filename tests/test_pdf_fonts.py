"""Broken PDF fonts: seed PDFs whose ToUnicode maps are stripped (or wrong) read back as the seed text."""
from __future__ import annotations

import io
import logging
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2
import pytest
from rapidfuzz.distance import Levenshtein

from extract import extract
from extract.fonts import CIPHER_WARNING, repair_fonts, to_unicode_cmap, unreadable_share
from extract.marks import cipher_font
from tests.docs_builders import SEEDS, BuiltPdf, seed_text
from tests.pdf_fixtures import edited_fonts as edit_fonts
from tests.pdf_fixtures import strip_font_maps

pytest_plugins = ["tests.docs_fixtures"]

MAX_CER = 0.01
PRIVATE_USE = 0xE000
REBUILT = "ToUnicode rebuilt from its embedded cmap"

FontEdit = Callable[[pikepdf.Pdf, pikepdf.Dictionary], None]


def folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def character_error_rate(extracted: str, source: str) -> float:
    return Levenshtein.distance(folded(extracted), folded(source)) / len(folded(source))


def edited_fonts(source: Path, edit: FontEdit) -> bytes:
    return edit_fonts(source.read_bytes(), edit)


def strip_to_unicode(pdf: pikepdf.Pdf, font: pikepdf.Dictionary) -> None:
    del font["/ToUnicode"]


def private_use_to_unicode(pdf: pikepdf.Pdf, font: pikepdf.Dictionary) -> None:
    """A wrong map, as some generators write: every code to a private-use character."""
    font.ToUnicode = pdf.make_stream(to_unicode_cmap({code: chr(PRIVATE_USE + code) for code in range(1, 256)}))


def pdfium_text(data: bytes) -> str:
    with pypdfium2.PdfDocument(data) as document:
        return "\n".join(page.get_textpage().get_text_bounded() for page in document)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("key", SEEDS)
def test_stripped_maps_are_rebuilt(
    seed_pdfs: dict[str, BuiltPdf], tmp_path: Path, caplog: pytest.LogCaptureFixture, key: str
) -> None:
    stripped = edited_fonts(seed_pdfs[key].path, strip_to_unicode)
    assert character_error_rate(pdfium_text(stripped), seed_text(key)) > 0.5  # the damage is real
    with caplog.at_level(logging.INFO, logger="extract.pdf"):
        document = extract(write(tmp_path, f"{key}.pdf", stripped))
    assert character_error_rate(document.text, seed_text(key)) <= MAX_CER
    assert document.warnings == ()
    assert REBUILT in caplog.text


def test_pdfplumber_sees_cid_codes_without_the_map(seed_pdfs: dict[str, BuiltPdf]) -> None:
    stripped = edited_fonts(seed_pdfs["002"].path, strip_to_unicode)
    with pdfplumber.open(io.BytesIO(stripped)) as pdf:
        assert "(cid:" in (pdf.pages[0].extract_text() or "")


def test_a_private_use_map_is_replaced(seed_pdfs: dict[str, BuiltPdf], tmp_path: Path) -> None:
    wrong = edited_fonts(seed_pdfs["002"].path, private_use_to_unicode)
    assert unreadable_share(pdfium_text(wrong)) > 0.5
    document = extract(write(tmp_path, "wrong.pdf", wrong))
    assert character_error_rate(document.text, seed_text("002")) <= MAX_CER


def test_intact_maps_are_left_alone(seed_pdfs: dict[str, BuiltPdf]) -> None:
    data = seed_pdfs["002"].path.read_bytes()
    repair = repair_fonts(data)
    assert repair.data is data
    assert (repair.notes, repair.warnings) == ((), ())


def test_a_font_without_any_map_is_enciphered(seed_pdfs: dict[str, BuiltPdf], tmp_path: Path) -> None:
    """Each glyph reads as one private-use character throughout, its blank glyph as a space: a substitution
    of the seed's characters that normalize can solve, and a warning that says so."""
    hopeless = edited_fonts(seed_pdfs["002"].path, strip_font_maps)
    document = extract(write(tmp_path, "hopeless.pdf", hopeless))
    reason = f"no usable ToUnicode map nor embedded cmap, {CIPHER_WARNING}"
    assert document.warnings == (f"font MPDFAA+DejaVuSansBook: {reason}",)
    extracted, source = folded(document.text), folded(seed_text("002"))
    assert len(extracted) == len(source)
    read_as: dict[str, set[str]] = {}
    for cipher, char in zip(extracted, source, strict=True):
        read_as.setdefault(cipher, set()).add(char)
    assert read_as.pop(" ") == {" "}
    assert all(cipher_font(cipher) == 0 and len(chars) == 1 for cipher, chars in read_as.items())
    assert len(read_as) == len(set(source) - {" "})
