"""Legacy Vietnamese encodings read as if they were Latin-1: TCVN3 (ABC, the .Vn fonts), VNI and VIQR.

"B¸o c¸o T×nh h×nh" is TCVN3 for "Báo cáo Tình hình". Each encoding is a named step that decodes a
document only on overwhelming evidence: decoding must turn many words that are no Vietnamese
syllable into syllables, and few the other way; text that is already right is left as it is.
Windows-1258 text (base letters with combining tones) and NFD need no table: `nfc` composes them.
"""
from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable
from functools import cache

import regex

from normalize.offsets import Edit
from normalize.repair.tokens import mostly_capitals, split_token
from normalize.steps import TABLES, NamedStep
from normalize.syllables import syllable_inventory
from normalize.tone_style import declared_tones

MIN_GAINED_WORDS = 5
_DECODED_CONFIDENCE = 1.0
MIN_GAINED_SHARE = 0.2  # of the document's words with letters, that decoding must turn into syllables
_WORD = regex.compile(r"\S+")
_CORE = regex.compile(r"[^\W\d_]+")


@cache
def _table(name: str, key: str) -> dict[str, str]:
    with open(TABLES / name, encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {(chr(int(row[key], 16)) if key == "codepoint" else row[key]): row["character"] for row in rows}


def decode_tcvn3(word: str) -> str:
    table = _table("tcvn3.tsv", "codepoint")
    return "".join(table.get(char, char) for char in word)


@cache
def _vni_pattern() -> regex.Pattern[str]:
    codes = sorted(_table("vni.tsv", "code"), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(code) for code in codes))


def decode_vni(word: str) -> str:
    table = _table("vni.tsv", "code")
    return str(_vni_pattern().sub(lambda match: table[match.group()], word))


_VIQR_TONES = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_VIQR_SHAPES = {"^": "\u0302", "(": "\u0306", "+": "\u031b"}
_VIQR_SHAPE_VOWELS = {"^": "aeoAEO", "(": "aA", "+": "ouOU"}
# A backslash keeps the next character literal ("\\." is a full stop after a vowel, not a nặng tone).
_VIQR_LETTER = regex.compile(r"\\([\^(+'`?~.\\])|(?i)(dd)|([aeiouy])([\^(+]?)(['`?~.]?)")


def decode_viqr(word: str) -> str:
    """"Vie^.t" → "Việt", "dd" → "đ". Only a shape or tone that fits the vowel is taken."""

    def letter(match: regex.Match[str]) -> str:
        literal, dd, vowel, shape, tone = match.groups()
        if literal:
            return str(literal)
        if dd:
            return "Đ" if dd[0] == "D" else "đ"
        fits = not shape or vowel in _VIQR_SHAPE_VOWELS[shape]
        mark = _VIQR_SHAPES[shape] if shape and fits else ""
        composed = unicodedata.normalize("NFC", vowel + mark + _VIQR_TONES.get(tone, ""))
        return composed if fits else composed + shape

    return str(_VIQR_LETTER.sub(letter, word))


def _is_syllable(core: str) -> bool:
    return declared_tones(core.lower()) in syllable_inventory()


def _syllables(word: str) -> int:
    """1 if the word, punctuation around it aside, is a Vietnamese syllable."""
    return int(_is_syllable(split_token(word).core))


def legacy_step(name: str, decode: Callable[[str], str], decode_text: Callable[[str], str] | None = None) -> NamedStep:
    """A step decoding every word of a document with `decode`, if the document is in that encoding; then, if
    given, every line with `decode_text` (which sees a line's other words). Each decoded word is logged as a
    repair: the table is sure, but the text changed."""

    def step(text: str) -> list[Edit]:
        changed = [(match, decode(match.group())) for match in _WORD.finditer(text)]
        changed = [(match, decoded) for match, decoded in changed if decoded != match.group()]
        gained = sum(_syllables(decoded) - _syllables(match.group()) for match, decoded in changed)
        words = sum(1 for _ in _CORE.finditer(text))
        if gained < max(MIN_GAINED_WORDS, MIN_GAINED_SHARE * words):
            return []
        if decode_text is not None:
            decoded_text = decode_text(text)
            changed = [(m, decoded_text[m.start() : m.end()]) for m in _WORD.finditer(text)]
            changed = [(match, decoded) for match, decoded in changed if decoded != match.group()]
        return [Edit(match.start(), match.end(), decoded, _DECODED_CONFIDENCE) for match, decoded in changed]

    return NamedStep(name, step)


def decode_tcvn3_text(text: str) -> str:
    """TCVN3 text decoded line by line. The capitals of the .VnTimeH heading fonts sit under the codes of the
    lower-case letters: in a line in capitals, a decoded letter of a word written in capitals is a capital
    ("NGHÞ §ÞNH" is "NGHỊ ĐỊNH", not "NGHị ĐịNH"). Decoding keeps every character's place."""
    return "\n".join(_decode_tcvn3_line(line) for line in text.split("\n"))


def _decode_tcvn3_line(line: str) -> str:
    decoded = decode_tcvn3(line)
    if not mostly_capitals(decoded):
        return decoded
    return str(_WORD.sub(lambda word: _capitals(line[word.start() : word.end()], word.group()), decoded))


def _capitals(written: str, decoded: str) -> str:
    if not any(char.isupper() for char in decoded):
        return decoded  # a word in lower case stays so ("TRÌNH tự")
    return "".join(d.upper() if w != d else d for w, d in zip(written, decoded, strict=True))


tcvn3 = legacy_step("tcvn3", decode_tcvn3, decode_tcvn3_text)
vni = legacy_step("vni", decode_vni)
viqr = legacy_step("viqr", decode_viqr)
