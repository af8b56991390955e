"""Which digit each digit glyph of an enciphered document is: the one under which the document's numbers
(numbering sequences, years, periods, dates) make most sense; a glyph nothing pins stays UNKNOWN."""
from __future__ import annotations

import itertools
import math

import regex

from extract.marks import CIPHER_RANGE, UNKNOWN, cipher_font
from normalize.offsets import Edit, applied
from normalize.repair.cipher_climb import CIPHER, GlyphReading
from normalize.repair.cipher_scores import DIGITS

_N = rf"[\d{CIPHER_RANGE}]"  # a digit, or a glyph that reads as one
_LABEL = regex.compile(rf"^ *(?P<label>{_N}+(?:\.{_N}+)*)(?:[.)](?: |$)|\.?\t)", regex.MULTILINE)
_ROMAN_HEADING = regex.compile(r"^ *[IVXL]+(?:\. |\t)", regex.MULTILINE)  # restarts the arabic outline
_LIST_ITEM = regex.compile(rf"^[ \t]*[-+]?[ \t]*Chỉ tiêu (?P<label>{_N}+)[:.]", regex.MULTILINE)
_YEAR = regex.compile(rf"\bnăm (?P<year>{_N}{{4}})(?!{_N})")
_PERIOD = regex.compile(rf"(?<!{_N})(?P<first>{_N}{{4}}) ?[-–] ?(?P<second>{_N}{{4}})(?!{_N})")
_DATE = regex.compile(rf"(?<![{_N}/])(?P<day>{_N}{{1,2}})/(?P<month>{_N}{{1,2}})/(?P<year>{_N}{{4}})(?!{_N})")
_YEARS = range(1945, 2101)  # the years a plan's text names
_LONGEST_PERIOD = 10
_DIGIT_STARTS = 10
# A digit is pinned only where it makes two more of the document's numbers right than any other would: one
# number alone is misled by a digit glyph the letters took ("2.4, 2.?, 2.6" with the 5 read as a letter).
_PIN_MARGIN = 2.0


def glyph_edits(text: str, readings: dict[str, GlyphReading]) -> list[Edit]:
    """One repair per run of enciphered glyphs, as sure as its least sure glyph."""
    edits = []
    for match in CIPHER.finditer(text):
        glyphs = [readings[glyph] for glyph in match.group()]
        replacement = "".join(reading.char for reading in glyphs)
        edits.append(Edit(match.start(), match.end(), replacement, min(reading.confidence for reading in glyphs)))
    return edits


def pinned_digits(text: str, readings: dict[str, GlyphReading], digits: set[str]) -> list[Edit]:
    """The edits, with each digit glyph read as the digit under which the document's numbers make most sense
    (`Numbers`), as sure as its best alternative is worse; a glyph whose digit changes nothing stays
    UNKNOWN."""
    shown = glyph_edits(text, readings | {glyph: GlyphReading(glyph, 0.0) for glyph in digits})
    numbers = Numbers(applied(text, shown))
    return glyph_edits(text, readings | numbers.solve(sorted(digits, key=text.count, reverse=True)))



class Numbers:
    """What the document's numbers must be: outline labels and "Chỉ tiêu N" lists count up in sequence,
    years after "năm" are years, a period "2021-2025" runs forward, dates are dates. Each distinct step of a
    sequence, year, period or date that is so under an assignment of digits to the digit glyphs counts one."""

    def __init__(self, text: str) -> None:
        outline = [(m.start(), None) for m in _ROMAN_HEADING.finditer(text)]
        outline += [(m.start(), m.group("label")) for m in _LABEL.finditer(text)]
        outline.sort()
        sequences: list[list[str | None]] = [[None, *(label for _, label in outline)]]
        starts = [start for start, label in outline if label is not None] + [len(text)]
        items = [(m.start(), m.group("label")) for m in _LIST_ITEM.finditer(text)]
        for low, high in zip([-1, *starts], starts, strict=False):
            sequences.append([None, *(label for start, label in items if low < start < high)])
        # Each distinct fact once: a passage the document repeats says nothing new.
        self.steps = sorted({(before, label) for sequence in sequences
                             for before, label in itertools.pairwise(sequence) if label is not None},
                            key=str)
        self.years = sorted({m.group("year") for m in _YEAR.finditer(text)})
        self.periods = sorted({(m.group("first"), m.group("second")) for m in _PERIOD.finditer(text)})
        self.dates = sorted({(m.group("day"), m.group("month"), m.group("year")) for m in _DATE.finditer(text)})

    def score(self, table: dict[int, str]) -> float:
        score = sum(_follows(_numbers(before, table), _numbers(label, table) or []) for before, label in self.steps)
        score += sum(_value(year, table) in _YEARS for year in self.years)
        for first, second in self.periods:
            start, end = _value(first, table), _value(second, table)
            score += start in _YEARS and 0 < end - start <= _LONGEST_PERIOD
        for day, month, year in self.dates:
            score += 1 <= _value(day, table) <= 31 and 1 <= _value(month, table) <= 12 and _value(year, table) in _YEARS
        return score

    def solve(self, glyphs: list[str]) -> dict[str, GlyphReading]:
        """Digit glyph → its digit and confidence: the best of a few starts, climbed by swaps."""
        best: dict[int, str] = {}
        for start in range(_DIGIT_STARTS):
            table = {ord(glyph): DIGITS[(index + start) % len(DIGITS)] for index, glyph in enumerate(glyphs)}
            self._climb(table, glyphs)
            if not best or self.score(table) > self.score(best):
                best = table
        if any(_follows(_numbers(before, best), _numbers(label, best) or []) == 0 for before, label in self.steps):
            # A step out of sequence under the best digits: a digit glyph the letters took, or a numbering
            # error. Either way a sequence shifted by one fits as well as the truth, so only what years and
            # dates say is trusted.
            self.steps = []
        return self._readings(best, glyphs)

    def _climb(self, table: dict[int, str], glyphs: list[str]) -> None:
        improved = True
        while improved:
            improved = False
            current = self.score(table)
            for glyph in glyphs:
                digit, score = self._best_other(table, glyph, glyphs)
                if score > current:
                    _give(table, glyph, digit, glyphs)
                    current, improved = score, True

    def _best_other(self, table: dict[int, str], glyph: str, glyphs: list[str]) -> tuple[str, float]:
        """The other digit the glyph reads best as (swapping with the glyph of its font that has it)."""
        own = table[ord(glyph)]
        scores = {}
        for digit in DIGITS:
            if digit != own:
                trial = dict(table)
                _give(trial, glyph, digit, glyphs)
                scores[digit] = self.score(trial)
        best = max(scores, key=scores.__getitem__)
        return best, scores[best]

    def _readings(self, table: dict[int, str], glyphs: list[str]) -> dict[str, GlyphReading]:
        readings = {}
        score = self.score(table)
        for glyph in glyphs:
            margin = score - self._best_other(table, glyph, glyphs)[1]
            digit = table[ord(glyph)] if margin >= _PIN_MARGIN else UNKNOWN
            readings[glyph] = GlyphReading(digit, 1 - math.exp(-margin) if digit != UNKNOWN else 0.0)
        return readings


def _give(table: dict[int, str], glyph: str, digit: str, glyphs: list[str]) -> None:
    """The glyph reads as `digit`; the glyph of its font that did takes the glyph's old digit."""
    holder = next((g for g in glyphs if table[ord(g)] == digit and cipher_font(g) == cipher_font(glyph)), None)
    if holder is not None:
        table[ord(holder)] = table[ord(glyph)]
    table[ord(glyph)] = digit


def _numbers(label: str | None, table: dict[int, str]) -> list[int] | None:
    return None if label is None else [int(part) for part in label.translate(table).split(".")]


def _value(number: str, table: dict[int, str]) -> int:
    return int(number.translate(table))


def _follows(previous: list[int] | None, numbers: list[int]) -> float:
    """Whether a label may come right after `previous` (None: a heading or the start): the first child,
    the next sibling of it or of an ancestor; a list that starts again from 1 counts half."""
    if previous is None:
        return float(numbers == [1])
    if numbers == [*previous, 1] or any(numbers == [*previous[:depth], previous[depth] + 1]
                                        for depth in range(len(previous))):
        return 1.0
    return 0.5 if numbers == [1] else 0.0
