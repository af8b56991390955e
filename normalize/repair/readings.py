"""The readings a span of a damaged line may take, priced: forms of the vocabulary that keep its visible
characters and fill its gaps only with characters absent from the line (a character that shows in a line is
not lost in that line: its font run keeps it), between common punctuation; the document's own words; the
readings the model has seen after the previous unit; numbers, each lost digit UNKNOWN."""
from __future__ import annotations

import functools
import heapq
import itertools
import math
from collections import Counter
from collections.abc import Iterator, KeysView, Mapping
from typing import NamedTuple

import regex

from extract.marks import UNKNOWN
from normalize.repair.model import Computed, RepairModel
from normalize.repair.tokens import BULLETS, NUMBER_UNIT, context_unit, mostly_capitals, number_shape, split_token
from normalize.repair.vocabulary import DocumentWords, Vocabulary

_MIXED_RUN_COST = -4.0  # a lost letter of a document's word that shows elsewhere in its line
_MIXED_RUN_OTHER_WORD = -2.0  # ... of a word the document never writes whole
_MIXED_RUN_OTHER_FORMS = 4  # 8 read held-out text no better and cost 3% of the time
_NEW_LOST_COST = -2.0  # a character a line's first decode did not fill any gap with (its font run's lost set)
# The most common punctuation pairs around a token core that a gap may hold; the rarer ones ('"', ");", "./.")
# changed one word in 17,027 on held-out text and cost a tenth of the time.
_AFFIXES = 20
_CANDIDATES_PER_SPAN = 20  # readings kept per span: held-out text reads as with 24 (94.39% exact), faster
_UNKNOWN_TOKEN = -14.0
_LETTER = regex.compile(r"\p{L}")
_LETTER_CASES = frozenset(("lower", "title", "exact"))
_UNSEEN_AFFIX_COST = -6.0  # punctuation around a word that the training texts never put there (".”.")
# ln(P(a character of the class is lost) / P(a letter is lost)): fonts seldom lose digits (seed 003: 6% of
# them, 24% of letters) and hardly ever punctuation (0.25%), so a gap between "1," and "2" is more likely a
# real space than a lost digit of "1,52", and a gap before a word at a line's start an indent, not a "(".
_LOST_DIGIT = -1.4
_LOST_MARK = -4.6
_VISIBLE_AFFIXES = regex.compile(r"(?P<prefix>[^\w\s]*)(?P<core>.*?)(?P<suffix>[^\w\s]*)")
# An amount in groups of three digits, some of them lost: "15.   .   ", "1 .   .   ".
_GROUPED_NUMBER = regex.compile(r"(?<![\w.,])\d[\d ]{0,2}(?:[.,][\d ]{3}){2,}(?!\w)")
# The longest token with a lost character: a 7-letter syllable and punctuation, or an amount; a document
# number ("189/2025/NĐ-CP;") runs longer.
MAX_GAPPED_TOKEN = 11
MAX_GAPPED_REFERENCE = 20
REFERENCE_START = regex.compile(r"[(\[]?[\d ]*\d[\d ]*/")
_GAPPED_NUMBER_CORE = regex.compile(r"[\d ](?:[\d.,/\- ]*[\d ])?")
# A document number keeps its letters: "3079/QĐ-UBND", "73/2006/QH11", "48/2009/" before a gapped tail.
_GAPPED_REFERENCE = regex.compile(r"(?P<number>[\d ]+(?:/[\d ]+)*)(?P<tail>/(?:\p{Lu}[\p{L}\p{N}\-&]*)?)")
# One whose kind and issuer lost letters too: "675/ H-UBN " for "675/KH-UBND".
_GAPPED_TAIL_REFERENCE = regex.compile(r"(?P<number>[\d ]*\d[\d ]*(?:/[\d ]+)*)/(?P<tail>[\p{Lu} ][\p{L}\p{N}\-& ]*)")
# (prefix, suffix, core, what the affixes put in the pattern's gaps, what that costs)
Split = tuple[str, str, str, str, float]
CoreForm = tuple[str, str, str, float, float, bool, bool]  # see `SpanReadings._core_forms`


class Candidate(NamedTuple):
    """A reading of a span. A tuple: the decoder makes hundreds of thousands per document, and a frozen
    dataclass sets each field through object.__setattr__."""

    text: str
    unit: str
    cost: float  # everything but the language model and case: punctuation, unknown tokens or digits
    case: str = "exact"

    @property
    def context(self) -> str:
        return context_unit(self.unit, self.text)


class SharedForms:
    """What the damaged lines of one document share: the model with the document's own words, the splits of
    a pattern into common affixes and a core, what an affix costs, and the forms seen after a unit that keep
    the visible characters of a core, each with what it puts in the gaps. Which of them a line may take
    depends only on the characters it shows, a filter left to the line."""

    def __init__(self, model: RepairModel, vocabulary: Vocabulary) -> None:
        self.model = model
        self.vocabulary = vocabulary
        self.affixes = [pair for pair, count in model.affixes.most_common(_AFFIXES) if count >= 3 or pair == ("", "")]
        self._prefixes = {prefix for prefix, _ in self.affixes}
        self._suffixes = {suffix for _, suffix in self.affixes}
        self._splits: dict[str, list[Split]] = {}
        self._gapped_cores: dict[str, list[tuple[int, KeysView[str]]]] = {}
        self._affix_costs: dict[tuple[str, str], Computed[str]] = {}

    def splits(self, pattern: str) -> list[Split]:
        """(prefix, suffix, core, filled, cost) of the common affixes that keep the visible characters around
        a non-empty core of `pattern`, `filled` what they put in its gaps and `cost` what that costs, and of the
        punctuation it shows after its core if that is no common suffix ("nà .”." in an amendment)."""
        found = self._splits.get(pattern)
        if found is None:
            n = len(pattern)
            prefixes = {prefix: _affix_fill(pattern[: len(prefix)], prefix) for prefix in self._prefixes}
            suffixes = {suffix: _affix_fill(pattern[n - len(suffix) :], suffix) for suffix in self._suffixes}
            found = [
                (prefix, suffix, pattern[len(prefix) : n - len(suffix)], filled + ending, _gaps_cost(filled + ending))
                for prefix, suffix in self.affixes
                if n - len(suffix) > len(prefix)
                and (filled := prefixes[prefix]) is not None
                and (ending := suffixes[suffix]) is not None
            ]
            shown = _VISIBLE_AFFIXES.fullmatch(pattern)
            assert shown is not None  # the pattern matches every string
            suffix, core = shown.group("suffix", "core")
            # Only after a word that shows a letter and opens with none: a rare mark before a gap ("“ .",
            # "/ H-UBN ") would let letters stand where a number's digits were lost.
            if suffix and not shown.group("prefix") and _LETTER.search(core) and ("", suffix) not in self.affixes:
                found.append(("", suffix, core, "", 0.0))
            self._splits[pattern] = found
        return found

    def affix_costs(self, prefix: str, suffix: str) -> Mapping[str, float]:
        """ln P(a token of a unit has these affixes), by unit; for a pair never seen, which only ever stands
        where the line shows it, that of a bare token with a penalty."""
        costs = self._affix_costs.get((prefix, suffix))
        if costs is None:
            # A function of the model, not a method: a row holding this object would make a cycle.
            compute = functools.partial(_affix_cost, self.model, prefix, suffix)
            costs = self._affix_costs[prefix, suffix] = Computed(compute)
        return costs

    def successor_forms(self, previous: str, core: str) -> list[tuple[int, str]]:
        """(id, filled) of the forms of the units seen after `previous` that keep the visible characters of
        `core` (`Vocabulary.fitting`)."""
        by_unit = self.vocabulary.fitting_by_unit(core)
        return [entry for unit in self.model.successors(previous, len(core)) for entry in by_unit.get(unit, ())]

    def any_successor_fits(self, previous: str, pattern: str) -> bool:
        """Whether `successor_forms` has any for a gapped core of a split of `pattern`, whatever the line
        shows: for most (previous, pattern) pairs none of the units seen after `previous` fits, and the check
        of the few distinct cores, shared by the lines, spares them the splits."""
        cores = self._gapped_cores.get(pattern)
        if cores is None:
            gapped = dict.fromkeys(split[2] for split in self.splits(pattern) if " " in split[2])
            by_unit = self.vocabulary.fitting_by_unit
            cores = self._gapped_cores[pattern] = [(len(core), by_unit(core).keys()) for core in gapped]
        successors = self.model.successors
        return any(not units.isdisjoint(successors(previous, length)) for length, units in cores)


class SpanReadings:
    """The readings of the spans of one damaged line (a table cell), each list computed once."""

    def __init__(
        self,
        shared: SharedForms,
        line: str,
        document: DocumentWords | None = None,
        before_tab: bool = False,
        row_label: bool = False,
        lost: frozenset[str] | None = None,
        padded: bool = True,
    ) -> None:
        self.shared = shared
        self.model = shared.model
        self.vocabulary = shared.vocabulary
        self.line = line
        self.document = document or DocumentWords({}, frozenset())
        self.before_tab = before_tab  # the line is a table cell followed by another
        self.padded = padded  # the document ends its lines with a space (`pads_lines`)
        self.row_label = row_label  # the line is the first cell of a table row, where rows put their number
        self.lost = lost  # the characters the line's font run lost, as a first decode read them (None: unknown)
        self.visible = frozenset(line) - {" "}
        opening = len(line) - len(line.lstrip(" "))
        self.opening_bullet = opening if line[opening : opening + 1] in BULLETS else None
        self.capitals = mostly_capitals(line)
        # A line in capitals writes its words in capitals, other lines in lower or title case: the forms of
        # the other case would only take the places of likelier readings.
        self.cases = frozenset(("upper", "exact")) if self.capitals else _LETTER_CASES
        self.grouped_gaps = frozenset(grouped_number_gaps(line))
        beside = {p for p in range(len(line)) if line[p] == " " and beside_number(line, p)}
        self.number_gaps = sorted(beside | self.grouped_gaps)
        self._candidates: dict[str, list[Candidate]] = {}
        self._cores: dict[str, list[CoreForm]] = {}
        self._following: dict[tuple[str, str], list[Candidate]] = {}
        self._successors: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        self._splits: dict[str, list[tuple[str, str, str, float]]] = {}
        self._complete: set[str] = set()  # patterns whose `candidates` hold every form the line lets them take
        self._truncated_cores: set[str] = set()  # cores with more fitting forms than `_core_forms` keeps

    def candidates(self, pattern: str) -> list[Candidate]:
        if pattern not in self._candidates:
            # Numbers are few and all read alike (flagged): kept whatever the words around them.
            numbers = self._priced_by_lost_set(pattern, self._numbers(pattern))
            self._candidates[pattern] = self._best_words(pattern) + numbers
        return self._candidates[pattern]

    def has_every_reading(self, pattern: str) -> bool:
        """Whether `candidates` kept every form of the vocabulary `pattern` may take in this line: then
        `following` has none to add, whatever the previous word (most patterns, which show enough letters)."""
        self.candidates(pattern)
        return pattern in self._complete

    def _best_words(self, pattern: str) -> list[Candidate]:
        """The most likely readings of `pattern` as a word or token between common affixes, by their cost and
        prior; the pattern as written if no form fits it."""
        best = _Best(_CANDIDATES_PER_SPAN)
        gaps = [position for position, char in enumerate(pattern) if char == " "]
        any_form, left_out = False, False
        for prefix, suffix, core, affix_gaps in self._splits_of(pattern):
            affixed = bool(prefix or suffix)
            # What the affixes' lost marks cost (`affix_gaps`) bounds every reading of this split from above:
            # the readings that cannot make the best are never built.
            affix_costs = self.shared.affix_costs(prefix, suffix)
            core_forms = self._core_forms(core)
            left_out = left_out or core in self._truncated_cores
            for form, unit, case, cost, unit_prior, alphanumeric, letters in core_forms:
                # Affixes belong to words and numbers: a lone mark ("-") stands alone.
                if affixed and not alphanumeric:
                    left_out = True
                    continue
                any_form = True
                if affix_gaps + cost + unit_prior <= best.floor:
                    left_out = True
                    continue
                text = prefix + form + suffix
                affixed_cost = affix_costs[unit] + cost
                if letters and self.lost is None:
                    # Its gaps hold letters, which cost nothing, and the affixes' marks: `_priced` in short.
                    priced = affixed_cost + affix_gaps
                else:
                    priced = self._priced(text, affixed_cost, gaps)
                best.add(Candidate(text, unit, priced, case), priced + unit_prior)
        if " " not in pattern and not any_form:
            written = self._as_written(pattern)
            best.add(written, written.cost + self.model.unigram_logprob(written.unit))
        if not (left_out or best.dropped):
            self._complete.add(pattern)
        return best.ranked()

    def following(self, previous: str, pattern: str) -> list[Candidate]:
        """Readings of `pattern` the model has seen after `previous` that the most frequent forms of the
        pattern (`candidates`) leave out: a gap-heavy token ("  " after "chỉ") has too many readings to
        keep by frequency alone."""
        key = (previous, pattern)
        if " " not in pattern:
            return []
        found = self._following.get(key)
        if found is None:
            found = []
            if self.shared.any_successor_fits(previous, pattern):
                known = {candidate.text for candidate in self.candidates(pattern)}
                gapped = [split for split in self._splits_of(pattern) if " " in split[2]]
                found = [c for c in self._successor_readings(previous, gapped) if c.text not in known]
                found = self._priced_by_lost_set(pattern, found)
            self._following[key] = found
        return found

    def _priced_by_lost_set(self, pattern: str, found: list[Candidate]) -> list[Candidate]:
        """`found` with a cost for each digit or mark its gaps hold (fonts seldom lose them), and, once the
        line's lost set is known, for each character its gaps hold outside it: a font run loses few characters,
        and every gap of the line is one of them ("t  n " is "tháng", not "tỷ nữ", where the line lost h, á, g)."""
        gaps = [position for position, char in enumerate(pattern) if char == " "]
        if not gaps:
            return found
        priced = []
        for c in found:
            cost = self._priced(c.text, c.cost, gaps)
            priced.append(c if cost == c.cost else Candidate(c.text, c.unit, cost, c.case))
        return priced

    def _priced(self, text: str, cost: float, gaps: list[int]) -> float:
        """`cost` with what the characters `text` puts in the `gaps` cost (`_priced_by_lost_set`)."""
        if not gaps:
            return cost
        filled = [text[p] for p in gaps]
        # Letters cost nothing: only the digits and marks are summed.
        cost = cost + sum(_gap_class_cost(char) for char in filled if not char.isalpha())
        if self.lost is not None:
            # A letter shown elsewhere in the line (another font run) already pays its own cost.
            cost += _NEW_LOST_COST * len(set(filled) - self.lost - self.visible)
        return cost

    def _successor_readings(self, previous: str, splits: list[tuple[str, str, str, float]]) -> Iterator[Candidate]:
        for prefix, suffix, core, _ in splits:
            affix_costs = self.shared.affix_costs(prefix, suffix)
            for form, unit, case in self._successor_forms(previous, core):
                yield Candidate(prefix + form + suffix, unit, affix_costs[unit], case)

    def _successor_forms(self, previous: str, core: str) -> list[tuple[str, str, str]]:
        """(form, unit, case) of the units seen after `previous` that fit `core`: visible characters kept,
        gaps filled by absent ones."""
        key = (previous, core)
        if key not in self._successors:
            cases, visible, forms = self._cases_of(core), self.visible, self.vocabulary.forms
            self._successors[key] = [
                (forms[i][0], *forms[i][1])
                for i, filled in self.shared.successor_forms(previous, core)
                if forms[i][1][1] in cases and visible.isdisjoint(filled)
            ]
        return self._successors[key]

    def _splits_of(self, pattern: str) -> list[tuple[str, str, str, float]]:
        """(prefix, suffix, core, cost) of the splits of `pattern` (`SharedForms.splits`) whose affixes fill its
        gaps only with characters absent from the line."""
        if pattern not in self._splits:
            visible = self.visible
            self._splits[pattern] = [
                (prefix, suffix, core, cost)
                for prefix, suffix, core, filled, cost in self.shared.splits(pattern)
                if visible.isdisjoint(filled)
            ]
        return self._splits[pattern]

    def _fits(self, pattern: str, text: str) -> bool:
        filled = _filled_gaps(pattern, text)
        return filled is not None and self.visible.isdisjoint(filled)

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
        may still pin the whole number (`pin_digits`)."""
        # A number's core holds no letter, and a document number, which does, a slash.
        if " " not in pattern or ("/" not in pattern and _LETTER.search(pattern)):
            return []
        visible = _VISIBLE_AFFIXES.fullmatch(pattern)
        assert visible is not None  # the pattern matches every string
        costs: dict[str, float] = {}
        # In a set's order the readings, and so the winner of a tie, would change with each process's hashing.
        splits = dict.fromkeys([split[:3] for split in self._splits_of(pattern)])
        splits[visible.group("prefix", "suffix", "core")] = None
        for prefix, suffix, core in splits:
            reference = _GAPPED_REFERENCE.fullmatch(core)
            if reference and " " in reference.group("number") and regex.search(r"\d", core):
                # A reference is priced by its numbers, each a number of its own ("73", "2006"); its visible
                # letters tell nothing more.
                number = reference.group("number").replace(" ", UNKNOWN)
                text = prefix + number + reference.group("tail") + suffix
                parts = number.split("/")
                cost = sum(self.model.shape_logprob(number_shape(part)) for part in parts)
                cost += self.model.affix_logprob(prefix, suffix)
                costs[text] = max(cost, costs.get(text, -math.inf))
            for text, cost in self._references_with_gapped_tails(core):
                text, cost = prefix + text + suffix, cost + self.model.affix_logprob(prefix, suffix)
                costs[text] = max(cost, costs.get(text, -math.inf))
            if " " not in core or not _GAPPED_NUMBER_CORE.fullmatch(core):
                continue
            text = prefix + core.replace(" ", UNKNOWN) + suffix
            shapes = [shape for shape in self.model.cores_of_length(len(core)) if self._fits_shape(core, shape)]
            for shape in [*shapes, number_shape(core.replace(" ", UNKNOWN))]:
                costs[text] = max(self.model.shape_logprob(prefix + shape + suffix), costs.get(text, -math.inf))
        return [Candidate(text, NUMBER_UNIT, cost) for text, cost in costs.items()]

    def _references_with_gapped_tails(self, core: str) -> Iterator[tuple[str, float]]:
        """Readings of `core` as a document number whose kind and issuer lost letters, each tail the model
        has seen that keeps the visible ones, no fewer seen than lost: (text, cost). A lost digit of the tail
        ("QH 4") stays unknown, as those of the numbers do."""
        reference = _GAPPED_TAIL_REFERENCE.fullmatch(core)
        if reference is None or " " not in reference.group("tail"):
            return
        gapped = reference.group("tail")
        if 2 * gapped.count(" ") > len(gapped):
            return
        number = reference.group("number").replace(" ", UNKNOWN)
        cost = sum(self.model.shape_logprob(number_shape(part)) for part in number.split("/"))
        fitting: Counter[str] = Counter()
        for tail in self.model.reference_tails(len(gapped)):
            # A lost digit is unknown whichever digit it was, so digits shown elsewhere in the line may fit.
            masked = _lost_digits_unknown(gapped, tail)
            if self._fits(gapped, masked.replace(UNKNOWN, " ")):
                fitting[masked] += self.model.tail_count(tail)
        # The visible letters chose among the tails already: each costs its share of those that fit.
        total = sum(fitting.values())
        for masked, count in fitting.items():
            yield f"{number}/{masked}", cost + math.log(count / total)

    def _fits_shape(self, core: str, shape: str) -> bool:
        """Whether a number of `shape` could show as `core`: digits where the shape has digits, its visible
        separators as they are, gaps where the shape has a digit or a separator the line lost."""
        return all(
            (c == " " and (s == UNKNOWN or s not in self.visible))
            or c == s
            or (s == UNKNOWN and c.isdigit())
            for c, s in zip(core, shape, strict=True)
        )

    def _core_forms(self, core: str) -> list[CoreForm]:
        """The most frequent forms that fit a core pattern, and the document's own words that fit it:
        (form, unit, case, cost, the unit's prior, whether the form is all letters or digits, all letters)."""
        if core not in self._cores:
            forms = self.vocabulary.forms
            cases = self._cases_of(core)
            visible = self.visible
            fitting = (
                i
                for i, filled in self.vocabulary.fitting(core)
                if visible.isdisjoint(filled) and forms[i][1][1] in cases
            )
            matches = itertools.islice(fitting, _CANDIDATES_PER_SPAN)
            found = [(forms[i][0], *forms[i][1], 0.0) for i in matches]
            if next(fitting, None) is not None:
                self._truncated_cores.add(core)
            written = {form[0] for form in found}
            found += [form for form in self._document_forms_fitting(core) if form[0] not in written]
            prior = self.model.unigram_logprob
            self._cores[core] = [(*form, prior(form[1]), form[0].isalnum(), form[0].isalpha()) for form in found]
        return self._cores[core]

    def _cases_of(self, core: str) -> frozenset[str]:
        """The case forms a core may take: a lowercase letter that shows is the word's own, even in a line
        of capitals ("- TT HĐN   u  n" is "TT HĐND huyện", capitals by its abbreviations)."""
        if self.capitals and any(char.islower() for char in core):
            return _LETTER_CASES
        return self.cases

    def _document_forms_fitting(self, core: str) -> Iterator[tuple[str, str, str, float]]:
        """The words and abbreviations the document writes whole that keep the visible letters of `core`, no
        fewer seen than lost, although their lost letters show elsewhere in the line: a line mixes font runs
        (in 003 "UBND" loses B and D beside a "(B/c)" that keeps its B, "huyện" its y beside a "quy").
        Abbreviations are the document's own; a word pays for each such letter, as most lines are one run, and
        more if the document never writes it whole ("p ép" beside "chính" is still "phép")."""
        lost = core.count(" ")
        if not lost or lost > len(core) - lost:
            return
        for abbreviation in self.document.abbreviations.get(len(core), ()):
            if all(c in (" ", a) for c, a in zip(core, abbreviation, strict=True)):
                # Its lost digits stay unknown: "   / H-UBN " fits every plan number of the issuer.
                form = _lost_digits_unknown(core, abbreviation)
                yield form, form.lower(), "exact", 0.0
        others = 0
        for form_id, filled in self.vocabulary.fitting(core):
            shown = self.visible.intersection(filled)
            if not shown:
                continue
            form, (unit, case) = self.vocabulary.forms[form_id]
            if unit in self.document.syllables:
                yield form, unit, case, _MIXED_RUN_COST * len(shown)
            elif others < _MIXED_RUN_OTHER_FORMS:  # the most frequent first: rarer ones hardly ever win
                others += 1
                yield form, unit, case, _MIXED_RUN_COST * len(shown) + _MIXED_RUN_OTHER_WORD


class _Best:
    """The `size` best readings by a key, the earliest first among equal keys (as `heapq.nlargest`)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._heap: list[tuple[float, int, Candidate]] = []  # (key, -arrival, reading): the worst on top
        self._arrivals = 0
        self.dropped = False  # whether a reading was left out
        # A reading whose key is at most this can no longer make the best: the worst key once the best are full.
        self.floor = -math.inf

    def add(self, candidate: Candidate, key: float) -> None:
        entry = (key, -self._arrivals, candidate)
        self._arrivals += 1
        if len(self._heap) < self.size:
            heapq.heappush(self._heap, entry)
            if len(self._heap) == self.size:
                self.floor = self._heap[0][0]
            return
        self.dropped = True
        # Entries compare by key and arrival, which no two share: their readings are never compared.
        if entry > self._heap[0]:
            heapq.heapreplace(self._heap, entry)
            self.floor = self._heap[0][0]

    def ranked(self) -> list[Candidate]:
        return [candidate for _, _, candidate in sorted(self._heap, reverse=True)]


def _affix_cost(model: RepairModel, prefix: str, suffix: str, unit: str) -> float:
    if model.affixes[prefix, suffix]:
        return model.affix_logprob(prefix, suffix, unit)
    return model.affix_logprob("", "", unit) + _UNSEEN_AFFIX_COST


def _filled_gaps(shown: str, text: str) -> str | None:
    """The characters `text` puts in the gaps of `shown`, the part of a pattern it would stand for; None if
    it does not keep the visible characters there."""
    if shown == text:
        return ""
    if len(shown) != len(text) or " " not in shown:
        return None
    if any(seen not in (" ", char) for seen, char in zip(shown, text, strict=True)):
        return None
    return "".join(char for seen, char in zip(shown, text, strict=True) if seen == " ")


# What an affix puts in the gaps of the few characters it covers: a handful of strings, asked again and again.
_affix_fill = functools.lru_cache(maxsize=1 << 16)(_filled_gaps)


def _lost_digits_unknown(pattern: str, form: str) -> str:
    """`form` with UNKNOWN for each digit it puts in a gap of `pattern`: a lost digit is never read."""
    pairs = zip(pattern, form, strict=True)
    return "".join(UNKNOWN if seen == " " and char.isdigit() else char for seen, char in pairs)


def _gaps_cost(filled: str) -> float:
    """What the characters an affix puts in gaps cost."""
    return sum(_gap_class_cost(char) for char in filled)


def _gap_class_cost(char: str) -> float:
    if char.isdigit() or char == UNKNOWN:
        return _LOST_DIGIT
    return 0.0 if char.isalpha() else _LOST_MARK


def grouped_number_gaps(line: str) -> list[int]:
    """The gaps inside an amount written in groups of three digits ("15.   .   " for "15.000.000"): lost
    digits, never real spaces. Two groups at least, so that "Điều 3. 1 ..." is no amount."""
    return [
        match.start() + offset
        for match in _GROUPED_NUMBER.finditer(line)
        if len(match.group()) <= MAX_GAPPED_TOKEN
        for offset, char in enumerate(match.group())
        if char == " "
    ]


def beside_number(line: str, position: int) -> bool:
    """Whether the gap at `position` touches a digit, or a percent sign after it."""
    before = line[position - 1] if position else ""
    after = line[position + 1] if position + 1 < len(line) else ""
    return before.isdigit() or after.isdigit() or after == "%"

