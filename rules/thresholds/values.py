"""Values in one indicator's text: number + unit, with the comparator read from the words around it."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import regex

from rules.lenient import find_lenient
from rules.numbers import DIGITS_PATTERN, NUMBER_WORDS_PATTERN, parse_number
from rules.tables import read_table

HERE = Path(__file__).parent
# The words just before a value that may say how it bounds the indicator ("lên đạt trên", "ít nhất có").
WINDOW_WORDS = 4
# A year or a fraction's denominator is never a value of its own.
NOT_A_VALUE_BEFORE = regex.compile(r"(?:năm\s+|/\s*)$", regex.IGNORECASE)
# "ít nhất một trong các dịch vụ" is "at least one of", not a count.
NOT_A_COUNT_AFTER = regex.compile(r"\s+trong(?!\w)|\s*[\d/]")
WORD = regex.compile(r"\S+")
# Where a clause ends: a comparator phrase from an earlier clause does not reach past it.
CLAUSE_END = regex.compile(r"[;.:](?:\s|$)")


@dataclass(frozen=True)
class Value:
    start: int
    end: int
    value: Decimal
    unit: str
    comparator: str
    rule_id: str
    baseline: Decimal | None = None


@dataclass(frozen=True)
class Comparator:
    phrase: str
    comparator: str
    after: bool
    counts: bool


@cache
def comparators() -> tuple[Comparator, ...]:
    rows = read_table(HERE / "comparators.tsv")
    return tuple(Comparator(r["phrase"], r["comparator"], r["position"] == "after", r["counts"] == "yes") for r in rows)


@cache
def unit_patterns() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    rows = read_table(HERE / "units.tsv")
    return tuple((row["unit"], regex.compile(row["pattern"], regex.IGNORECASE)) for row in rows)


def read_values(text: str, start: int, end: int) -> list[Value]:
    """Every value in text[start:end]; a "giảm từ X ... xuống Y" start value becomes Y's baseline."""
    values: list[Value] = []
    for value in _values(text, start, end):
        said_from = _baseline_from(text, values[-1], value) if values else None
        if said_from is not None:
            baseline = values.pop()
            value = replace(value, start=said_from, baseline=baseline.value, rule_id="thresholds.baseline")
        values.append(value)
    return values


def _values(text: str, start: int, end: int) -> Iterator[Value]:
    taken = start
    for number in _numbers(text, start, end):
        if number.start() < taken or NOT_A_VALUE_BEFORE.search(text, start, number.start()):
            continue
        value = _with_unit(text, number, start, end) or _count(text, number, start)
        if value:
            taken = value.end
            yield value


def _numbers(text: str, start: int, end: int) -> list[regex.Match[str]]:
    found = [*DIGITS_PATTERN.finditer(text, start, end), *NUMBER_WORDS_PATTERN.finditer(text, start, end)]
    return sorted(found, key=lambda match: match.start())


def _with_unit(text: str, number: regex.Match[str], start: int, end: int) -> Value | None:
    amount = parse_number(number.group())
    for unit, pattern in unit_patterns():
        written = pattern.match(text, number.end(), end)
        if written and amount is not None and number.group()[0].isdigit():
            return _bounded(text, number.start(), written.end(), amount, unit, _window_start(text, start, number))
    return None


def _count(text: str, number: regex.Match[str], start: int) -> Value | None:
    """A plain count ("ít nhất 04 tin, bài", "ít nhất một cơ sở y tế") needs a counting comparator before it."""
    amount = parse_number(number.group())
    window = _window_start(text, start, number)
    before = _phrase_before(text, window, number.start(), [c for c in comparators() if c.counts])
    if amount is None or before is None or NOT_A_COUNT_AFTER.match(text, number.end()):
        return None
    return Value(
        start=before[0], end=number.end(), value=amount, unit="count", comparator=before[1].comparator,
        rule_id="thresholds.count",
    )


def _bounded(text: str, number_start: int, unit_end: int, amount: Decimal, unit: str, window: int) -> Value:
    """The comparator after the value ("30% trở lên") wins over one before it ("đạt từ 30% trở lên")."""
    after = _phrase_after(text, unit_end)
    before = _phrase_before(text, window, number_start, [c for c in comparators() if not c.after])
    said = after[1] if after else before[1] if before else None
    rule = "value_then_comparator" if after else "comparator_value" if before else "bare_value"
    return Value(
        start=before[0] if before else number_start,
        end=after[0] if after else unit_end,
        value=amount,
        unit=unit,
        comparator=said.comparator if said else ">=",
        rule_id=f"thresholds.{rule}",
    )


def _window_start(text: str, start: int, number: regex.Match[str]) -> int:
    """Start of the last few words before the number, not reaching back past a clause end."""
    words = list(WORD.finditer(text, start, number.start()))
    window = words[-WINDOW_WORDS].start() if len(words) >= WINDOW_WORDS else start
    clause_ends = list(CLAUSE_END.finditer(text, window, number.start()))
    return clause_ends[-1].end() if clause_ends else window


def _phrase_before(
    text: str, window: int, number_start: int, wanted: list[Comparator]
) -> tuple[int, Comparator] | None:
    for comparator in wanted:
        for match in find_lenient(comparator.phrase, text, window, number_start):
            return match.start(), comparator
    return None


def _phrase_after(text: str, unit_end: int) -> tuple[int, Comparator] | None:
    for comparator in comparators():
        if not comparator.after:
            continue
        for match in find_lenient(comparator.phrase, text, unit_end, min(len(text), unit_end + 12)):
            if not text[unit_end : match.start()].strip():
                return match.end(), comparator
    return None


def _baseline_from(text: str, earlier: Value, later: Value) -> int | None:
    """Where "từ 104,4 ca sinh/1.000 phụ nữ xuống 90/1.000" starts, when `earlier` is such a starting value."""
    said_from = next(find_lenient("từ", text, max(0, earlier.start - 4), earlier.start), None)
    said_to = any(find_lenient("xuống", text, earlier.end, later.end))
    return said_from.start() if said_from and said_to else None
