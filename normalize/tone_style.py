"""One declared tone-placement style, so "Uỷ ban"/"Ủy ban" and "hoà"/"hòa" match.

The declared style is the "old" one (hòa, hòe, thủy, Ủy): it is what Unikey and most Vietnamese
keyboards write by default, the spelling of most agency names in the seeds ("Ủy ban" 27 times
against 4 "Uỷ"), and the one the syllable inventory is generated in. Only the open rhymes oa, oe
and uy differ between the styles, so the step changes nothing else.
"""
from __future__ import annotations

from collections.abc import Iterator

import regex

from normalize.offsets import Edit
from normalize.steps import step
from normalize.syllables import TONE_STYLE, place_tone, split_tone, syllable_inventory

_OTHER_STYLE = "new" if TONE_STYLE == "old" else "old"
_WORD = regex.compile(r"\p{L}+")
# A vowel pair whose tone placement depends on the style.
_PAIR = regex.compile(r"(?i:[oòóỏõọ][aàáảãạeèéẻẽẹ]|[uùúủũụ][yỳýỷỹỵ])")
# The longest syllable has 7 letters ("nghiêng"); a longer run of letters is not a syllable whose tone
# could move, and skipping it keeps the step linear (a 40,000-letter "word" took 75 s).
MAX_WORD_LETTERS = 16


def _candidates(text: str) -> Iterator[regex.Match[str]]:
    """Words holding a style-dependent vowel pair."""
    for word in _WORD.finditer(text):
        if len(word.group()) <= MAX_WORD_LETTERS and _PAIR.search(word.group()):
            yield word


def _restyled(word: str) -> str:
    """`word` in the declared style if it is one syllable written in the other; anything else (two words run
    together, "hoạchvà", with two tone marks) as it is."""
    bare, tone = split_tone(word)
    if tone and word == place_tone(bare, tone, _OTHER_STYLE):
        restyled = place_tone(bare, tone, TONE_STYLE)
        if restyled.lower() in syllable_inventory():
            return restyled
    return word


def other_style(word: str) -> str:
    """`word` with its tone placed the undeclared way (unchanged where the styles agree)."""
    bare, tone = split_tone(word)
    return place_tone(bare, tone, _OTHER_STYLE)


def declared_tones(text: str) -> str:
    pieces, done = [], 0
    for match in _candidates(text):
        pieces += [text[done : match.start()], _restyled(match.group())]
        done = match.end()
    return "".join(pieces) + text[done:]


@step("tone_style")
def tone_style(text: str) -> list[Edit]:
    """Move tone marks of oa/oe/uy open syllables to the declared style ("hoà" → "hòa", "uỷ" → "ủy")."""
    edits = []
    for match in _candidates(text):
        restyled = _restyled(match.group())
        if restyled != match.group():
            edits.append(Edit(match.start(), match.end(), restyled))
    return edits
