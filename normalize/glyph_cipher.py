"""Deciphering PDF fonts that name none of their glyphs.

extract writes each glyph of such a font as one private-use character (extract/fonts.py: one per font and
glyph id). Each stands for one character throughout the document, so the text is a substitution cipher,
solved here with the syllable language model (`RepairModel`): the assignment under which the document's
words read best as Vietnamese wins. Text without such characters is returned untouched at the cost of one
regex search, and the model is loaded only for the first document that needs it.

Search (`_Climb`): the commonest glyph of a font starts as the commonest character, and so on down. Each
glyph in turn then takes the best of the characters its frequency allows (swapping with the glyph of its
font that held it) while a move improves the score: first under character trigrams of the model's words,
whose score rises letter by letter, then under word scores. Group moves follow for what one glyph at a
time cannot reach: a word the model does not know as a number ("2021-2025": all its glyphs digits at
once), and as a known word that differs in up to two glyphs ("H��CH" → "HOẠCH"). A glyph's confidence is
how much worse its best alternative reads; one whose alternative reads as well is U+FFFD, confidence 0.

The model sees numbers as one class, so which digit a glyph is comes from the document (`_Numbers`):
numbering sequences, years, periods and dates. An unpinned digit stays UNKNOWN_DIGIT, confidence 0.
"""
from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

from extract.fonts import cipher_font
from normalize.label_sequences import UNKNOWN_DIGIT
from normalize.offsets import Edit, applied
from normalize.repair_model import (
    CASE_FORMS,
    NUMBER_UNIT,
    RepairModel,
    case_form,
    default_model,
    split_token,
)
from normalize.steps import NamedStep
from normalize.syllables import syllable_inventory
from normalize.tone_style import declared_tones

CIPHER = regex.compile(r"[\U000F0000-\U0010FFFF]+")
DIGITS = "0123456789"
UNDECIDED = "\ufffd"
LINE_OPENING = "\n"
CASE_CONTEXTS = ("running", "sentence_start", "capitals")
_DIGITS_PER_NUMBER = 3
_LETTER_AFFIXES = 12  # punctuation pairs the character trigrams learn around words
_AFFIXED_WORDS = 60  # the words they learn them around
_BAD_CASE = -20.0  # "tHe": a case no word is written in
_DIGIT_RUN = 4  # digits in a row without a separator, as in a year; longer runs are rare
_LONG_DIGIT_RUN = -4.0  # each digit beyond
_DIGITS_RUN = regex.compile(r"\d+")
_FREQUENCY_FACTOR = 4.0  # a glyph may read as characters this many times more or less frequent than it
_FREQUENCY_SLACK = 4.0  # and a rare glyph as any rare character
_WORDS_PER_GLYPH = 150  # the commonest words of a glyph carry its evidence; more only slow each move
_LETTER_WORDS = 150  # fewer for the character trigrams, whose every word says something
_SCREEN_WORDS = 12
_SCREENED = 4  # characters a glyph's commonest words leave for the full score
_MAX_SWEEPS = 40
_RESHAPED_GLYPHS = 2
_UNDECIDED_MARGIN = 0.05  # nats: a glyph whose best alternative reads about as well is not decided


def glyph_cipher(model: RepairModel | None = None) -> NamedStep:
    """The step; the default model is loaded at the first enciphered document, not before."""
    solvers: list[_Solver] = []

    def decipher(text: str) -> list[Edit]:
        if CIPHER.search(text) is None:
            return []
        if not solvers:
            solvers.append(_Solver(model or default_model()))
        return solvers[0].edits(text)

    return NamedStep("glyph_cipher", decipher)


decipher_glyphs = glyph_cipher()  # the default step: one solver, and its cache of word scores, per process


@dataclass
class _Reading:
    """A glyph's character and how sure that is."""

    char: str
    confidence: float


class _Solver:
    """The model's knowledge the search uses, kept across documents: scores of words once decoded."""

    def __init__(self, model: RepairModel) -> None:
        self.model = model
        self.shares = character_shares(model)
        self.scores: dict[str, float] = {}
        self.forms = _forms(model)
        # by whether the word opens a line
        self.case_scores = {False: _case_scores(model, ("running", "capitals")),
                            True: _case_scores(model, ("sentence_start", "capitals"))}
        self.letters = _Letters(model, _case_scores(model, CASE_CONTEXTS))

    def edits(self, text: str) -> list[Edit]:
        readings = self.solve(document_words(text))
        digits = {glyph for glyph, reading in readings.items() if reading.char in DIGITS}
        unknown = _Reading(UNKNOWN_DIGIT, 0.0)
        return _pinned_digits(text, readings | dict.fromkeys(digits, unknown), digits)

    def solve(self, words: Counter[str]) -> dict[str, _Reading]:
        climb = _Climb(words, self)
        climb.run()
        return climb.readings()

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


class _Letters:
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


def _forms(model: RepairModel) -> dict[int, list[str]]:
    """The words the model knows as they may be written (a syllable in each case form), by length."""
    forms: dict[int, list[str]] = defaultdict(list)
    for unit, _ in model.unigrams.most_common():
        if unit in syllable_inventory():
            for form in dict.fromkeys((unit, unit.capitalize(), unit.upper())):
                forms[len(form)].append(form)
    for core, _ in model.others.most_common():
        forms[len(core)].append(core)
    return forms


def document_words(text: str) -> Counter[str]:
    """The words holding enciphered glyphs, a line's first word marked with LINE_OPENING: it is written in
    the case of a sentence's first word."""
    words: Counter[str] = Counter()
    for line in text.split("\n"):
        for index, token in enumerate(line.split()):
            if CIPHER.search(token):
                words[LINE_OPENING + token if index == 0 else token] += 1
    return words


def _case_scores(model: RepairModel, contexts: tuple[str, ...]) -> dict[str, float]:
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


class _Climb:
    """Hill climbing over one document's assignment of characters to glyphs, one per character and font."""

    def __init__(self, words: Counter[str], solver: _Solver) -> None:
        self.solver = solver
        self.words = words
        self.counts: Counter[str] = Counter()
        self.touching: dict[str, list[str]] = defaultdict(list)
        for word, count in words.most_common():
            for glyph in dict.fromkeys(_glyphs(word)):  # in order: ties in counts break alike in every run
                self.counts[glyph] += count * word.count(glyph)
                if len(self.touching[glyph]) < _WORDS_PER_GLYPH:
                    self.touching[glyph].append(word)
        self.neighbours = {glyph: set(_glyphs("".join(found))) for glyph, found in self.touching.items()}
        self.table: dict[int, str] = {}
        self.holder: dict[tuple[int | None, str], str] = {}  # (font, character) → its glyph
        self.candidates: dict[str, list[str]] = {}  # the characters a glyph's frequency allows, commonest first
        self.allowed: dict[str, frozenset[str]] = {}
        self.current: dict[str, float] = {}
        self.scorer: Callable[[str], float] = solver.letters.score
        self.limit = _LETTER_WORDS
        self._start()

    def _start(self) -> None:
        """The commonest glyph of each font is the commonest character, and so on down; digits are left for
        `_numbers`, as any glyph reads better as a number than as a word the model does not know."""
        shares = self.solver.shares
        ranked_chars = [char for char in shares if char not in DIGITS]
        fonts: dict[int | None, list[str]] = defaultdict(list)
        for glyph, _ in self.counts.most_common():
            fonts[cipher_font(glyph)].append(glyph)
        for glyphs in fonts.values():
            total = sum(self.counts[glyph] for glyph in glyphs)
            for glyph, char in zip(glyphs, ranked_chars, strict=False):
                self._set(glyph, char)
            for glyph in glyphs:
                low = self.counts[glyph] / _FREQUENCY_FACTOR - _FREQUENCY_SLACK
                high = self.counts[glyph] * _FREQUENCY_FACTOR + _FREQUENCY_SLACK
                self.candidates[glyph] = [char for char in ranked_chars if low <= shares[char] * total <= high]
                self.allowed[glyph] = frozenset(self.candidates[glyph])
        self.current = {word: self._score(word) for word in self.words}

    def _score(self, word: str) -> float:
        return self.scorer(word.translate(self.table))

    def _use(self, scorer: Callable[[str], float], limit: int) -> None:
        self.scorer, self.limit = scorer, limit
        self.current = {word: self._score(word) for word in self.words}

    def _set(self, glyph: str, char: str) -> None:
        self.table[ord(glyph)] = char
        self.holder[cipher_font(glyph), char] = glyph

    def char(self, glyph: str) -> str:
        return self.table.get(ord(glyph), UNDECIDED)

    def run(self) -> None:
        self._climb(set(self.counts))
        self._use(self.solver.word_score, _WORDS_PER_GLYPH)
        self._climb(set(self.counts))
        self._climb(self._numbers())
        self._climb(self._reshaped())

    def _climb(self, dirty: set[str]) -> None:
        """Single-glyph moves, the commonest glyph first, while one improves the score."""
        for _ in range(_MAX_SWEEPS):
            if not dirty:
                return
            for glyph in sorted(dirty, key=lambda g: (-self.counts[g], g)):
                dirty.discard(glyph)
                char, gain = self.best_move(glyph)
                if gain > 1e-9:
                    self._apply([(glyph, char)])
                    dirty |= self.neighbours[glyph]

    def _numbers(self) -> set[str]:
        """Words that read as nothing the model knows try all their glyphs as digits at once (the glyphs of
        "2021-2025" read as letters say nothing); the glyphs changed by the moves kept. A separator that turns
        digit goes back in the next climb, where it reads better elsewhere."""
        changed: set[str] = set()
        for word, _ in self.words.most_common():
            decoded = word.translate(self.table)
            token = split_token(decoded)
            if self._known(token.unit):
                continue
            core = word[len(token.prefix) : len(word) - len(token.suffix)]
            glyphs = sorted({g for g in _glyphs(core) if self.char(g).isalpha()})
            free = [d for d in DIGITS if (cipher_font(glyphs[0]) if glyphs else None, d) not in self.holder]
            if not glyphs or len({cipher_font(g) for g in glyphs}) > 1 or len(glyphs) > len(free):
                continue
            moves = list(zip(glyphs, free, strict=False))
            if self._gain_of(moves) > 1e-9:
                self._apply(moves)
                changed |= set().union(*(self.neighbours[g] for g in glyphs))
        return changed

    def _reshaped(self) -> set[str]:
        """Words that read as nothing the model knows try the known words of their shape that change at most
        _RESHAPED_GLYPHS of their glyphs, all at once ("H��CH" → "HOẠCH": one glyph alone reads no better);
        the glyphs changed by the moves kept."""
        changed: set[str] = set()
        for word, _ in self.words.most_common():
            token = split_token(word.translate(self.table))
            if self._known(token.unit):
                continue
            glyphs = word[len(token.prefix) : len(word) - len(token.suffix)]
            best: list[tuple[str, str]] = []
            best_gain = 1e-9
            for form in self.solver.forms.get(len(glyphs), ()):
                moves = _reshaping(glyphs, token.core, form)
                if moves and len(moves) <= _RESHAPED_GLYPHS and (gain := self._gain_of(moves)) > best_gain:
                    best, best_gain = moves, gain
            if best:
                self._apply(best)
                changed |= set().union(*(self.neighbours[glyph] for glyph, _ in best))
        return changed

    def _known(self, unit: str) -> bool:
        return unit in self.solver.model.unigrams or unit in syllable_inventory()

    def best_move(self, glyph: str, excluded: str = "") -> tuple[str, float]:
        """The character (not one of `excluded`) whose taking by `glyph` improves the score most, and by how
        much (may be < 0). Screened on the glyph's commonest words first: most characters fail there."""
        own, font = self.char(glyph), cipher_font(glyph)
        chars = [char for char in self.candidates[glyph] if char != own and char not in excluded
                 and self._may_take(self.holder.get((font, char)), own)]
        if len(chars) > _SCREENED:
            screen = {char: self._gain_of([(glyph, char)], _SCREEN_WORDS) for char in chars}
            chars = sorted(chars, key=screen.__getitem__)[-_SCREENED:]
        gains = {char: self._gain_of([(glyph, char)]) for char in chars}
        best = max(gains, key=gains.__getitem__, default=UNDECIDED)
        return best, gains.get(best, -math.inf)

    def _may_take(self, glyph: str | None, char: str) -> bool:
        """Whether the glyph (None: no glyph) may read as `char` in a swap: its frequency allows it."""
        return glyph is None or char in self.allowed[glyph] or char in DIGITS

    def _gain_of(self, moves: list[tuple[str, str]], words: int | None = None) -> float:
        """How much the score of (the first `words` words of each glyph) improves if the glyphs take these
        characters; the glyphs are left as they were."""
        before = {glyph: self.char(glyph) for glyph, _ in moves}
        changed = self._moved(moves)
        limit = words or self.limit
        gain = sum(self.words[w] * (self._score(w) - self.current[w]) for w in self._affected(changed, limit))
        for glyph in changed:
            del self.holder[cipher_font(glyph), self.char(glyph)]
        for glyph in changed:
            self._set(glyph, before.get(glyph) or self._previous[glyph])
        return gain

    def _apply(self, moves: list[tuple[str, str]]) -> None:
        for word in self._affected(self._moved(moves)):
            self.current[word] = self._score(word)

    def _moved(self, moves: list[tuple[str, str]]) -> set[str]:
        """Make the moves; the glyphs whose character changed (those that gave theirs up too)."""
        self._previous: dict[str, str] = {}
        for glyph, char in moves:
            other = self._move(glyph, char)
            if other is not None:
                self._previous.setdefault(other, char)
        return {glyph for glyph, _ in moves} | set(self._previous)

    def _affected(self, glyphs: Iterable[str], words: int = _WORDS_PER_GLYPH) -> Iterable[str]:
        """The words the glyphs appear in, the first `words` of each, in an order that does not depend on
        how sets hash (the sums of scores, and so the ties, come out the same in every run)."""
        return dict.fromkeys(word for glyph in sorted(glyphs) for word in self.touching[glyph][:words])

    def _move(self, glyph: str, char: str) -> str | None:
        """Give `glyph` the character; the glyph of its font that held it (returned) takes `glyph`'s old one."""
        font = cipher_font(glyph)
        old = self.char(glyph)
        other = self.holder.get((font, char))
        self._set(glyph, char)
        if other is None:
            del self.holder[font, old]
        else:
            self._set(other, old)
        return other

    def readings(self) -> dict[str, _Reading]:
        readings = {}
        for glyph in self.counts:
            # A digit glyph is decided as a digit (the document pins which): against the best non-digit.
            _, gain = self.best_move(glyph, DIGITS if self.char(glyph) in DIGITS else "")
            margin = max(-gain, 0.0) if gain > -math.inf else math.inf
            char = self.char(glyph) if margin > _UNDECIDED_MARGIN else UNDECIDED
            readings[glyph] = _Reading(char, 0.0 if char == UNDECIDED else 1 - math.exp(-margin))
        return readings


def _reshaping(glyphs: str, decoded: str, form: str) -> list[tuple[str, str]] | None:
    """The moves that make `glyphs` (read as `decoded`) read as `form`, None if none can: a character that
    is no enciphered glyph cannot change, nor one glyph read two ways."""
    moves: dict[str, str] = {}
    for glyph, now, wanted in zip(glyphs, decoded, form, strict=True):
        if now != wanted and (cipher_font(glyph) is None or moves.setdefault(glyph, wanted) != wanted):
            return None
    if "".join(moves.get(glyph, now) for glyph, now in zip(glyphs, decoded, strict=True)) != form:
        return None
    return list(moves.items())


def _glyphs(text: str) -> str:
    return "".join(CIPHER.findall(text))


def _edits(text: str, readings: dict[str, _Reading]) -> list[Edit]:
    """One repair per run of enciphered glyphs, as sure as its least sure glyph."""
    edits = []
    for match in CIPHER.finditer(text):
        glyphs = [readings[glyph] for glyph in match.group()]
        replacement = "".join(reading.char for reading in glyphs)
        edits.append(Edit(match.start(), match.end(), replacement, min(reading.confidence for reading in glyphs)))
    return edits


def _pinned_digits(text: str, readings: dict[str, _Reading], digits: set[str]) -> list[Edit]:
    """The edits, with each digit glyph read as the digit under which the document's numbers make most sense
    (`_Numbers`), as sure as its best alternative is worse; a glyph whose digit changes nothing stays
    UNKNOWN_DIGIT."""
    shown = _edits(text, readings | {glyph: _Reading(glyph, 0.0) for glyph in digits})
    numbers = _Numbers(applied(text, shown))
    return _edits(text, readings | numbers.solve(sorted(digits, key=text.count, reverse=True)))


_N = r"[\d\U000F0000-\U0010FFFF]"  # a digit, or a glyph that reads as one
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


class _Numbers:
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

    def solve(self, glyphs: list[str]) -> dict[str, _Reading]:
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

    def _readings(self, table: dict[int, str], glyphs: list[str]) -> dict[str, _Reading]:
        readings = {}
        score = self.score(table)
        for glyph in glyphs:
            margin = score - self._best_other(table, glyph, glyphs)[1]
            digit = table[ord(glyph)] if margin >= _PIN_MARGIN else UNKNOWN_DIGIT
            readings[glyph] = _Reading(digit, 1 - math.exp(-margin) if digit != UNKNOWN_DIGIT else 0.0)
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
