"""The syllable language model behind glyph restoration: a bigram over syllables with backoff to
unigrams and to the generated syllable inventory, plus what tokens look like around their core
(punctuation before and after), which non-syllable tokens (UBND, KH-UBND) occur, and whether a
line's opening bullet stands apart from what follows ("- Chỉ tiêu"), how lines start, and the shapes
numbers take ("����-����").

Trained from clean text: the bundled table (normalize/tables/repair_ngrams.tsv, built by
scripts/build_repair_table.py from the clean seeds) plus, per batch, the corpus's clean documents
(`extended`), plus, per document, the intact lines of the damaged document itself. The default model also
knows the neighbouring syllables of a dictionary's words (normalize/tables/lexicon_pairs.tsv, built by
scripts/build_lexicon_table.py), each pair counted once more than the texts saw it: words of general
language that plans seldom use ("bóc lột", "kỳ hạn") still beat a likelier plan word in a gap.
"""
from __future__ import annotations

import functools
import math
import weakref
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import TypeVar

import regex

from extract.marks import UNKNOWN
from normalize.repair.tokens import (
    BULLETS,
    CASE_FORMS,
    DIGIT,
    INDENT,
    LINE_START,
    NUMBER_UNIT,
    TOKEN,
    Token,
    case_form,
    clean_form,
    mostly_capitals,
    number_shape,
    opens_sentence,
    split_token,
)
from normalize.steps import TABLES
from normalize.syllables import syllable_inventory

BUNDLED_TABLE = TABLES / "repair_ngrams.tsv"
LEXICON_TABLE = TABLES / "lexicon_pairs.tsv"
# What a dictionary pair adds to its bigram count. Chosen on the held-out texts (evaluation/unseen.py): 2 or 3
# gave more errors; so did adding the pairs to their context's types (the backoff share), which also cost 003.
_LEXICON_COUNT = 1
_DISCOUNT = 0.75
_COUNTS = ("unigrams", "bigrams", "affixes", "others", "cases", "shapes", "joins", "unit_affixes")
_SUCCESSORS = 20  # the rarer successors of a unit weigh less than the most frequent forms of a pattern
_INVENTORY_WEIGHT = 2.0  # pseudo-count share of unseen inventory syllables in the unigram
_CASE_PRIOR_WEIGHT = 1.5  # pseudo-counts of the broader case distribution behind a word's own
_AFFIX_PRIOR_WEIGHT = 4.0  # pseudo-counts of all tokens' affixes behind a word's own
_DIGIT_THEN_DIGIT = regex.compile(r"\d( ?)(?=\d)")
_SHAPE_PARTS = regex.compile(rf"^(.*?)({UNKNOWN}(?:.*{UNKNOWN})?)(.*)$")
# The shape of a number nobody wrote yet: each of its characters a digit or, rarely, a separator.
_SHAPE_DIGIT_PRIOR = 0.45
_SHAPE_SEPARATOR_PRIOR = 0.01
# A separator between groups of three digits ("15.000.000", "1,500,000") is how amounts are written: it
# costs no more than the digit it stands beside, whatever amounts the training texts held.
_THOUSANDS_SEPARATOR = regex.compile(rf"(?<={UNKNOWN})[.,](?={UNKNOWN}{{3}}(?![{UNKNOWN}]))")
# A document number: its numbers, then the kind of document and its issuer ("675/KH-UBND", "45/2019/QH14").
_REFERENCE = regex.compile(r"\d+(?:/\d+)*/(?P<tail>\p{Lu}[\p{L}\p{N}\-&]*)")
_SHAPE_BACKOFF_WEIGHT = 1.0  # pseudo-counts of that prior behind the cores and affixes seen
_SHAPE_SEEN_WEIGHT = 0.5  # shapes are sparse: a whole shape seen counts as much as its parts
# A unit bound to its successor ("kế" to "hoạch"): seen this often, and followed by it this share of times.
_BOUND_COUNT = 3
_BOUND_SHARE = 0.5


def _word_case_key(unit: str) -> str:
    return f"word {unit}"


def _pair_case_key(previous: str, unit: str) -> str:
    return f"pair {previous} {unit}"

_Key = TypeVar("_Key", bound=Hashable)


class Computed(dict[_Key, float]):
    """A memo of `compute(key)`, filled as keys are first looked up."""

    def __init__(self, compute: Callable[[_Key], float]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: _Key) -> float:
        value = self[key] = self._compute(key)
        return value


@dataclass
class RepairModel:
    unigrams: Counter[str] = field(default_factory=Counter)
    bigrams: Counter[tuple[str, str]] = field(default_factory=Counter)
    affixes: Counter[tuple[str, str]] = field(default_factory=Counter)
    others: Counter[str] = field(default_factory=Counter)  # non-syllable cores with letters, exact case
    cases: Counter[tuple[str, str]] = field(default_factory=Counter)  # (context, case form) of syllables
    shapes: Counter[str] = field(default_factory=Counter)  # number tokens with digits hidden: "����-����;"
    # (mark, "joined" or "spaced"): what follows a line's opening bullet, the line's start (LINE_START), a
    # leading space (INDENT) and a digit before another (DIGIT): the next character or a space.
    joins: Counter[tuple[str, str]] = field(default_factory=Counter)
    # (unit, "prefix suffix"): the affixes of each unit ("ngày" hardly ever takes a comma, "số" never).
    unit_affixes: Counter[tuple[str, str]] = field(default_factory=Counter)
    lexicon: frozenset[tuple[str, str]] = frozenset()  # (unit, next unit) inside a dictionary's words

    @classmethod
    def train(cls, clean_texts: Iterable[str]) -> RepairModel:
        model = cls()
        model._count_texts(clean_texts)
        model._cache_totals()
        return model

    def __getstate__(self) -> dict[str, object]:
        """The counts only: the totals and memos are derived from them, and the memos hold the model weakly,
        which a pickle cannot carry."""
        return {name.name: getattr(self, name.name) for name in fields(self)}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._cache_totals()

    def extended(self, clean_texts: Iterable[str]) -> RepairModel:
        """A new model with the counts of more clean text added (this one is left as it is). Only the totals
        the new counts touch are worked out again: each damaged document extends the bundled model with its own
        lines, and working out all of them cost a small document a fifth of its restoration."""
        added = RepairModel(lexicon=self.lexicon)
        added._count_texts(clean_texts)
        model = RepairModel(lexicon=self.lexicon)
        for name in _COUNTS:
            merged = Counter(getattr(self, name))  # a copy in the same order, new keys after it as they come
            merged.update(getattr(added, name))
            setattr(model, name, merged)
        model._cache_totals(self, added)
        return model

    def _count_texts(self, clean_texts: Iterable[str]) -> None:
        for text in clean_texts:
            previous, opens = LINE_START, True
            for line in clean_form(text).split("\n"):
                self._count_joins(line)
                capitals = mostly_capitals(line)
                for index, written in enumerate(TOKEN.findall(line)):
                    token = split_token(written)
                    self._count(token, previous, "capitals" if capitals else (
                        "sentence_start" if opens else "running"))
                    previous, opens = token.context, opens_sentence(written, first=index == 0)

    def _count(self, token: Token, previous: str, context: str) -> None:
        unit = token.unit
        self.unigrams[unit] += 1
        self.bigrams[previous, unit] += 1
        if token.core:
            # Punctuation alone ("-", "+") is a unit of its own: its marks are no affix a word may take.
            self.affixes[token.prefix, token.suffix] += 1
            self.unit_affixes[unit, _affix_key(token.prefix, token.suffix)] += 1
        if unit in syllable_inventory():
            case = case_form(token.core)
            self.cases[context, case] += 1
            if context == "running":
                # Inside a sentence a capital is the word's own: a name ("Tuần Giáo"), an agency ("Ủy ban").
                self.cases[_word_case_key(unit), case] += 1
                self.cases[_pair_case_key(previous, unit), case] += 1
        elif unit == NUMBER_UNIT:
            self.shapes[number_shape(token.prefix + token.core + token.suffix)] += 1
        else:
            # Abbreviations (UBND) and punctuation tokens ("-", "+") may be restored only as written.
            self.others[token.core or token.prefix + token.suffix] += 1

    def _count_joins(self, line: str) -> None:
        """Whether a line's opening bullet stands alone ("- Chỉ tiêu") or touches what follows ("-Chỉ"),
        whether the line starts with a space and how far that indent runs, whether two digits are spaced."""
        first = TOKEN.search(line)
        if first is None:
            return
        mark, after = first.group()[0], first.group()[1:2]
        # A rule ("-------") is no bullet: only a bullet touching a word or number counts as joined.
        if mark in BULLETS and (not after or after.isalnum()):
            self.joins[mark, "joined" if after else "spaced"] += 1
        indent = first.start()
        self.joins[LINE_START, "spaced" if indent else "joined"] += 1
        if indent:
            self.joins[INDENT, "spaced"] += indent - 1
            self.joins[INDENT, "joined"] += 1
        for match in _DIGIT_THEN_DIGIT.finditer(line):
            self.joins[DIGIT, "spaced" if match.group(1) else "joined"] += 1

    def _cache_totals(self, base: RepairModel | None = None, added: RepairModel | None = None) -> None:
        """The totals and look-up tables the counts imply; those of cases and contexts from `base`'s and the
        counts `added` to them, when this model is `base` extended (`extended`)."""
        self._total = sum(self.unigrams.values())
        self._affix_total = sum(self.affixes.values()) or 1
        self._unit_affix_totals: Counter[str] = Counter()
        for (unit, _), count in self.unit_affixes.items():
            self._unit_affix_totals[unit] += count
        self._affix_memo: dict[tuple[str, str, str], float] = {}
        # The memo rows compute through a weak reference: a row holding the model would make a cycle, and a
        # document's model would then wait for the cyclic collector to be freed.
        self._weak = weakref.proxy(self)
        self._memo: dict[str, Computed[str]] = {}
        self._unigram_memo: dict[str, float] = {}
        weak = self._weak
        self._unigram_probs: Computed[str] = Computed(lambda unit: math.exp(weak.unigram_logprob(unit)))
        self._case_memo: dict[tuple[str, str], Computed[tuple[str, str]]] = {}
        # Through the proxy: a method taken from it is bound to the model itself, which would make a cycle.
        self._word_case_shares = Computed(functools.partial(RepairModel._word_case_share, weak))
        self._word_case_logprobs: Computed[tuple[str, str]] = Computed(
            lambda key: math.log(weak._word_case_shares[key])
        )
        if base is None or added is None:
            self._case_counts = _case_counts(self.cases)
            self._context_counts: Counter[str] = Counter()
            self._context_types: Counter[str] = Counter()
            self._successors: dict[tuple[str, int], list[str]] = {}
            self._bound_successors: dict[str, str] = {}
            self._cache_contexts(self.bigrams.items())
        else:
            self._case_counts = _case_counts(added.cases, base._case_counts)
            self._cache_contexts_touched(base, {previous for previous, _ in added.bigrams})
        self._shape_total = sum(self.shapes.values())
        self._shape_memo: dict[str, float] = {}
        self._shape_cores: Counter[str] = Counter()
        self._shape_affixes: Counter[tuple[str, str]] = Counter()
        for shape, count in self.shapes.items():
            match = _SHAPE_PARTS.match(shape)
            assert match is not None  # every shape has a digit
            self._shape_cores[match.group(2)] += count
            self._shape_affixes[match.group(1), match.group(3)] += count
        self._cores_by_length: dict[int, list[str]] = {}
        for core in self._shape_cores:
            self._cores_by_length.setdefault(len(core), []).append(core)
        self._reference_tails: Counter[str] = Counter()
        for core, count in self.others.items():
            if reference := _REFERENCE.fullmatch(core):
                self._reference_tails[reference.group("tail")] += count
        self._tails_by_length: dict[int, list[str]] = {}
        for tail, _ in self._reference_tails.most_common():
            self._tails_by_length.setdefault(len(tail), []).append(tail)

    def _cache_contexts(self, bigrams: Iterable[tuple[tuple[str, str], int]], touched: set[str] | None = None) -> None:
        """Adds to the context tables what `bigrams` (all those of the contexts `touched`, or of every context,
        in the counts' order) tell of each context: its count and number of types, its successors by length,
        the most frequent first, and the one it is bound to. The dictionary's pairs then add to the context's
        count (`_bigram_logprob` adds each to the pair's), and those the texts never saw follow the seen
        successors, alphabetically."""
        counts = self._context_counts
        successors: dict[tuple[str, int], list[str]] = {}
        bigrams = list(bigrams)
        for (previous, unit), count in sorted(bigrams, key=lambda item: -item[1]):
            counts[previous] += count
            self._context_types[previous] += 1
            successors.setdefault((previous, len(unit)), []).append(unit)
        for (previous, unit), count in bigrams:
            if count >= _BOUND_COUNT and count >= _BOUND_SHARE * counts[previous]:
                self._bound_successors[previous] = unit
        for previous, count in _lexicon_contexts(self.lexicon).items():
            if touched is None or previous in touched:
                counts[previous] += _LEXICON_COUNT * count
        for key, units in _lexicon_successors(self.lexicon).items():
            if touched is None or key[0] in touched:
                listed = successors.setdefault(key, [])
                seen = set(listed)
                listed.extend(unit for unit in units if unit not in seen)
        # The rarer successors are never asked for: dropping them here spares a copy on every look-up.
        self._successors.update((key, units[:_SUCCESSORS]) for key, units in successors.items())

    def _cache_contexts_touched(self, base: RepairModel, touched: set[str]) -> None:
        """`_cache_contexts` for the contexts `touched` by the counts added to `base`; the others as in `base`."""
        self._context_counts = Counter({key: n for key, n in base._context_counts.items() if key not in touched})
        self._context_types = Counter({key: n for key, n in base._context_types.items() if key not in touched})
        self._successors = dict(base._successors)  # a touched context's lists are all made again
        self._bound_successors = {key: unit for key, unit in base._bound_successors.items() if key not in touched}
        self._cache_contexts([(pair, count) for pair, count in self.bigrams.items() if pair[0] in touched], touched)

    def bound_successor(self, unit: str) -> str | None:
        """The unit that follows `unit` most times out of two, if any ("hoạch" after "kế")."""
        return self._bound_successors.get(unit)

    def successors(self, previous: str, length: int) -> Sequence[str]:
        """Units of `length` characters seen right after `previous`, the most frequent first."""
        return self._successors.get((previous, length), ())

    def unigram_logprob(self, unit: str) -> float:
        """ln P(unit), with inventory syllables never seen sharing a small pseudo-count."""
        if unit not in self._unigram_memo:
            self._unigram_memo[unit] = self._unigram_logprob(unit)
        return self._unigram_memo[unit]

    def _unigram_logprob(self, unit: str) -> float:
        inventory = syllable_inventory()
        known = unit in inventory or unit == NUMBER_UNIT
        prior = (_INVENTORY_WEIGHT if known else 1e-3) / len(inventory)
        return math.log((self.unigrams[unit] + prior) / (self._total + _INVENTORY_WEIGHT + 1e-3))

    def logprob(self, unit: str, previous: str) -> float:
        """ln P(unit | previous): absolute discounting interpolated with the unigram."""
        return self.logprobs_after(previous)[unit]

    def logprobs_after(self, previous: str) -> Mapping[str, float]:
        """`logprob` of each unit after `previous`, computed when first asked: the decoder prices every
        reading of a span after one state, and one look-up a reading is a tenth of its time."""
        row = self._memo.get(previous)
        if row is None:
            context = self._context_counts.get(previous, 0)
            if context:
                # A context only the dictionary knows has no seen types: it still backs off.
                backoff = _DISCOUNT * max(1, self._context_types[previous]) / context
                # The row holds the tables it reads, not the model: that would make a cycle.
                compute = functools.partial(
                    _bigram_logprob, self.bigrams, self.lexicon, self._unigram_probs, previous, context, backoff
                )
            else:
                compute = functools.partial(RepairModel.unigram_logprob, self._weak)
            row = self._memo[previous] = Computed(compute)
        return row

    def case_logprob(self, context: str, case: str, unit: str = "", previous: str = "") -> float:
        """ln P(case form | context) for syllables; inside a sentence, of this syllable after `previous`,
        backing off to the syllable, then to all syllables. Other tokens keep the case they were seen in."""
        if case == "exact":
            return 0.0
        return self.case_logprobs(context, previous)[case, unit]

    def case_logprobs(self, context: str, previous: str) -> Mapping[tuple[str, str], float]:
        """`case_logprob` of each (case, unit) in `context` after `previous`, computed when first asked."""
        if context != "running":
            previous = ""  # only inside a sentence do the word and the one before it weigh: one row will do
        row = self._case_memo.get((context, previous))
        if row is None:
            compute = functools.partial(RepairModel._case_logprob, self._weak, context, previous)
            row = self._case_memo[context, previous] = Computed(compute)
        return row

    def _case_logprob(self, context: str, previous: str, key: tuple[str, str]) -> float:
        case, unit = key
        if case == "exact":
            return 0.0
        if context != "running":
            return math.log(self._case_share(context, case, 1 / len(CASE_FORMS)))
        # Few pairs were seen with a case form: the others back off to the word's share, worked out once.
        pair = _pair_case_key(previous, unit)
        if pair not in self._case_counts:
            return self._word_case_logprobs[key]
        return math.log(self._case_share(pair, case, self._word_case_shares[key]))

    def _word_case_share(self, key: tuple[str, str]) -> float:
        """The share of a case form (case, unit) inside sentences for the word, whatever precedes it."""
        case, unit = key
        return self._case_share(_word_case_key(unit), case, self._case_share("running", case, 1 / len(CASE_FORMS)))

    def _case_share(self, key: str, case: str, prior: float) -> float:
        counts = self._case_counts.get(key)
        if counts is None:
            return prior
        return (counts.get(case, 0) + _CASE_PRIOR_WEIGHT * prior) / (counts["total"] + _CASE_PRIOR_WEIGHT)

    def cores_of_length(self, length: int) -> list[str]:
        """The shapes of number cores seen with `length` characters ("����-����")."""
        return self._cores_by_length.get(length, [])

    def reference_tails(self, length: int) -> list[str]:
        """What document numbers were seen to end with after their numbers, of `length` characters, the
        most frequent first: "KH-UBND" of "675/KH-UBND", "QH14" of "45/2019/QH14"."""
        return self._tails_by_length.get(length, [])

    def tail_count(self, tail: str) -> int:
        """How many document numbers were seen ending with `tail`."""
        return self._reference_tails[tail]

    def shape_logprob(self, shape: str) -> float:
        """ln P(a number token has this shape): half the shapes seen, half the product of the affixes and
        the cores numbers were seen with, each backed off (to the affixes of all tokens; to digits and rare
        separators), so that any number may be read and the usual ones come first."""
        if shape not in self._shape_memo:
            match = _SHAPE_PARTS.match(shape)
            assert match is not None and match.group(2)  # a shape has a digit
            prefix, core, suffix = match.groups()
            digits = core.count(UNKNOWN)
            grouping = len(_THOUSANDS_SEPARATOR.findall(core))
            separators = len(core) - digits - grouping
            core_prior = _SHAPE_DIGIT_PRIOR ** (digits + grouping) * _SHAPE_SEPARATOR_PRIOR**separators
            affix_prior = math.exp(self.affix_logprob(prefix, suffix))
            total = self._shape_total + _SHAPE_BACKOFF_WEIGHT
            parts = (self._shape_cores[core] + _SHAPE_BACKOFF_WEIGHT * core_prior) / total
            parts *= (self._shape_affixes[prefix, suffix] + _SHAPE_BACKOFF_WEIGHT * affix_prior) / total
            whole = self.shapes[shape] / max(1, self._shape_total)
            self._shape_memo[shape] = math.log(_SHAPE_SEEN_WEIGHT * whole + (1 - _SHAPE_SEEN_WEIGHT) * parts)
        return self._shape_memo[shape]

    def joined_logprob(self, mark: str) -> float:
        """ln P(`mark` touches the next character): a line's opening bullet, LINE_START, INDENT or DIGIT."""
        joined, spaced = self.joins[mark, "joined"], self.joins[mark, "spaced"]
        return math.log((joined + 1) / (joined + spaced + 2))

    def spaced_logprob(self, mark: str) -> float:
        """ln P(a space follows `mark`)."""
        return math.log(1 - math.exp(self.joined_logprob(mark)))

    def affix_logprob(self, prefix: str, suffix: str, unit: str = "") -> float:
        """ln P(a token has these affixes), of `unit` when given: its own affixes backed off to all tokens'."""
        key = (prefix, suffix, unit)
        if key not in self._affix_memo:
            share = (self.affixes[prefix, suffix] + 0.01) / self._affix_total
            if unit:
                own = self.unit_affixes[unit, _affix_key(prefix, suffix)]
                share = (own + _AFFIX_PRIOR_WEIGHT * share) / (self._unit_affix_totals[unit] + _AFFIX_PRIOR_WEIGHT)
            self._affix_memo[key] = math.log(share)
        return self._affix_memo[key]

    def save(self, path: Path) -> None:
        rows = [("unigram", unit, "", count) for unit, count in self.unigrams.items()]
        rows += [("bigram", first, second, count) for (first, second), count in self.bigrams.items()]
        rows += [("affix", prefix, suffix, count) for (prefix, suffix), count in self.affixes.items()]
        rows += [("other", core, "", count) for core, count in self.others.items()]
        rows += [("case", context, case, count) for (context, case), count in self.cases.items()]
        rows += [("shape", shape, "", count) for shape, count in self.shapes.items()]
        rows += [("join", mark, joined, count) for (mark, joined), count in self.joins.items()]
        rows += [("unit_affix", unit, affixes, count) for (unit, affixes), count in self.unit_affixes.items()]
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("# kind\tfirst\tsecond\tcount — built by scripts/build_repair_table.py; do not edit\n")
            handle.writelines(f"{kind}\t{first}\t{second}\t{count}\n" for kind, first, second, count in sorted(rows))

    @classmethod
    def load(cls, path: Path, lexicon: Path | None = None) -> RepairModel:
        """The counts `save` wrote to `path`, and the dictionary pairs of `lexicon` if given."""
        model = cls(lexicon=read_lexicon(lexicon) if lexicon else frozenset())
        tables = {
            "unigram": model.unigrams, "bigram": model.bigrams, "affix": model.affixes,
            "other": model.others, "case": model.cases, "shape": model.shapes, "join": model.joins,
            "unit_affix": model.unit_affixes,
        }
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#"):
                    continue
                kind, first, second, count = line.rstrip("\n").split("\t")
                key: str | tuple[str, str] = first if kind in ("unigram", "other", "shape") else (first, second)
                tables[kind][key] += int(count)  # type: ignore[index]
        model._cache_totals()
        return model


def read_lexicon(path: Path) -> frozenset[tuple[str, str]]:
    """The pairs of a table written by scripts/build_lexicon_table.py."""
    with open(path, encoding="utf-8") as handle:
        rows = (line.rstrip("\n").split("\t") for line in handle if not line.startswith("#"))
        return frozenset((first, second) for first, second in rows)


def _bigram_logprob(
    bigrams: Counter[tuple[str, str]], lexicon: frozenset[tuple[str, str]], unigram_probs: Mapping[str, float],
    previous: str, context: int, backoff: float, unit: str,
) -> float:
    """ln P(unit | previous), `previous` seen `context` times and leaving `backoff` to the unigram."""
    pair = (previous, unit)
    # `get`, not a Counter's look-up: most pairs were never seen, and Counter answers those in Python.
    count = bigrams.get(pair, 0) + _LEXICON_COUNT * (pair in lexicon)
    return math.log(max(count - _DISCOUNT, 0.0) / context + backoff * unigram_probs[unit])


@cache
def _lexicon_contexts(lexicon: frozenset[tuple[str, str]]) -> Counter[str]:
    """How many pairs of `lexicon` each unit opens: computed once per table, not once per damaged document."""
    return Counter(first for first, _ in lexicon)


@cache
def _lexicon_successors(lexicon: frozenset[tuple[str, str]]) -> dict[tuple[str, int], list[str]]:
    """The units that follow each unit in `lexicon`, by (unit, length of the next unit), alphabetically."""
    successors: dict[tuple[str, int], list[str]] = {}
    for first, second in sorted(lexicon):
        successors.setdefault((first, len(second)), []).append(second)
    return successors


def _case_counts(
    cases: Counter[tuple[str, str]], base: dict[str, Counter[str]] | None = None
) -> dict[str, Counter[str]]:
    """The counts of each case form and their total, by context key; `cases` added to `base`'s, which are
    left as they are."""
    counts = dict(base or {})
    for key in {key for key, _ in cases}:
        counts[key] = Counter(counts.get(key, {}))
    for (key, case), count in cases.items():
        counts[key][case] += count
        counts[key]["total"] += count
    return counts


def _affix_key(prefix: str, suffix: str) -> str:
    """Both affixes in one table field: tokens hold no spaces."""
    return f"{prefix} {suffix}"


@cache
def default_model() -> RepairModel:
    """The model trained on the bundled clean texts, with the dictionary's pairs; a batch adds its own clean
    documents with `extended`."""
    return RepairModel.load(BUNDLED_TABLE, LEXICON_TABLE)
