"""What the cipher search knows of the model, kept across documents: scores of words once decoded, the
character trigrams of the words it knows (`Letters`), how often each character occurs, the words by length."""
from __future__ import annotations

import math
from collections import defaultdict

import regex

from normalize.repair.model import RepairModel
from normalize.repair.tokens import CASE_FORMS, NUMBER_UNIT, case_form, split_token
from normalize.syllables import syllable_inventory
from normalize.tone_style import declared_tones

DIGITS = "0123456789"
LINE_OPENING = "\n"
CASE_CONTEXTS = ("running", "sentence_start", "capitals")
_DIGITS_PER_NUMBER = 3
_LETTER_AFFIXES = 12  # punctuation pairs the character trigrams learn around words
_AFFIXED_WORDS = 60  # the words they learn them around
_BAD_CASE = -20.0  # "tHe": a case no word is written in
_DIGIT_RUN = 4  # digits in a row without a separator, as in a year; longer runs are rare
_LONG_DIGIT_RUN = -4.0  # each digit beyond
_DIGITS_RUN = regex.compile(r"\d+")


class CipherScores:
    """The model's knowledge the search uses, kept across documents: scores of words once decoded."""

    def __init__(self, model: RepairModel) -> None:
        self.model = model
        self.shares = character_shares(model)
        self.scores: dict[str, float] = {}
        self.forms = known_forms(model)
        # by whether the word opens a line
        self.case_scores = {False: case_scores(model, ("running", "capitals")),
                            True: case_scores(model, ("sentence_start", "capitals"))}
        self.letters = Letters(model, case_scores(model, CASE_CONTEXTS))


    def word_score(self, word: str) -> float:
        score = self.scores.get(word)
        if score is None:
            score = self.scores[word] = self._word_score(word)
        return score

    def _word_score(self, word: str) -> float:
        opening = word.startswith(LINE_OPENING)
        token = split_token(word[1:] if opening else word)
        unit, core, model = token.unit, token.core, self.model
        if unit not in model.unigrams and unit not in syllable_inventory():
            unit = declared_tones(unit)  # the model knows tones placed the declared way only
        score = model.unigram_logprob(unit)
        if not core:  # a punctuation token ("-") is its own unit, not punctuation around one
            return score
        score += model.affix_logprob(token.prefix, token.suffix)
        if unit == NUMBER_UNIT:
            # Any glyph may read as a digit, and the model sees all numbers as one: what numbers look like
            # keeps the digits from swallowing what stands beside them ("(2021-2025)", not "020210202500").
            return score + _LONG_DIGIT_RUN * sum(max(len(run) - _DIGIT_RUN, 0) for run in _DIGITS_RUN.findall(core))
        if unit in syllable_inventory():
            plausible = core.islower() or core.isupper() or core == core.capitalize()
            score += self.case_scores[opening][case_form(core)] if plausible else _BAD_CASE
        elif core not in model.others and model.unigrams[unit]:
            score += _BAD_CASE  # an abbreviation the model knows, in a case it never has
        return score


class Letters:
    """Character trigrams of the words the model knows, written in its case forms and with its punctuation
    around the commonest: a first score for the search, which rises as letters come right even while no
    word is whole yet (word scores only tell a known word from an unknown one)."""

    def __init__(self, model: RepairModel, cases: dict[str, float]) -> None:
        self.counts: dict[str, float] = defaultdict(float)  # trigrams, bigrams, characters, contexts ("ctx ab")
        for unit, count in model.unigrams.items():
            if unit in syllable_inventory():
                forms = ((unit, "lower"), (unit.capitalize(), "title"), (unit.upper(), "upper"))
                for form, case in forms:
                    self._add(form, count * math.exp(cases[case]))
        for core, count in model.others.items():
            self._add(core, count)
        affixes = [(pair, count) for pair, count in model.affixes.most_common(_LETTER_AFFIXES) if any(pair)]
        words = [unit for unit, _ in model.unigrams.most_common() if unit in syllable_inventory()][:_AFFIXED_WORDS]
        total = sum(model.affixes.values())
        for (prefix, suffix), count in affixes:
            for word in words:
                self._add(prefix + word + suffix, model.unigrams[word] * count / total)
        self.characters = len([key for key in self.counts if len(key) == 1]) + 1
        self.total = sum(count for key, count in self.counts.items() if len(key) == 1)
        self.scores: dict[str, float] = {}
        self.trigram_scores: dict[str, float] = {}

    def _add(self, word: str, weight: float) -> None:
        padded = f"^^{word}$"
        for end in range(2, len(padded)):
            for n in (1, 2, 3):
                self.counts[padded[end - n + 1 : end + 1]] += weight
            self.counts["ctx " + padded[end - 2 : end]] += weight
            self.counts["ctx " + padded[end - 1]] += weight

    def score(self, word: str) -> float:
        score = self.scores.get(word)
        if score is None:
            score = self.scores[word] = self._score(word.removeprefix(LINE_OPENING))
        return score

    def _score(self, word: str) -> float:
        padded = f"^^{word}$"
        known = self.trigram_scores.get
        score = 0.0
        for start in range(len(padded) - 2):
            trigram = padded[start : start + 3]
            logprob = known(trigram)
            score += self._logprob(trigram) if logprob is None else logprob
        return score

    def _logprob(self, trigram: str) -> float:
        """ln P(last character | the two before), interpolated with the shorter contexts."""
        counts = self.counts
        one, two = trigram[1:], trigram[:2]
        unigram = (counts.get(trigram[2], 0.0) + 0.1) / (self.total + 0.1 * self.characters)
        bigram = counts[one] / counts["ctx " + trigram[1]] if one in counts else 0.0
        trigram_share = counts[trigram] / counts["ctx " + two] if trigram in counts else 0.0
        score = self.trigram_scores[trigram] = math.log(0.6 * trigram_share + 0.3 * bigram + 0.1 * unigram)
        return score


def known_forms(model: RepairModel) -> dict[int, list[str]]:
    """The words the model knows as they may be written (a syllable in each case form), by length."""
    forms: dict[int, list[str]] = defaultdict(list)
    for unit, _ in model.unigrams.most_common():
        if unit in syllable_inventory():
            for form in dict.fromkeys((unit, unit.capitalize(), unit.upper())):
                forms[len(form)].append(form)
    for core, _ in model.others.most_common():
        forms[len(core)].append(core)
    return forms


def case_scores(model: RepairModel, contexts: tuple[str, ...]) -> dict[str, float]:
    """ln P(case form) of syllables in these contexts."""
    cases = {case: sum(model.cases[context, case] for context in contexts) for case in CASE_FORMS}
    total = sum(cases.values()) + len(CASE_FORMS)
    return {case: math.log((count + 1) / total) for case, count in cases.items()}


def character_shares(model: RepairModel) -> dict[str, float]:
    """How often each character occurs in the model's text, as a share of all (spaces aside), the commonest
    first: syllable letters with the model's case shares, abbreviations as seen, punctuation around words,
    digits evenly within numbers."""
    counts: dict[str, float] = defaultdict(float)
    cases = {case: sum(model.cases[context, case] for context in CASE_CONTEXTS) for case in CASE_FORMS}
    total_case = sum(cases.values()) or 1
    for unit, count in model.unigrams.items():
        if unit in syllable_inventory():
            for position, char in enumerate(unit):
                capital = (cases["upper"] + (cases["title"] if position == 0 else 0)) / total_case
                counts[char] += count * (1 - capital)
                counts[char.upper()] += count * capital
    written: list[tuple[str, float]] = [(core, float(count)) for core, count in model.others.items()]
    written += [(prefix + suffix, count) for (prefix, suffix), count in model.affixes.items()]
    written += [(DIGITS, model.unigrams[NUMBER_UNIT] * _DIGITS_PER_NUMBER / len(DIGITS))]
    for chars, weight in written:
        for char in chars:
            counts[char] += weight
    total = sum(counts.values())
    return {char: count / total for char, count in sorted(counts.items(), key=lambda item: -item[1]) if count}

