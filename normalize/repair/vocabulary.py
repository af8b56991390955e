"""What a gap may hold: every written form of the model's syllables and tokens (`Vocabulary`), and the words
and abbreviations a damaged document writes whole elsewhere (`DocumentWords`)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from normalize.repair.model import RepairModel
from normalize.repair.tokens import tokens
from normalize.syllables import syllable_inventory
from normalize.tone_style import declared_tones, other_style

_FITTING_KEPT = 20_000  # patterns whose fitting forms are kept: seed 003 has 12,500, which hold 17 MB
_DOCUMENT_WORD_MIN = 2  # times the document writes a word or abbreviation whole before it may fill gaps
# Mailing lists ("Nơi nhận") are full of agency abbreviations (KGVX, CT-XH): not damage.
_ABBREVIATION = regex.compile(r"\p{Lu}{3,}(?:[-&/]\p{Lu}+)*|\p{Lu}+(?:[-&/]\p{Lu}+)+")


@dataclass(frozen=True)
class DocumentWords:
    abbreviations: dict[int, list[str]]  # by length
    syllables: frozenset[str]



class Vocabulary:
    """Every written form a token core can take, indexed by (length, position, character)."""

    def __init__(self, model: RepairModel) -> None:
        syllables = syllable_inventory() | {unit for unit in model.unigrams if unit in syllable_inventory()}
        forms: dict[str, tuple[str, str]] = {}
        for syllable in sorted(syllables):
            # Damaged text is restored before `tone_style`, so it may be written in either style. Its own
            # first: a set's order changes with each process's string hashing, and ties follow this order.
            for written in dict.fromkeys((syllable, other_style(syllable))):
                forms.setdefault(written, (syllable, "lower"))
                forms.setdefault(written[0].upper() + written[1:], (syllable, "title"))
                forms.setdefault(written.upper(), (syllable, "upper"))
        # A lost bullet ("-") may be restored, but not punctuation runs ("(-)", "..."), which would explain
        # any run of gaps at once; nor another document's number ("202/KH-UBND" for "   / H-UBN "): lost
        # digits are read as numbers are.
        for core in model.others:
            if (len(core) == 1 or regex.search(r"\p{L}", core)) and not regex.search(r"\d", core):
                forms.setdefault(core, (core.lower(), "exact"))
        self.forms = sorted(forms.items(), key=lambda item: -model.unigram_logprob(item[1][0]))
        self.index: dict[tuple[int, int, str], set[int]] = {}
        self.by_length: dict[int, list[int]] = {}
        self._fitting: dict[str, list[tuple[int, str]]] = {}
        self._fitting_by_unit: dict[str, dict[str, list[tuple[int, str]]]] = {}
        self._gap_fills: dict[str, str] = {}
        for form_id, (form, _) in enumerate(self.forms):
            self.by_length.setdefault(len(form), []).append(form_id)
            for position, char in enumerate(form):
                self.index.setdefault((len(form), position, char), set()).add(form_id)

    def fitting(self, pattern: str) -> list[tuple[int, str]]:
        """(id, filled) of the forms that keep the visible characters of `pattern` (spaces are gaps), most
        frequent first, `filled` the characters each puts in the gaps. The same for every line, which only
        filters them; kept for the next patterns, lines and documents, up to a bound."""
        found = self._fitting.get(pattern)
        if found is None:
            if len(self._fitting) >= _FITTING_KEPT:
                self._fitting.clear()
                self._fitting_by_unit.clear()
                self._gap_fills.clear()
            gaps = [position for position, char in enumerate(pattern) if char == " "]
            found = self._fitting[pattern] = [
                (form_id, self._gap_fill(self.forms[form_id][0], gaps)) for form_id in self._fitting_ids(pattern)
            ]
        return found

    def fitting_by_unit(self, pattern: str) -> dict[str, list[tuple[int, str]]]:
        """`fitting`, by the unit of each form; kept as long as `fitting` keeps the pattern's."""
        by_unit = self._fitting_by_unit.get(pattern)
        if by_unit is None:
            fitting = self.fitting(pattern)
            by_unit = self._fitting_by_unit[pattern] = {}
            for entry in fitting:
                by_unit.setdefault(self.forms[entry[0]][1][0], []).append(entry)
        return by_unit

    def _fitting_ids(self, pattern: str) -> list[int]:
        fixed = [(position, char) for position, char in enumerate(pattern) if char != " "]
        if not fixed:
            return self.by_length.get(len(pattern), [])
        sets = sorted((self.index.get((len(pattern), p, c), set()) for p, c in fixed), key=len)
        return sorted(set.intersection(*sets)) if sets[0] else []

    def _gap_fill(self, form: str, gaps: list[int]) -> str:
        """The characters `form` puts in the `gaps` of a pattern, one object for each string: a string of a
        few characters is a quarter of the size of a set of them, and sets take them as they are."""
        filled = "".join([form[position] for position in gaps])
        return self._gap_fills.setdefault(filled, filled)


def is_abbreviation(core: str) -> bool:
    return bool(_ABBREVIATION.fullmatch(core)) and declared_tones(core.lower()) not in syllable_inventory()


def document_words(text: str, lines: list[str], model: RepairModel) -> DocumentWords:
    """What the document writes whole: its abbreviations, damaged lines included (UBND), not words in
    capitals (KẾ HOẠCH), and the known syllables of `lines`. A document's words and agencies recur, a
    fragment of a damaged one ("HĐN") seldom: at least twice."""
    abbreviations = Counter(
        token.core for line in text.split("\n") for token in tokens(line) if is_abbreviation(token.core)
    )
    by_length: dict[int, list[str]] = {}
    for core, count in abbreviations.items():
        if count >= _DOCUMENT_WORD_MIN:
            by_length.setdefault(len(core), []).append(core)
    words = Counter(
        token.unit for line in lines for token in tokens(line)
        if token.unit in syllable_inventory() and model.unigrams[token.unit]
    )
    return DocumentWords(by_length, frozenset(unit for unit, count in words.items() if count >= _DOCUMENT_WORD_MIN))

