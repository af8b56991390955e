"""Vietnamese syllables from orthography: onsets × rhymes × tones, and where a tone mark sits.

The inventory is generated (tables/syllable_parts.tsv), so it needs no word list and no licence; it
over-generates a little (rare or unused spellings), which only costs the repair model some
probability mass, never a false repair on its own.
"""
from __future__ import annotations

import unicodedata
from functools import cache

from normalize.steps import TABLES

VOWELS = frozenset("aăâeêioôơuưy")
_HATTED = frozenset("ăâêôơư")  # a vowel with a shape mark always carries the tone
_STOP_ENDINGS = ("c", "ch", "p", "t")
TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang huyền sắc hỏi ngã nặng
_STOP_TONES = ("\u0301", "\u0323")
# Open rhymes whose tone sits on the first vowel in the "old" style (hòa, hòe, thủy) and on the
# second in the "new" one (hoà, hoè, thuỷ).
STYLE_DEPENDENT_PAIRS = frozenset({"oa", "oe", "uy"})
TONE_STYLE = "old"


@cache
def _parts() -> dict[str, tuple[str, ...]]:
    parts: dict[str, list[str]] = {"onset": [], "rhyme": []}
    with open(TABLES / "syllable_parts.tsv", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip("\n"):
                continue
            kind, spelling = line.rstrip("\n").split("\t")[:2]
            parts[kind].append(spelling)
    return {kind: tuple(values) for kind, values in parts.items()}


def onset_length(bare: str) -> int:
    """Length of the written initial consonant of a toneless lowercase syllable ("qu", "gi" count)."""
    for onset in ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr"):
        if bare.startswith(onset):
            # "gi" and "qu" are onsets only when a vowel follows ("gìn" has onset "g", vowel "i").
            if onset in ("gi", "qu") and not any(char in VOWELS for char in bare[2:]):
                return 1
            return len(onset)
    return 1 if bare[:1] and bare[0] not in VOWELS else 0


def tone_position(bare: str, style: str = TONE_STYLE) -> int | None:
    """Index of the vowel that carries the tone in a toneless lowercase syllable, None without vowels."""
    start = onset_length(bare)
    nucleus = [i for i in range(start, len(bare)) if bare[i] in VOWELS]
    if not nucleus:
        return None
    hatted = [i for i in nucleus if bare[i] in _HATTED]
    if hatted:
        return hatted[-1]
    if bare[-1] not in VOWELS or len(nucleus) == 1:
        return nucleus[-1]
    if len(nucleus) == 3:
        return nucleus[1]
    pair = bare[nucleus[0]] + bare[nucleus[1]]
    if pair in STYLE_DEPENDENT_PAIRS and style == "new":
        return nucleus[1]
    return nucleus[0]


def split_tone(syllable: str) -> tuple[str, str]:
    """(toneless syllable, tone mark) of an NFC syllable; the mark is "" for ngang."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = next((mark for mark in TONE_MARKS[1:] if mark in decomposed), "")
    return unicodedata.normalize("NFC", decomposed.replace(tone, "")) if tone else syllable, tone


def place_tone(bare: str, tone: str, style: str = TONE_STYLE) -> str:
    """Write `tone` on the right vowel of a toneless syllable (case kept)."""
    position = tone_position(bare.lower(), style)
    if not tone or position is None:
        return bare
    marked = unicodedata.normalize("NFC", unicodedata.normalize("NFD", bare[position]) + tone)
    return bare[:position] + marked + bare[position + 1 :]


def _spell(onset: str, rhyme: str) -> str | None:
    """The written syllable, applying c/k, g/gh, ng/ngh and the gi/qu/y conventions; None if impossible."""
    front = rhyme[0] in "eêiy"
    if onset in ("c", "k"):
        onset = "k" if front else "c"
    elif onset == "g" and rhyme[0] in "eêi":
        onset = "gh"
    elif onset == "ng" and rhyme[0] in "eêi":
        onset = "ngh"
    if onset == "qu" and rhyme[0] in "uo":
        return None
    if onset == "gi" and rhyme[0] == "i":
        onset = "g"
    if rhyme.startswith("yê") and onset not in ("", "qu"):
        return None
    return onset + rhyme


@cache
def syllable_inventory() -> frozenset[str]:
    """Every lowercase NFC syllable Vietnamese spelling allows, tone placed in the declared style."""
    parts = _parts()
    found: set[str] = set()
    for onset in parts["onset"]:
        for rhyme in parts["rhyme"]:
            bare = _spell(onset, rhyme)
            if bare is None:
                continue
            tones = _STOP_TONES if rhyme.endswith(_STOP_ENDINGS) else TONE_MARKS
            found.update(place_tone(bare, tone) for tone in tones)
    return frozenset(found)
