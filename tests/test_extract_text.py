"""Text backend: encodings detected from the bytes, text kept as decoded; format sniffing of other files."""
from __future__ import annotations

import codecs
import hashlib
import unicodedata
from pathlib import Path

import pytest

from extract import ExtractionError, extract
from tests.docs_builders import SEEDS, seed_text
from tests.paths import LEGACY

pytest_plugins = ["tests.docs_fixtures"]

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def windows_1258_form(text: str) -> str:
    """How Windows-1258 spells Vietnamese: letters precomposed with their hat/horn/breve, tone marks combining."""
    spelled = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        spelled.append(base + "".join(c for c in parts if c in TONE_MARKS))
    return "".join(spelled)


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16 LE with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16 BE with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16 LE": lambda text: text.encode("utf-16-le"),
    "utf-16 BE": lambda text: text.encode("utf-16-be"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("key", SEEDS)
def test_unicode_encodings_round_trip(tmp_path: Path, key: str, encoding: str) -> None:
    path = tmp_path / f"{key}.txt"
    path.write_bytes(ENCODINGS[encoding](seed_text(key)))
    document = extract(path)
    assert document.text == seed_text(key)
    assert (document.format, document.warnings, document.pages) == ("txt", (), ())


@pytest.mark.parametrize("key", SEEDS)
def test_windows_1258_detected_and_left_decomposed(tmp_path: Path, key: str) -> None:
    spelled = windows_1258_form(seed_text(key))
    path = tmp_path / f"{key}.txt"
    path.write_bytes(spelled.encode("cp1258"))
    document = extract(path)
    assert document.text == spelled  # combining tone marks kept: composing them is normalize/'s step
    assert unicodedata.normalize("NFC", document.text) == unicodedata.normalize("NFC", seed_text(key))
    assert document.warnings == ()


def test_identity_from_bytes(tmp_path: Path) -> None:
    path = tmp_path / "Kế hoạch số 1.txt"
    path.write_text(seed_text("002"), encoding="utf-8")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    document = extract(path)
    assert (document.sha256, document.doc_id, document.path) == (digest, digest[:16], str(path))
    assert document.page_at(10) is None


def test_legacy_8bit_text_is_kept_byte_for_byte(tmp_path: Path) -> None:
    tcvn3 = b"B\xb8o c\xb8o T\xd7nh h\xd7nh th\xf9c hi\xd6n"  # "Báo cáo Tình hình thực hiện" in .VnTime
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(tcvn3)
    document = extract(path)
    assert document.text == tcvn3.decode("latin-1")
    assert "Latin-1" in document.warnings[0]


@pytest.mark.parametrize(
    ("name", "reason"),
    [("zero.txt", "empty file"), ("junk.txt", "binary data, not text"), ("junk.docx", "named .docx")],
)
def test_bad_text_inputs(bad_files: dict[str, Path], name: str, reason: str) -> None:
    with pytest.raises(ExtractionError, match=reason) as raised:
        extract(bad_files[name])
    assert raised.value.path == str(bad_files[name])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="cannot read file"):
        extract(tmp_path / "absent.txt")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("2004-0328NDCP.doc", "legacy Word .doc"),
        ("2005-QD-256.doc", "legacy Word .doc"),
        ("2005-KH2003-bieu.xls", "legacy Excel .xls"),
        ("2003-A-15.rtf", "RTF is not supported"),
    ],
)
def test_unsupported_real_files(name: str, reason: str) -> None:
    with pytest.raises(ExtractionError, match=reason):
        extract(LEGACY / name)
