"""Legacy encodings decode back to the seed; text already right is never touched."""
from __future__ import annotations

import difflib
import unicodedata
from functools import cache

import pdfplumber
import pytest
import regex

from normalize import normalize
from normalize.legacy import _table, decode_viqr, tcvn3, viqr, vni
from normalize.repair.tokens import mostly_capitals
from normalize.syllables import syllable_inventory
from normalize.tone_style import declared_tones, tone_style
from tests.paths import CORPUS, LEGACY, SHARED

CLEAN_SEEDS = ["000", "001", "002", "004"]
_VIQR_TONES = {"\u0301": "'", "\u0300": "`", "\u0309": "?", "\u0303": "~", "\u0323": "."}
_VIQR_SHAPES = {"\u0302": "^", "\u0306": "(", "\u031b": "+"}


@cache
def seed(prefix: str) -> str:
    return unicodedata.normalize("NFC", next(CORPUS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))


def to_tcvn3(text: str) -> str:
    """TCVN3 has no upper-case toned letters (the .VnTimeH font draws them from lower-case codes)."""
    codes = {char: code for code, char in _table("tcvn3.tsv", "codepoint").items() if code not in ("\u2212", "\u2219")}
    return "".join(codes.get(char, codes.get(char.lower(), char)) for char in text)


def lower_toned_capitals(text: str) -> str:
    """What TCVN3 gives back: toned capitals in lower case, but in a heading in capitals, where the words
    written in capitals get theirs back."""
    codes = {char for code, char in _table("tcvn3.tsv", "codepoint").items()}
    lines = []
    for line in text.split("\n"):
        lowered = "".join(char.lower() if char not in codes and char.lower() in codes else char for char in line)
        if mostly_capitals(lowered):
            words = zip(regex.split(r"(\s+)", line), regex.split(r"(\s+)", lowered), strict=True)
            lowered = "".join(word if any(c.isupper() for c in low) else low for word, low in words)
        lines.append(lowered)
    return "\n".join(lines)


def to_vni(text: str) -> str:
    codes = {char: code for code, char in _table("vni.tsv", "code").items()}
    return "".join(codes.get(char, char) for char in text)


def to_viqr(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("đ", "dd").replace("Đ", "DD")
    out = []
    for char in escaped:
        if out and out[-1][-1:].lower() in "aeiouy" and char in "^(+'`?~.":
            out.append("\\" + char)
            continue
        base, *marks = unicodedata.normalize("NFD", char)
        shapes = "".join(_VIQR_SHAPES.get(mark, "") for mark in marks)
        out.append(base + shapes + "".join(_VIQR_TONES.get(mark, "") for mark in marks))
    return "".join(out)


def to_windows_1258(text: str) -> str:
    """Windows-1258 keeps letters with a shape (ê, ơ, ă) whole and writes the tone as a combining mark."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(mark for mark in decomposed if mark in _VIQR_TONES)
        out.append(unicodedata.normalize("NFC", decomposed.replace(tone, "") if tone else decomposed) + tone)
    return "".join(out)


@pytest.mark.parametrize(
    ("encode", "expected"),
    [
        (to_tcvn3, lower_toned_capitals),
        (to_vni, lambda text: text),
        (to_viqr, lambda text: text),
        (lambda text: unicodedata.normalize("NFD", text), lambda text: text),
        (to_windows_1258, lambda text: text),
    ],
    ids=["tcvn3", "vni", "viqr", "nfd", "windows-1258"],
)
def test_legacy_encoded_seed_comes_back_identical(encode, expected):
    text = seed("002")
    encoded = encode(text)
    assert encoded != text
    assert normalize(encoded).text == normalize(expected(text)).text


@pytest.mark.parametrize("prefix", CLEAN_SEEDS)
@pytest.mark.parametrize("legacy_step", [tcvn3, vni, viqr], ids=lambda s: s.name)
def test_unicode_seeds_are_not_decoded(prefix, legacy_step):
    assert legacy_step(seed(prefix)) == []


def test_viqr_escapes_and_dd():
    assert decode_viqr(r"Vie^.t Nam dda^'t nu+o+'c ta\.") == "Việt Nam đất nước ta."


def character_error_rate(found: str, truth: str) -> float:
    matcher = difflib.SequenceMatcher(None, found, truth, autojunk=False)
    return 1 - sum(block.size for block in matcher.get_matching_blocks()) / max(len(found), len(truth))


@pytest.mark.slow
@pytest.mark.skipif(not LEGACY.exists(), reason="shared legacy files not present")
@pytest.mark.parametrize("name", ["2006-19412_QD115.04TTg_BLTch_DNNVV", "2006-16EZE_TT01.06GopvonDNNVV"])
def test_real_tcvn3_pdf_decodes_to_its_transcript(name):
    with pdfplumber.open(LEGACY / f"{name}.pdf") as pdf:
        extracted = "\n".join(page.extract_text() or "" for page in pdf.pages)
    truth = (LEGACY / "ground_truth_from_viparse_corpus" / f"{name}.txt").read_text(encoding="utf-8")
    decoded = normalize(extracted, [tcvn3, vni, viqr]).text
    assert character_error_rate(extracted, truth) > 0.1
    assert character_error_rate(decoded, truth) <= 0.01


@pytest.mark.skipif(not LEGACY.exists(), reason="shared legacy files not present")
def test_tcvn3_headings_in_capitals_and_extracted_look_alikes_decode_as_letters():
    # ND109's headings are set in .VnTimeH, whose capitals sit under the codes of lower-case letters; TT01's
    # PDF text writes the middle dot of "ã" as U+2219.
    decoded = {}
    for name in ("2006-1E499_ND109veDKKD_dacotrenmucPTDNN-V", "2006-16EZE_TT01.06GopvonDNNVV"):
        with pdfplumber.open(LEGACY / f"{name}.pdf") as pdf:
            extracted = "\n".join(page.extract_text() or "" for page in pdf.pages)
        decoded[name] = normalize(extracted, [tcvn3, vni, viqr])
    headings = decoded["2006-1E499_ND109veDKKD_dacotrenmucPTDNN-V"].text
    for heading in ("NGHỊ ĐỊNH CỦA CHÍNH PHỦ", "NHIỆM VỤ, QUYỀN HẠN, TỔ CHỨC BỘ MÁY", "ĐIỀU KHOẢN THI HÀNH"):
        assert heading in headings
    assert "Nghị định này" in headings  # sentence case stays so
    assert "\u2219" not in decoded["2006-16EZE_TT01.06GopvonDNNVV"].text
    for result in decoded.values():
        # Every decoded word is a logged repair of the tcvn3 step.
        assert result.repairs and all(repair.step == "tcvn3" for repair in result.repairs)


def test_tone_style_moves_only_oa_oe_uy_marks():
    written = "Uỷ ban, hoà bình, khoẻ, thuỷ, quý, hoàn, hoạch"
    assert declared_tones(written) == "Ủy ban, hòa bình, khỏe, thủy, quý, hoàn, hoạch"


def test_tone_style_leaves_two_words_run_together_alone():
    # "hoạchvà" holds two tone marks: moving one of them gave "hòạchva".
    assert declared_tones("kế hoạchvà giải pháp, thuỷ") == "kế hoạchvà giải pháp, thủy"


@pytest.mark.skipif(not (SHARED / "real-files/plans-dev").exists(), reason="shared real files not present")
def test_tone_style_on_real_pages_only_restyles_syllables():
    pages = sorted((SHARED / "real-files").glob("*/*.txt"))
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for edit in tone_style(text):
            assert declared_tones(edit.replacement.lower()) in syllable_inventory(), (page.name, edit)
            assert without_tones(text[edit.start : edit.end]) == without_tones(edit.replacement)


def without_tones(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", text) if char not in _VIQR_TONES)


@pytest.mark.parametrize("prefix", CLEAN_SEEDS)
def test_tone_style_changes_a_seed_only_in_the_declared_way(prefix):
    text = seed(prefix)
    edits = tone_style(text)
    for edit in edits:
        before = text[edit.start : edit.end]
        assert without_tones(before) == without_tones(edit.replacement)
        assert regex.search(r"(?i)oa|oe|uy", without_tones(before))
    assert declared_tones(declared_tones(text)) == declared_tones(text)
