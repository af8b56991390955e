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
        for form_id, (form, _) in enumerate(self.forms):
            self.by_length.setdefault(len(form), []).append(form_id)
            for position, char in enumerate(form):
                self.index.setdefault((len(form), position, char), set()).add(form_id)

    def fitting(self, pattern: str) -> list[int]:
        """Ids of forms that keep the visible characters of `pattern` (spaces are gaps), most frequent first."""
        fixed = [(position, char) for position, char in enumerate(pattern) if char != " "]
        if not fixed:
            return self.by_length.get(len(pattern), [])
        sets = sorted((self.index.get((len(pattern), p, c), set()) for p, c in fixed), key=len)
        return sorted(set.intersection(*sets)) if sets[0] else []


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

