"""Viterbi over the readings of one damaged line, scored by the syllable bigram model, and how sure each
chosen reading is."""
from __future__ import annotations

import functools
import heapq
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from extract.marks import UNKNOWN
from normalize.repair.readings import MAX_GAPPED_REFERENCE, MAX_GAPPED_TOKEN, REFERENCE_START, Candidate, SpanReadings
from normalize.repair.tokens import DIGIT, INDENT, LINE_START, NUMBER_UNIT, opens_sentence

_BEAM = 12
_RESCUED = 2  # states the beam dropped that may still join the next word (see `_rescued`)
# Costs in nats, for readings the language model does not score.
_EXTRA_SPACE = -4.0
_SPACE_BEFORE_TAB = -8.0  # extracted table cells are stripped: a space before a tab is a lost character
_UNPADDED_END_SPACE = -8.0  # a line of a document that does not pad its lines ends in a lost character
_TRAILING_SPACE = -0.2
_GAPPED_LABEL = regex.compile(r"[\d ]*(?:\.[\d ]+)*\.", regex.V1)
_ROW_LABEL = regex.compile(r"[\d ]+(?:\.[\d ]+)*\.?")
_LABEL_TEXT = regex.compile(rf"[\d{UNKNOWN}.]+")
_DIGITS = frozenset("0123456789" + UNKNOWN)
# Where an amount may have lost all but its separators ("   .    tấn" of "100.000 tấn") or all but its
# first digit ("3          đồng" of "30.000.000 đồng", the run lost its "0" and "."): letters read there
# ("hội. Để", "3 phù hợp") may as well be its digits, however likely the words.
_BARE_SEPARATOR = regex.compile(r"(?<= )[.,](?=   )")
_GAPS_AFTER_DIGIT = regex.compile(r"(?<=\d) {4,}")
_LETTERS_IN_AMOUNT_GAPS = 0.3  # the confidence of such letters at most: flagged for review


Context = tuple[str, bool]  # the previous unit, and whether the next word opens a sentence
State = tuple[str, bool, int]  # a context and the spaces since the last token (-1: none on this line yet)


@dataclass(frozen=True)
class Reading:
    start: int
    end: int
    candidate: Candidate


# Where a reading came from: (its start, the state before it, the candidate, or None for a space).
Back = tuple[int, State, Candidate | None]
# A reading in its place: the candidate, its cost there, its unit, its (case, unit) unless its case is exact,
# and the state it leads to (the unit the next word sees, whether that word opens a sentence, no space yet).
Placed = tuple[Candidate, float, str, tuple[str, str] | None, State]
Ranked = tuple[State, tuple[float, Back | None]]  # a state of a position, its score and back pointer


class LineDecoder(SpanReadings):
    """Viterbi over the readings of one damaged line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._placed_following: dict[tuple[int, int, str], list[Placed]] = {}
        self._next_units: dict[int, frozenset[str]] = {}
        self._places: dict[tuple[int, int], tuple[Callable[[Candidate], bool], float, bool, float]] = {}
        self._last_visible = max((i for i, char in enumerate(self.line) if char != " "), default=-1)
        # Where the last token may start: a gap before a tab is a lost character, a lost cell often a whole
        # number. A whole word lost at a line's end is left blank: nothing shows what it was.
        self._reach = len(self.line) - 1 if self.before_tab else self._last_visible
        # Where the first token may start: a long run of spaces opening a line is its indent ("      (Đã ký)"), and
        # a token starting deep inside it would be a word lost whole with real spaces on both sides, which nothing
        # shows; each start there costs the readings of every run of gaps up to the longest token.
        opening = len(self.line) - len(self.line.lstrip(" "))
        self._first_start = max(0, opening - MAX_GAPPED_TOKEN)

    def decode(self, previous: Context) -> list[Reading]:
        line, n = self.line, len(self.line)
        last_visible, reach = self._last_visible, self._reach
        # state: (previous unit, next word opens a sentence, spaces since the last token; -1 = none yet)
        #   → (score, back pointer: (position, state, candidate or None for a space))
        states: list[dict[State, tuple[float, Back | None]]] = [{} for _ in range(n + 1)]
        states[0][(*previous, -1)] = (0.0, None)

        for i in range(n + 1):
            beam = heapq.nlargest(_BEAM, states[i].items(), key=_score)
            beam += self._rescued(i, states[i], beam)
            states[i] = dict(beam)
            spans = None
            for state, (score, _) in beam:
                unit, opens, spaced = state
                if i < n and line[i] == " ":
                    key = (unit, opens, min(spaced + 1, 2) if spaced >= 0 else -1)
                    cost = self._space_cost(i, spaced, last_visible, unit == NUMBER_UNIT)
                    _offer(states[i + 1], key, score + cost, (i, state, None))
                if spaced == 0:
                    continue
                if spans is None:
                    spans = [
                        (j, self._span_readings(i, j), self.has_every_reading(line[i:j]))
                        for j in self._token_ends(i, reach)
                    ]
                context = "capitals" if self.capitals else "sentence_start" if opens else "running"
                prices = self.model.logprobs_after(unit), self.model.case_logprobs(context, unit)
                origin = (i, state)
                for j, readings, complete in spans:
                    _extend(states[j], origin, score, prices, readings)
                    if not complete and (following := self._following_readings(i, j, unit)):
                        _extend(states[j], origin, score, prices, following)
        return self._trace(states)

    def _rescued(
        self, position: int, states: dict[State, tuple[float, Back | None]], beam: list[Ranked]
    ) -> list[Ranked]:
        """The best few states the beam dropped whose unit is bound to a reading of the next token ("kế"
        before " o c " read "hoạch"): the bigram priced them after the previous word only, and "1 Kế hoạch"
        loses "Kế" to likelier words after a number before "hoạch" can vote for it."""
        if len(states) == len(beam):
            return []
        kept = {key for key, _ in beam}
        bound = self.model.bound_successor
        dropped = [
            item
            for item in states.items()
            if item[0] not in kept
            and (successor := bound(item[0][0])) is not None
            and successor in self._units_from(position + 1 if item[0][2] == 0 else position)
        ]
        return heapq.nlargest(_RESCUED, dropped, key=_score)

    def _units_from(self, start: int) -> frozenset[str]:
        """The units the readings of a token starting at `start` may take."""
        if start not in self._next_units:
            self._next_units[start] = frozenset(
                c.unit for end in self._token_ends(start, self._reach) for c in self.candidates(self.line[start:end])
            )
        return self._next_units[start]

    def _span_readings(self, start: int, end: int) -> list[Placed]:
        """The admissible readings of `line[start:end]` that do not depend on the previous word, each placed
        (`Placed`: its cost in this place and the state it leads to)."""
        return self._placed(start, end, self.candidates(self.line[start:end]))

    def _following_readings(self, start: int, end: int, previous: str) -> list[Placed]:
        key = (start, end, previous)
        placed = self._placed_following.get(key)
        if placed is None:
            following = self.following(previous, self.line[start:end])
            placed = self._placed_following[key] = self._placed(start, end, following) if following else []
        return placed

    def _placed(self, start: int, end: int, candidates: list[Candidate]) -> list[Placed]:
        admissible, joining, first, digit_spacing = self._place(start, end)
        return [
            (
                c, c.cost + joining + (digit_spacing if digit_spacing and c.text[-1] in _DIGITS else 0.0), c.unit,
                None if c.case == "exact" else (c.case, c.unit), (c.context, opens_sentence(c.text, first), 0),
            )
            for c in candidates
            if admissible(c)
        ]

    def _place(self, start: int, end: int) -> tuple[Callable[[Candidate], bool], float, bool, float]:
        """What the place of `line[start:end]` asks of its readings: which may stand, what joining the
        opening bullet costs, whether the span opens the line, and what a reading ending in a digit costs."""
        place = self._places.get((start, end))
        if place is None:
            first = not self.line[:start].strip()
            place = self._places[start, end] = (
                self._admissible(start, end), self._bullet_joining_cost(start, end), first,
                self._digit_spacing_cost(end),
            )
        return place

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

    def _digit_spacing_cost(self, end: int) -> float:
        """What a reading ending at `end` in a digit costs, if a space and a digit follow: clean text hardly
        ever spaces two digits, so the gap between them was most likely a lost digit or separator."""
        line = self.line
        if end + 1 < len(line) and line[end + 1].isdigit():
            return self.model.spaced_logprob(DIGIT)
        return 0.0

    def _space_cost(self, position: int, spaced: int, last_visible: int, after_number: bool) -> float:
        if position in self.grouped_gaps:
            return -math.inf
        if position > last_visible:
            # Past a number, more than one trailing space most likely stands for its lost digits; clean
            # text never puts a space before a tab, so one there is a lost character.
            if self.before_tab:
                return _SPACE_BEFORE_TAB
            if not self.padded:
                # Nor at the end of a line, unless its document pads them: the gaps there hold a lost character,
                # paid for once, as a word lost whole there is left blank.
                return _UNPADDED_END_SPACE if spaced == 0 else 0.0
            return _EXTRA_SPACE if after_number and spaced > 0 else _TRAILING_SPACE
        if spaced < 0:
            return self.model.spaced_logprob(INDENT if position else LINE_START)
        return 0.0 if spaced == 0 else _EXTRA_SPACE

    def _token_ends(self, start: int, reach: int) -> Iterator[int]:
        """Where a token starting at `start` may end: before a space or at the end of the line, within
        reach of a gapped token (of a document number, if one starts there), or at the end of the visible
        run it starts with."""
        line, n = self.line, len(self.line)
        if start > reach or start < self._first_start:
            return
        run_end = start
        while run_end < n and line[run_end] != " ":
            run_end += 1
        if run_end > start:
            yield run_end
        longest = MAX_GAPPED_REFERENCE if REFERENCE_START.match(line, start) else MAX_GAPPED_TOKEN
        for j in range(max(run_end + 1, start + 1), min(n, start + longest) + 1):
            if j == n or line[j] == " ":
                yield j

    def _trace(self, states: list[dict[State, tuple[float, Back | None]]]) -> list[Reading]:
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
            after = self.model.logprob(following, candidate.context) if following else 0.0
            return candidate.cost + self.model.logprob(candidate.unit, previous) + after

        span = self.line[reading.start : reading.end]
        scores = [score(c) for c in self.candidates(span) + self.following(previous, span)]
        top = max(scores)
        share = math.exp(score(reading.candidate) - top) / sum(math.exp(s - top) for s in scores)
        if self._letters_in_amount_gaps(reading):
            return min(share, _LETTERS_IN_AMOUNT_GAPS)
        return share

    @functools.cached_property
    def _amount_gaps(self) -> frozenset[int]:
        """The gaps where an amount may have lost its digits (`_BARE_SEPARATOR`, `_GAPS_AFTER_DIGIT`): only
        `confidence` asks, once a line is decoded."""
        separators = [range(m.start() - 1, m.end() + 3) for m in _BARE_SEPARATOR.finditer(self.line)]
        runs = [range(m.start(), m.end()) for m in _GAPS_AFTER_DIGIT.finditer(self.line)]
        return frozenset(position for gaps in separators + runs for position in gaps)

    def _letters_in_amount_gaps(self, reading: Reading) -> bool:
        text = reading.candidate.text
        return any(
            reading.start + offset in self._amount_gaps and char.isalpha()
            for offset, char in enumerate(text)
            if self.line[reading.start + offset] == " "
        )


def _extend(
    ends: dict[State, tuple[float, Back | None]], origin: tuple[int, State], score: float,
    prices: tuple[Mapping[str, float], Mapping[tuple[str, str], float]], readings: list[Placed],
) -> None:
    """Offers each of `readings` after the state `origin` (its position and state, with `score`) to the
    states where the readings end, keeping the best way into each; `prices` are the model's bigram and case
    log-probabilities after the state."""
    logprobs, case_logprobs = prices
    for candidate, cost, unit, case, key in readings:
        total = score + cost + logprobs[unit]
        if case is not None:
            total += case_logprobs[case]
        # `_offer` written out: this loop runs about a million times per damaged document, and the call
        # cost a tenth of the restoration's time.
        found = ends.get(key)
        if found is None or found[0] < total:
            ends[key] = (total, (*origin, candidate))


def _offer(ends: dict[State, tuple[float, Back | None]], key: State, score: float, back: Back) -> None:
    """Keeps the best way into the state `key` of a position."""
    found = ends.get(key)
    if found is None or found[0] < score:
        ends[key] = (score, back)


def _score(item: Ranked) -> float:
    return item[1][0]


def _always(candidate: Candidate) -> bool:
    return True

