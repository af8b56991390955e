"""Restoration of dropped glyphs: text whose PDF fonts lost characters, each lost character one space.

"C ỉ t êu 1: Tăn  tỷ l " is "Chỉ tiêu 1: Tăng tỷ lệ". A damaged line keeps its length and every
visible character; each space is a real space or one lost character. The step finds damaged
regions (lines with fragments that are no Vietnamese syllable, in a neighbourhood where such lines
are common), and decodes each damaged line with a Viterbi search over the readings the constraint
allows, scored by the syllable bigram model (`RepairModel`). A character that shows in a line is
not lost in that line (its font run keeps it), so only characters absent from the line fill gaps;
an abbreviation the document writes whole elsewhere ("UBND") is the exception, as its letters may come
from another font run than the rest of the line.

Lost digits are not guessed: a number with lost digits is restored only when the document states
exactly one number that fits ("    -2025" next to "giai đoạn 2021-2025" elsewhere); otherwise each
lost digit becomes UNKNOWN_DIGIT in a repair with confidence 0, so no rule reads a wrong number.
"""
from __future__ import annotations

import dataclasses
import functools
import heapq
import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from normalize.label_sequences import UNKNOWN_DIGIT, pin_label_sequences
from normalize.offsets import Edit, applied
from normalize.repair_model import (
    BULLETS,
    DIGIT,
    INDENT,
    LINE_START,
    NUMBER_UNIT,
    RepairModel,
    default_model,
    mostly_capitals,
    number_shape,
    opens_sentence,
    split_token,
    tokens,
)
from normalize.steps import NamedStep
from normalize.syllables import syllable_inventory
from normalize.tone_style import declared_tones, other_style

LOW_CONFIDENCE = 0.5  # repairs below this are flagged for review
PINNED_DIGIT_CONFIDENCE = 0.8
PINNED_YEAR_CONFIDENCE = 0.6
DAMAGED_SHARE = 0.1  # share of non-syllable fragments around a line that marks a damaged region
_PIN_MIN_COUNT = 2  # times the document states a number before it may pin one with lost digits
_DOCUMENT_WORD_MIN = 2  # times the document writes a word or abbreviation whole before it may fill gaps
_MIXED_RUN_COST = -4.0  # a lost letter of a document's word that shows elsewhere in its line
_NEW_LOST_COST = -3.0  # a character a line's first decode did not fill any gap with (its font run's lost set)
_DOCUMENT_WEIGHT = 3  # how many times the damaged document's intact lines count, against other documents
_WINDOW = 12  # lines on each side that make up a line's neighbourhood
_BEAM = 12
_AFFIXES = 24  # the most common punctuation pairs around a token core that a gap may hold
_CANDIDATES_PER_SPAN = 24
_MAX_GAPPED_TOKEN = 11  # longest token with a lost character: a 7-letter syllable and punctuation
# Costs in nats, for readings the language model does not score.
_EXTRA_SPACE = -4.0
_SPACE_BEFORE_TAB = -8.0  # extracted table cells are stripped: a space before a tab is a lost character
_TRAILING_SPACE = -0.2
_UNKNOWN_TOKEN = -14.0
_VISIBLE_AFFIXES = regex.compile(r"(?P<prefix>[^\w\s]*)(?P<core>.*?)(?P<suffix>[^\w\s]*)")
_GAPPED_NUMBER_CORE = regex.compile(r"[\d ](?:[\d.,/\- ]*[\d ])?")
# A document number keeps its letters: "3079/QĐ-UBND", "73/2006/QH11", "48/2009/" before a gapped tail.
_GAPPED_REFERENCE = regex.compile(r"(?P<number>[\d ]+(?:/[\d ]+)*)(?P<tail>/(?:\p{Lu}[\p{L}\p{N}\-&]*)?)")
_NUMBER_IN_TEXT = regex.compile(r"(?<![\d.,/\-])\d[\d.,/\-]*\d(?![\d.,/\-]*\d)|(?<![\d.,/\-])\d(?![\d.,/\-])")
# Mailing lists ("Nơi nhận") are full of agency abbreviations (KGVX, CT-XH): not damage.
_ABBREVIATION = regex.compile(r"\p{Lu}{3,}(?:[-&/]\p{Lu}+)*|\p{Lu}+(?:[-&/]\p{Lu}+)+")
_NUMBER_WITH_UNKNOWNS = regex.compile(rf"[\d{UNKNOWN_DIGIT}](?:[\d{UNKNOWN_DIGIT}.,/\-]*[\d{UNKNOWN_DIGIT}])?")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_PERIOD = regex.compile(r"(?<!\d)((?:19|20)\d\d) ?[-–] ?((?:19|20)\d\d)(?!\d)")
_INTERNAL_SPACE_RUN = regex.compile(r"\S {2,}\S")
_GAP_RUN = regex.compile(r"\S {2,}\S|^ +\S")
_LETTER = regex.compile(r"\p{L}")
_GAPPED_LABEL = regex.compile(r"[\d ]*(?:\.[\d ]+)*\.", regex.V1)
_ROW_LABEL = regex.compile(r"[\d ]+(?:\.[\d ]+)*\.?")
_LABEL_TEXT = regex.compile(rf"[\d{UNKNOWN_DIGIT}.]+")
_DIGITS = frozenset("0123456789" + UNKNOWN_DIGIT)


Context = tuple[str, bool]  # the previous unit, and whether the next word opens a sentence
State = tuple[str, bool, int]  # a context and the spaces since the last token (-1: none on this line yet)
_TOKEN_TEXT = regex.compile(r"\S+")


@dataclass(frozen=True)
class Candidate:
    text: str
    unit: str
    cost: float  # everything but the language model and case: punctuation, unknown tokens or digits
    case: str = "exact"


@dataclass(frozen=True)
class DocumentWords:
    abbreviations: dict[int, list[str]]  # by length
    syllables: frozenset[str]


@dataclass(frozen=True)
class Reading:
    start: int
    end: int
    candidate: Candidate


class Vocabulary:
    """Every written form a token core can take, indexed by (length, position, character)."""

    def __init__(self, model: RepairModel) -> None:
        syllables = syllable_inventory() | {unit for unit in model.unigrams if unit in syllable_inventory()}
        forms: dict[str, tuple[str, str]] = {}
        for syllable in sorted(syllables):
            # Damaged text is restored before `tone_style`, so it may be written in either style.
            for written in {syllable, other_style(syllable)}:
                forms.setdefault(written, (syllable, "lower"))
                forms.setdefault(written[0].upper() + written[1:], (syllable, "title"))
                forms.setdefault(written.upper(), (syllable, "upper"))
        # A lost bullet ("-") may be restored, but not punctuation runs ("(-)", "..."), which would explain
        # any run of gaps at once.
        for core in model.others:
            if len(core) == 1 or regex.search(r"[\p{L}\p{N}]", core):
                forms.setdefault(core, (core.lower(), "exact"))
        self.forms = sorted(forms.items(), key=lambda item: -model.unigram_logprob(item[1][0]))
        self.prior = [model.unigram_logprob(unit) for _, (unit, _) in self.forms]
        self.of_unit: dict[str, list[int]] = {}
        self.index: dict[tuple[int, int, str], set[int]] = {}
        self.by_length: dict[int, list[int]] = {}
        for form_id, (form, (unit, _)) in enumerate(self.forms):
            self.of_unit.setdefault(unit, []).append(form_id)
            self.by_length.setdefault(len(form), []).append(form_id)
            for position, char in enumerate(form):
                self.index.setdefault((len(form), position, char), set()).add(form_id)

    def matching(self, pattern: str, visible: frozenset[str]) -> Iterator[int]:
        """Ids of forms that fit `pattern` (spaces are gaps) and fill gaps only with absent characters,
        most frequent first."""
        fixed = [(position, char) for position, char in enumerate(pattern) if char != " "]
        if fixed:
            sets = sorted((self.index.get((len(pattern), p, c), set()) for p, c in fixed), key=len)
            ids: list[int] = sorted(set.intersection(*sets)) if sets[0] else []
        else:
            ids = self.by_length.get(len(pattern), [])
        gaps = [position for position, char in enumerate(pattern) if char == " "]
        for form_id in ids:
            form = self.forms[form_id][0]
            if all(form[position] not in visible for position in gaps):
                yield form_id


class _LineDecoder:
    """Viterbi over the readings of one damaged line."""

    def __init__(
        self,
        model: RepairModel,
        vocabulary: Vocabulary,
        line: str,
        document: DocumentWords | None = None,
        before_tab: bool = False,
        row_label: bool = False,
        lost: frozenset[str] | None = None,
    ) -> None:
        self.model = model
        self.vocabulary = vocabulary
        self.line = line
        self.document = document or DocumentWords({}, frozenset())
        self.before_tab = before_tab  # the line is a table cell followed by another
        self.row_label = row_label  # the line is the first cell of a table row, where rows put their number
        self.lost = lost  # the characters the line's font run lost, as a first decode read them (None: unknown)
        self.visible = frozenset(line) - {" "}
        opening = len(line) - len(line.lstrip(" "))
        self.opening_bullet = opening if line[opening : opening + 1] in BULLETS else None
        self.capitals = mostly_capitals(line)
        self.number_gaps = [p for p in range(len(line)) if line[p] == " " and _beside_number(line, p)]
        self.affixes = [pair for pair, count in model.affixes.most_common(_AFFIXES) if count >= 3 or pair == ("", "")]
        self._candidates: dict[str, list[Candidate]] = {}
        self._cores: dict[str, list[tuple[str, str, str, float]]] = {}
        self._following: dict[tuple[str, str], list[Candidate]] = {}
        self._successors: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        self._splits: dict[str, list[tuple[str, str, str]]] = {}
        self._matchers: dict[str, Callable[[str], bool]] = {}

    def candidates(self, pattern: str) -> list[Candidate]:
        if pattern not in self._candidates:
            splits = self._splits_of(pattern)
            found = [c for prefix, suffix, core in splits for c in self._with_affixes(prefix, core, suffix)]
            if " " not in pattern and not any(c.text == pattern for c in found):
                found.append(self._as_written(pattern))
            found = self._priced_by_lost_set(pattern, found)
            prior = self.model.unigram_logprob
            best = heapq.nlargest(_CANDIDATES_PER_SPAN, found, key=lambda c: c.cost + prior(c.unit))
            # Numbers are few and all read alike (flagged): kept whatever the words around them.
            self._candidates[pattern] = best + self._priced_by_lost_set(pattern, self._numbers(pattern))
        return self._candidates[pattern]

    def following(self, previous: str, pattern: str) -> list[Candidate]:
        """Readings of `pattern` the model has seen after `previous` that the most frequent forms of the
        pattern (`candidates`) leave out: a gap-heavy token ("  " after "chỉ") has too many readings to
        keep by frequency alone."""
        key = (previous, pattern)
        if " " not in pattern:
            return []
        if key not in self._following:
            known = {candidate.text for candidate in self.candidates(pattern)}
            found = [c for c in self._successor_readings(previous, pattern) if c.text not in known]
            self._following[key] = self._priced_by_lost_set(pattern, found)
        return self._following[key]

    def _priced_by_lost_set(self, pattern: str, found: list[Candidate]) -> list[Candidate]:
        """`found` with a cost for each character its gaps hold that is outside the line's lost set: a font
        run loses few characters, and every gap of the line is one of them ("t  n " is "tháng", not "tỷ nữ",
        where the line lost h, á, g)."""
        if self.lost is None:
            return found
        gaps = [position for position, char in enumerate(pattern) if char == " "]
        # A letter shown elsewhere in the line (another font run) already pays its own cost.
        lost = self.lost | self.visible
        return [
            dataclasses.replace(c, cost=c.cost + _NEW_LOST_COST * len({c.text[p] for p in gaps} - lost))
            for c in found
        ]

    def _successor_readings(self, previous: str, pattern: str) -> Iterator[Candidate]:
        for prefix, suffix, core in self._splits_of(pattern):
            if " " in core:
                for form, unit, case in self._successor_forms(previous, core):
                    yield Candidate(prefix + form + suffix, unit, self.model.affix_logprob(prefix, suffix, unit), case)

    def _successor_forms(self, previous: str, core: str) -> list[tuple[str, str, str]]:
        """(form, unit, case) of the units seen after `previous` that fit `core`."""
        key = (previous, core)
        if key not in self._successors:
            forms, of_unit, fits = self.vocabulary.forms, self.vocabulary.of_unit, self._matcher(core)
            self._successors[key] = [
                (forms[form_id][0], unit, forms[form_id][1][1])
                for unit in self.model.successors(previous, len(core))
                for form_id in of_unit.get(unit, ())
                if len(forms[form_id][0]) == len(core) and fits(forms[form_id][0])
            ]
        return self._successors[key]

    def _matcher(self, core: str) -> Callable[[str], bool]:
        """A test of whether a form fits `core`: visible characters kept, gaps filled by absent ones."""
        if core not in self._matchers:
            fixed = [(position, char) for position, char in enumerate(core) if char != " "]
            gaps = [position for position, char in enumerate(core) if char == " "]
            visible = self.visible
            self._matchers[core] = lambda form: all(form[p] == c for p, c in fixed) and not any(
                form[p] in visible for p in gaps
            )
        return self._matchers[core]

    def _splits_of(self, pattern: str) -> list[tuple[str, str, str]]:
        """(prefix, suffix, core) of the common affixes that fit around a non-empty core of `pattern`."""
        if pattern not in self._splits:
            self._splits[pattern] = [
                (prefix, suffix, pattern[len(prefix) : len(pattern) - len(suffix)])
                for prefix, suffix in self.affixes
                if len(pattern) - len(suffix) > len(prefix)
                and self._fits(pattern[: len(prefix)], prefix)
                and self._fits(pattern[len(pattern) - len(suffix) :], suffix)
            ]
        return self._splits[pattern]

    def _fits(self, pattern: str, text: str) -> bool:
        visible = self.visible
        pairs = zip(pattern, text, strict=True)
        return pattern == text or all(p == t or (p == " " and t not in visible) for p, t in pairs)

    def _with_affixes(self, prefix: str, core: str, suffix: str) -> Iterator[Candidate]:
        for form, unit, case, cost in self._core_forms(core):
            # Affixes belong to words and numbers: a lone mark ("-") stands alone.
            if form.isalnum() or not (prefix or suffix):
                affix_cost = self.model.affix_logprob(prefix, suffix, unit)
                yield Candidate(prefix + form + suffix, unit, affix_cost + cost, case)

    def _as_written(self, pattern: str) -> Candidate:
        """A token read as it stands: priced by the model if it knows the core, else as unknown."""
        token = split_token(pattern)
        if token.unit == NUMBER_UNIT:
            return Candidate(pattern, token.unit, self.model.shape_logprob(number_shape(pattern)))
        if self.model.unigrams[token.unit] == 0:
            return Candidate(pattern, token.unit, _UNKNOWN_TOKEN)
        cost = self.model.affix_logprob(token.prefix, token.suffix, token.unit) if token.core else 0.0
        return Candidate(pattern, token.unit, cost)

    def _numbers(self, pattern: str) -> list[Candidate]:
        """Readings of a gapped `pattern` as a number between common or visible affixes ("(", ")", "%;"), each
        priced by the likeliest shape numbers take that fits it ("����-����", "��/��"). A lost character
        inside a number stays unknown: a lost separator tells as little as a lost digit, and the document
        may still pin the whole number (`_pin_digits`)."""
        if " " not in pattern:
            return []
        visible = _VISIBLE_AFFIXES.fullmatch(pattern)
        assert visible is not None  # the pattern matches every string
        costs: dict[str, float] = {}
        for prefix, suffix, core in {*self._splits_of(pattern), visible.group("prefix", "suffix", "core")}:
            reference = _GAPPED_REFERENCE.fullmatch(core)
            if reference and " " in reference.group("number") and regex.search(r"\d", core):
                # A reference is priced by its numbers, each a number of its own ("73", "2006"); its visible
                # letters tell nothing more.
                number = reference.group("number").replace(" ", UNKNOWN_DIGIT)
                text = prefix + number + reference.group("tail") + suffix
                parts = number.split("/")
                cost = sum(self.model.shape_logprob(number_shape(part)) for part in parts)
                cost += self.model.affix_logprob(prefix, suffix)
                costs[text] = max(cost, costs.get(text, -math.inf))
            if " " not in core or not _GAPPED_NUMBER_CORE.fullmatch(core):
                continue
            text = prefix + core.replace(" ", UNKNOWN_DIGIT) + suffix
            shapes = [shape for shape in self.model.cores_of_length(len(core)) if self._fits_shape(core, shape)]
            for shape in [*shapes, number_shape(core.replace(" ", UNKNOWN_DIGIT))]:
                costs[text] = max(self.model.shape_logprob(prefix + shape + suffix), costs.get(text, -math.inf))
        return [Candidate(text, NUMBER_UNIT, cost) for text, cost in costs.items()]

    def _fits_shape(self, core: str, shape: str) -> bool:
        """Whether a number of `shape` could show as `core`: digits where the shape has digits, its visible
        separators as they are, gaps where the shape has a digit or a separator the line lost."""
        return all(
            (c == " " and (s == UNKNOWN_DIGIT or s not in self.visible))
            or c == s
            or (s == UNKNOWN_DIGIT and c.isdigit())
            for c, s in zip(core, shape, strict=True)
        )

    def _core_forms(self, core: str) -> list[tuple[str, str, str, float]]:
        """The most frequent forms that fit a core pattern, and the document's own words that fit it:
        (form, unit, case, cost)."""
        if core not in self._cores:
            matches = itertools.islice(self.vocabulary.matching(core, self.visible), _CANDIDATES_PER_SPAN)
            forms = [(self.vocabulary.forms[i][0], *self.vocabulary.forms[i][1], 0.0) for i in matches]
            written = {form[0] for form in forms}
            forms += [form for form in self._document_forms_fitting(core) if form[0] not in written]
            self._cores[core] = forms
        return self._cores[core]

    def _document_forms_fitting(self, core: str) -> Iterator[tuple[str, str, str, float]]:
        """The words and abbreviations the document writes whole that keep the visible letters of `core`, no
        fewer seen than lost, although their lost letters show elsewhere in the line: a line mixes font runs
        (in 003 "UBND" loses B and D beside a "(B/c)" that keeps its B, "huyện" its y beside a "quy").
        Abbreviations are the document's own; a word pays for each such letter, as most lines are one run."""
        lost = core.count(" ")
        if not lost or lost > len(core) - lost:
            return
        for abbreviation in self.document.abbreviations.get(len(core), ()):
            if all(c in (" ", a) for c, a in zip(core, abbreviation, strict=True)):
                yield abbreviation, abbreviation.lower(), "exact", 0.0
        for form_id in self.vocabulary.matching(core, frozenset()):
            form, (unit, case) = self.vocabulary.forms[form_id]
            shown = {f for c, f in zip(core, form, strict=True) if c == " " and f in self.visible}
            if shown and unit in self.document.syllables:
                yield form, unit, case, _MIXED_RUN_COST * len(shown)

    def decode(self, previous: Context) -> list[Reading]:
        line, n = self.line, len(self.line)
        last_visible = max((i for i, char in enumerate(line) if char != " "), default=-1)
        reach = n - 1 if self.before_tab else last_visible  # a gap before a tab is a lost character
        # state: (previous unit, next word opens a sentence, spaces since the last token; -1 = none yet)
        #   → (score, back pointer: (position, state, candidate or None for a space))
        states: list[dict[State, tuple[float, tuple | None]]] = [{} for _ in range(n + 1)]
        states[0][(*previous, -1)] = (0.0, None)

        def push(position: int, key: State, score: float, back: tuple) -> None:
            if key not in states[position] or states[position][key][0] < score:
                states[position][key] = (score, back)

        for i in range(n + 1):
            beam = heapq.nlargest(_BEAM, states[i].items(), key=lambda item: item[1][0])
            states[i] = dict(beam)
            for state, (score, _) in beam:
                unit, opens, spaced = state
                if i < n and line[i] == " ":
                    key = (unit, opens, min(spaced + 1, 2) if spaced >= 0 else -1)
                    cost = self._space_cost(i, spaced, last_visible, unit == NUMBER_UNIT)
                    push(i + 1, key, score + cost, (i, state, None))
                if spaced == 0:
                    continue
                context = "capitals" if self.capitals else "sentence_start" if opens else "running"
                for j in self._token_ends(i, reach):
                    admissible = self._admissible(i, j)
                    for candidate in self.candidates(line[i:j]) + self.following(unit, line[i:j]):
                        if not admissible(candidate):
                            continue
                        case = self.model.case_logprob(context, candidate.case, candidate.unit, unit)
                        total = score + candidate.cost + case + self.model.logprob(candidate.unit, unit)
                        total += self._bullet_joining_cost(i, j) + self._digit_spacing_cost(j, candidate)
                        push(j, (candidate.unit, opens_sentence(candidate.text), 0), total, (i, state, candidate))
        return self._trace(states)

    def _admissible(self, start: int, end: int) -> Callable[[Candidate], bool]:
        """Which readings of `line[start:end]` may stand: a gap beside a digit holds a digit (or the
        flag), and a line's gapped outline label (" .", " .1.") is a number, never "I." or "-.", unless
        the line is a heading in capitals (roman numerals); so is a table row's gapped label cell (" ", " .3")."""
        gaps = [p - start for p in self.number_gaps if start <= p < end]
        span = self.line[start:end]
        label = _ROW_LABEL.fullmatch(self.line) if self.row_label else _GAPPED_LABEL.fullmatch(span)
        if not self.capitals and not self.line[:start].strip() and " " in span and label:
            return lambda candidate: bool(_LABEL_TEXT.fullmatch(candidate.text))
        if gaps:
            return lambda candidate: all(candidate.text[p] in _DIGITS for p in gaps)
        return _always

    def _bullet_joining_cost(self, start: int, end: int) -> float:
        """What a reading that joins the line's opening bullet to what follows ("-.", "-XUỐNG") costs: clean
        text almost always spaces it ("- Chỉ tiêu"), so a gap after a bullet is most likely a real space."""
        if start != self.opening_bullet or end == start + 1:
            return 0.0
        return self.model.joined_logprob(self.line[start])

    def _digit_spacing_cost(self, end: int, candidate: Candidate) -> float:
        """What a reading that ends in a digit right before a space and a digit costs: clean text hardly
        ever spaces two digits, so the gap between them was most likely a lost digit or separator."""
        line = self.line
        if end + 1 < len(line) and candidate.text[-1] in _DIGITS and line[end + 1].isdigit():
            return self.model.spaced_logprob(DIGIT)
        return 0.0

    def _space_cost(self, position: int, spaced: int, last_visible: int, after_number: bool) -> float:
        if position > last_visible:
            # Past a number, more than one trailing space most likely stands for its lost digits; clean
            # text never puts a space before a tab, so one there is a lost character.
            if self.before_tab:
                return _SPACE_BEFORE_TAB
            return _EXTRA_SPACE if after_number and spaced > 0 else _TRAILING_SPACE
        if spaced < 0:
            return self.model.spaced_logprob(INDENT if position else LINE_START)
        return 0.0 if spaced == 0 else _EXTRA_SPACE

    def _token_ends(self, start: int, reach: int) -> Iterator[int]:
        """Where a token starting at `start` may end: before a space or at the end of the line, within
        reach of a gapped token, or at the end of the visible run it starts with."""
        line, n = self.line, len(self.line)
        if start > reach:
            return
        run_end = start
        while run_end < n and line[run_end] != " ":
            run_end += 1
        if run_end > start:
            yield run_end
        for j in range(max(run_end + 1, start + 1), min(n, start + _MAX_GAPPED_TOKEN) + 1):
            if j == n or line[j] == " ":
                yield j

    def _trace(self, states: list[dict]) -> list[Reading]:
        position = len(self.line)
        key = max(states[position], key=lambda k: states[position][k][0])
        readings = []
        while (back := states[position][key][1]) is not None:
            start, key, candidate = back
            if candidate is not None:
                readings.append(Reading(start, position, candidate))
            position = start
        return readings[::-1]

    def confidence(self, reading: Reading, previous: str, following: str | None) -> float:
        """Share of the chosen reading among the readings of the same span, given its neighbours."""

        def score(candidate: Candidate) -> float:
            after = self.model.logprob(following, candidate.unit) if following else 0.0
            return candidate.cost + self.model.logprob(candidate.unit, previous) + after

        span = self.line[reading.start : reading.end]
        scores = [score(c) for c in self.candidates(span) + self.following(previous, span)]
        top = max(scores)
        return math.exp(score(reading.candidate) - top) / sum(math.exp(s - top) for s in scores)


def _beside_number(line: str, position: int) -> bool:
    """Whether the gap at `position` touches a digit, or a percent sign after it."""
    before = line[position - 1] if position else ""
    after = line[position + 1] if position + 1 < len(line) else ""
    return before.isdigit() or after.isdigit() or after == "%"


def _always(candidate: Candidate) -> bool:
    return True


def _is_abbreviation(core: str) -> bool:
    return bool(_ABBREVIATION.fullmatch(core)) and declared_tones(core.lower()) not in syllable_inventory()


def _document_words(text: str, lines: list[str], model: RepairModel) -> DocumentWords:
    """What the document writes whole: its abbreviations, damaged lines included (UBND), not words in
    capitals (KẾ HOẠCH), and the known syllables of `lines`. A document's words and agencies recur, a
    fragment of a damaged one ("HĐN") seldom: at least twice."""
    abbreviations = Counter(
        token.core for line in text.split("\n") for token in tokens(line) if _is_abbreviation(token.core)
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


def _is_invalid_fragment(core: str, model: RepairModel) -> bool:
    """A fragment with letters that is neither a syllable, nor a known token, nor an abbreviation."""
    return (
        declared_tones(core.lower()) not in syllable_inventory()
        and core not in model.others
        and not _is_abbreviation(core)
    )


def _damaged_lines(lines: list[str], model: RepairModel) -> list[bool]:
    # Run on every document, clean ones included: each line is split once, each distinct fragment judged once.
    fragments = [[token.core for token in tokens(line) if _LETTER.search(token.core)] for line in lines]
    invalid_fragments = {core for core in set().union(*fragments) if _is_invalid_fragment(core, model)}
    invalid = [sum(core in invalid_fragments for core in line_fragments) for line_fragments in fragments]
    counts = [len(line_fragments) for line_fragments in fragments]
    damaged = []
    for index, count in enumerate(invalid):
        window = slice(max(0, index - _WINDOW), index + _WINDOW + 1)
        share = sum(invalid[window]) / max(1, sum(counts[window]))
        # Lost digits and whole lost words leave only runs of spaces, inside or at the start of a line.
        gapped = count > 0 or bool(_GAP_RUN.search(lines[index]))
        damaged.append(gapped and share >= DAMAGED_SHARE)
    return damaged


def _document_numbers(text: str) -> frozenset[str]:
    """The numbers that may pin one with lost digits: those with separators (periods, dates, references)
    the document writes whole at least twice, and its own period, the one it states most ("2021-2025"),
    with its years. A number stated once may belong to anything ("2018-2025", another programme's
    period), and a lone number or year is too common to pin one."""
    written = Counter(match.group() for match in _NUMBER_IN_TEXT.finditer(text) if not match.group().isdigit())
    pinning = {number for number, count in written.items() if count >= _PIN_MIN_COUNT}
    periods = Counter(match.groups() for match in _PERIOD.finditer(text))
    if periods:
        (first, last), _ = periods.most_common(1)[0]
        pinning |= {first, last} | {number for number in written if number.startswith(first) and number.endswith(last)}
    return frozenset(pinning)


def _pin_digits(text: str, numbers: frozenset[str]) -> tuple[str, float]:
    """Fill unknown digits from the one number of the document that fits, else leave them flagged."""
    number = _NUMBER_WITH_UNKNOWNS.search(text)
    assert number is not None  # called only on readings with an unknown digit
    pattern = regex.compile(regex.escape(number.group()).replace(UNKNOWN_DIGIT, r"[\d.,/\-]"))
    fits = [written for written in numbers if pattern.fullmatch(written)]
    unknown = number.group().count(UNKNOWN_DIGIT)
    # Only a distinctive number pins: long enough, and more seen than lost ("����-2025", not "�8");
    # a year of the document's periods pins with fewer digits seen ("năm ���5": 2025), less surely.
    if len(fits) != 1 or len(number.group()) < 4:
        return text, 0.0
    pinned = text[: number.start()] + fits[0] + text[number.end() :]
    if unknown <= len(number.group()) - unknown:
        return pinned, PINNED_DIGIT_CONFIDENCE
    return (pinned, PINNED_YEAR_CONFIDENCE) if _YEAR.fullmatch(fits[0]) else (text, 0.0)


def _last_context(line: str, previous: Context) -> Context:
    found = _TOKEN_TEXT.findall(line)
    return (split_token(found[-1]).unit, opens_sentence(found[-1])) if found else previous


def restore_glyphs(model: RepairModel | None = None) -> NamedStep:
    """The step: decode damaged lines with `model` plus the document's own intact lines."""
    base = model or default_model()
    vocabulary = Vocabulary(base)

    def restore(text: str) -> list[Edit]:
        lines = text.split("\n")
        damaged = _damaged_lines(lines, base)
        if not any(damaged):
            return []
        intact = [
            line for line, bad in zip(lines, damaged, strict=True) if not bad and not _INTERNAL_SPACE_RUN.search(line)
        ]
        # The document's own words (names, its agencies) are the best evidence: they count extra.
        local = base.extended(["\n".join(intact)] * _DOCUMENT_WEIGHT)
        # A number written whole anywhere in the document can pin one with lost digits: a partial
        # number never fits, as the pattern keeps the length.
        numbers = _document_numbers(text)
        decode = functools.partial(_restore_lines, lines, model=local, vocabulary=vocabulary, numbers=numbers)
        edits = decode(damaged, _document_words(text, intact, local))
        # A word the document never writes whole may still be restored surely in lines of one font run
        # ("huyện"): a second pass offers the words of the first to the lines it left with unknown tokens.
        first = applied(text, [edit for line_edits in edits for edit in line_edits]).split("\n")
        again = [bad and _unknown_tokens(line, local) for line, bad in zip(first, damaged, strict=True)]
        document = _document_words(text, intact, local)
        if any(again):
            words = intact + [line for line, bad in zip(first, damaged, strict=True) if bad]
            document = _document_words(text, words, local)
            second = decode(again, document)
            edits = [redo or line_edits for line_edits, redo in zip(edits, second, strict=True)]
        # Each line's font run lost a few characters, and every gap is one of them: a last pass re-reads
        # the lines whose unsure repairs fill gaps with other characters, favouring those their sure repairs
        # filled gaps with.
        lost = [_filled(text, line_edits) for line_edits in edits]
        unsure = [bool(line_lost) and not _filled(text, line_edits, sure=False) <= line_lost
                  for line_lost, line_edits in zip(lost, edits, strict=True)]
        third = decode(unsure, document, lost=lost)
        # Favouring the lost set must not read a line's letters as more lost digits ("xây" as "���").
        edits = [
            redo if redo and _flags(redo) <= _flags(line_edits) else line_edits
            for line_edits, redo in zip(edits, third, strict=True)
        ]
        return pin_label_sequences(text, [edit for line_edits in edits for edit in line_edits])

    return NamedStep("restore_glyphs", restore)


def _filled(text: str, edits: list[Edit], sure: bool = True) -> frozenset[str]:
    """The characters the sure (else the unsure) `edits` put in gaps of `text`, and the lost-digit flag if
    any edit holds one: whether a line lost digits does not depend on how sure its other repairs are."""
    chosen = [edit for edit in edits if ((edit.confidence or 0.0) >= LOW_CONFIDENCE) == sure]
    chars = {
        char
        for edit in chosen
        for position, char in enumerate(edit.replacement, edit.start)
        if text[position] == " " and char not in (" ", UNKNOWN_DIGIT)
    }
    return frozenset(chars | ({UNKNOWN_DIGIT} if _flags(edits) else set()))


def _flags(edits: list[Edit]) -> int:
    return sum(edit.replacement.count(UNKNOWN_DIGIT) for edit in edits)


def _unknown_tokens(line: str, model: RepairModel) -> bool:
    """Whether `line` holds a word the model has never seen ("bìn", "ện"): likely half restored."""
    return any(regex.search(r"\p{L}", token.core) and not model.unigrams[token.unit] for token in tokens(line))


def _restore_lines(
    lines: list[str],
    which: list[bool],
    document: DocumentWords,
    *,
    model: RepairModel,
    vocabulary: Vocabulary,
    numbers: frozenset[str],
    lost: list[frozenset[str]] | None = None,
) -> list[list[Edit]]:
    """The edits restoring each of `lines` that `which` marks (none for the others), given what each line
    lost if that is known."""
    edits: list[list[Edit]] = []
    offset, previous = 0, (LINE_START, True)
    for index, (line, chosen) in enumerate(zip(lines, which, strict=True)):
        line_lost = lost[index] if lost else None
        edits.append(
            _restore_line(line, offset, model, vocabulary, numbers, document, previous, line_lost) if chosen else []
        )
        previous = _last_context(line, previous)
        offset += len(line) + 1
    return edits


def _restore_line(
    line: str,
    offset: int,
    model: RepairModel,
    vocabulary: Vocabulary,
    numbers: frozenset[str],
    document: DocumentWords,
    previous: Context,
    lost: frozenset[str] | None,
) -> list[Edit]:
    edits = []
    cell_start = 0
    cells = line.rstrip("\r").split("\t")
    for cell_index, cell in enumerate(cells):
        before_tab = cell_index + 1 < len(cells)
        row_label = before_tab and not cell_index
        decoder = _LineDecoder(model, vocabulary, cell, document, before_tab, row_label, lost)
        readings = decoder.decode(previous)
        for index, reading in enumerate(readings):
            written = cell[reading.start : reading.end]
            before = readings[index - 1].candidate.unit if index else previous[0]
            after = readings[index + 1].candidate.unit if index + 1 < len(readings) else None
            if reading.candidate.text == written:
                continue
            restored, confidence = reading.candidate.text, decoder.confidence(reading, before, after)
            if UNKNOWN_DIGIT in restored:
                restored, confidence = _pin_digits(restored, numbers)
            start = offset + cell_start + reading.start
            edits.append(Edit(start, start + len(written), restored, round(confidence, 3)))
        if readings:
            previous = (readings[-1].candidate.unit, opens_sentence(readings[-1].candidate.text))
        cell_start += len(cell) + 1
    return edits
