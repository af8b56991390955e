"""Tokens as the repair model sees them: a core (syllable, number, abbreviation) between punctuation, its
unit (lowercase syllable, the number class, or the token itself), its case form, and the marks lines open with.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from extract.marks import UNKNOWN
from normalize.syllables import syllable_inventory
from normalize.tone_style import declared_tones

NUMBER_UNIT = "<num>"
# What the word after a percentage or a year sees: "30% số xã", "năm 2003 lên 36,5%", where a count or a
# multiple is followed by other words ("1,7 lần", "03 lớp").
PERCENT_CONTEXT = "<num%>"
YEAR_CONTEXT = "<year>"
_YEAR = regex.compile(r"(?:19|20)\d\d")
LINE_START = "<s>"
INDENT = "<indent>"  # a space that opens a line, before what follows
DIGIT = "<digit>"  # a digit before another digit, directly or after one space
TOKEN = regex.compile(r"\S+")
_SPLIT = regex.compile(r"^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$")
_NUMBER = regex.compile(r"\d(?:[\d.,/\-]*\d)?")


def number_shape(written: str) -> str:
    """A number token with its digits hidden: "(2021-2030)," → "(����-����),"."""
    return str(regex.sub(r"\d", UNKNOWN, written))


@dataclass(frozen=True)
class Token:
    prefix: str
    core: str
    suffix: str

    @property
    def unit(self) -> str:
        """What the language model sees: the lowercase syllable, a number class, or the token itself."""
        if _NUMBER.fullmatch(self.core):
            return NUMBER_UNIT
        return (self.core or self.prefix + self.suffix).lower()

    @property
    def context(self) -> str:
        return context_unit(self.unit, self.prefix + self.core + self.suffix)


def context_unit(unit: str, written: str) -> str:
    """The unit as the next word's context: a percentage and a year are contexts of their own."""
    if unit != NUMBER_UNIT:
        return unit
    if "%" in written:
        return PERCENT_CONTEXT
    return YEAR_CONTEXT if _YEAR.fullmatch(split_token(written).core) else unit


def split_token(text: str) -> Token:
    match = _SPLIT.match(text)
    assert match is not None  # the pattern matches every string
    return Token(*match.groups())


def tokens(line: str) -> list[Token]:
    return [split_token(match.group()) for match in TOKEN.finditer(line)]


CASE_FORMS = ("lower", "title", "upper")


def case_form(word: str) -> str:
    if word.islower():
        return "lower"
    return "upper" if word.isupper() and len(word) > 1 else "title"


def mostly_capitals(line: str) -> bool:
    """Whether a line writes its words in capitals: a heading. Abbreviations do not count when the line has
    syllables ("- TT HĐND huyện (B/c);" is no heading)."""
    cores = [token.core for token in tokens(line)]
    syllables = [core for core in cores if declared_tones(core.lower()) in syllable_inventory()]
    letters = [char for core in syllables or cores for char in core if char.isalpha()]
    return sum(char.isupper() for char in letters) > 0.6 * len(letters)


BULLETS = frozenset("-+*–•")


def opens_sentence(written: str, first: bool) -> bool:
    """Whether the word after this token (`first` on its line) starts a sentence: after . : ; ? !, a label
    "a)", or a bullet that opens the line; a dash inside a line joins ("kinh tế - xã hội")."""
    return written[-1] in ".:;?!" or (first and written in BULLETS) or (written[-1] == ")" and len(written) <= 3)


def clean_form(text: str) -> str:
    """Training text in the form the repair sees: NFC, tone marks in the declared style."""
    return declared_tones(unicodedata.normalize("NFC", text))

