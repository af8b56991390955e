"""Fonts that name none of their glyphs: a seed excerpt typeset as PDF, its ToUnicode map and the font's own
cmap removed, extracts as one private-use character per glyph, and the `glyph_cipher` step solves it with a
language model that never saw that seed."""
from __future__ import annotations

import unicodedata

import pytest

from extract import extract
from extract.fonts import CIPHER_WARNING
from extract.marks import UNKNOWN
from normalize import NormalizedText, default_steps, normalize
from normalize.repair import LOW_CONFIDENCE, RepairModel, glyph_cipher
from normalize.repair.cipher_climb import CIPHER
from tests.docs_builders import SEEDS, seed_text
from tests.pdf_fixtures import edited_fonts, strip_font_maps, typeset_pdf

pytestmark = pytest.mark.slow  # solving a whole enciphered seed

SEED = "002"
EXCERPT_CHARS = 5000  # two pages: the least text the cipher is meant to be solved from
# Measured 1.9% (glyph_cipher alone, position by position); rare capitals and punctuation make most of it.
MAX_CER = 0.04


def folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def excerpt(text: str, size: int) -> str:
    lines = text.replace("\t", " ").split("\n")  # the font has no tab glyph
    kept: list[str] = []
    while sum(len(line) + 1 for line in kept) < size:
        kept.append(lines[len(kept)])
    return "\n".join(kept)


@pytest.fixture(scope="module")
def model() -> RepairModel:
    return RepairModel.train(seed_text(key) for key in SEEDS if key != SEED)


@pytest.fixture(scope="module")
def source() -> str:
    return excerpt(seed_text(SEED), EXCERPT_CHARS)


@pytest.fixture(scope="module")
def enciphered(source: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cipher") / "hopeless.pdf"
    path.write_bytes(edited_fonts(typeset_pdf(source.split("\n"), bold_headings=True), strip_font_maps))
    document = extract(path)
    assert sum(CIPHER_WARNING in warning for warning in document.warnings) == 2  # the regular and the bold face
    return folded(document.text)


@pytest.fixture(scope="module")
def normalized(enciphered: str, model: RepairModel) -> NormalizedText:
    return normalize(enciphered, [glyph_cipher(model)])


def test_the_glyphs_are_read(normalized: NormalizedText, source: str) -> None:
    wanted = folded(source)
    assert len(normalized.text) == len(wanted)  # one character per glyph
    wrong = sum(got != char for got, char in zip(normalized.text, wanted, strict=True))
    assert wrong / len(wanted) <= MAX_CER


def test_no_digit_is_invented(normalized: NormalizedText, source: str) -> None:
    """A digit is one the document's numbers pin down, or it stays unknown."""
    pairs = list(zip(normalized.text, folded(source), strict=True))
    assert all(got == char for got, char in pairs if got.isdigit())
    assert any(got == UNKNOWN and char.isdigit() for got, char in pairs)
    assert sum(got.isdigit() for got, _ in pairs) > sum(char.isdigit() for _, char in pairs) / 2


def test_the_readings_are_repairs(normalized: NormalizedText, enciphered: str) -> None:
    assert CIPHER.search(normalized.text) is None
    repairs = normalized.repairs
    assert {repair.step for repair in repairs} == {"glyph_cipher"}
    assert sum(len(repair.after) for repair in repairs) == len(enciphered.replace(" ", ""))
    assert all(0.0 <= repair.confidence <= 1.0 for repair in repairs)
    assert all(repair.confidence == 0.0 for repair in repairs if "\ufffd" in repair.after)
    flagged = [repair for repair in repairs if repair.confidence < LOW_CONFIDENCE]
    assert 0 < len(flagged) < len(repairs) / 4


def test_the_step_comes_first() -> None:
    """Before the legacy decoders and repairs, which would read private-use characters as damage."""
    assert default_steps()[0].name == "glyph_cipher"


class _Unusable:
    """A model the step must not touch."""

    def __getattr__(self, name: str) -> None:
        raise AssertionError(f"the model was used ({name})")


def test_text_without_enciphered_glyphs_is_left_alone() -> None:
    step = glyph_cipher(_Unusable())  # type: ignore[arg-type]
    assert step(seed_text(SEED)) == []
    assert step("") == []
