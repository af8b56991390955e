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
# "ít nhất một trong các dịch vụ" is "at least one of", not a count; nor is a measure ("tối thiểu từ 5m").
NOT_A_COUNT_AFTER = regex.compile(r"\s+trong(?!\w)|\s*[\d/]|[^\W\d_]")
# "ít nhất 01-02 tác phẩm": the count is its lower bound, the second number is part of it.
COUNT_RANGE_END = regex.compile(r"\s*[-–]\s*\d+(?![\d.,]\d)")
WORD = regex.compile(r"\S+")
# Where a clause ends: a comparator phrase from an earlier clause does not reach past it.
CLAUSE_END = regex.compile(r"[;.:](?:\s|$)")
# "từ 10 - 15%", "từ 2 đến 3%": a first number joined to a second that carries the unit is a range.
RANGE_JOIN = regex.compile(r"\s*(?:-|–|đến)\s*", regex.IGNORECASE)
# "0,5%0" is per mille written with a percent sign; "%0" is not a percent.
NOT_PERCENT = regex.compile(r"\s?%0|\s?‰")


@dataclass(frozen=True)
class Value:
    start: int
    end: int
    value: Decimal
    unit: str
    comparator: str
    rule_id: str
    baseline: Decimal | None = None
    value_max: Decimal | None = None


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
        elif values and _shares_comparator(text, values[-1], value):
            value = replace(value, comparator=values[-1].comparator, rule_id="thresholds.shared_comparator")
        values.append(value)
    return values


def _shares_comparator(text: str, earlier: Value, later: Value) -> bool:
    """ "xuống còn 7,3% vào năm 2025 và 6,8% vào năm 2030": a bare value listed after another in the same
    clause, in the same unit, is bounded the same way."""
    return (
        later.rule_id == "thresholds.bare_value"
        and later.unit == earlier.unit
        and CLAUSE_END.search(text, earlier.end, later.start) is None
    )


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
    if amount is None or not number.group()[0].isdigit():
        return None
    ranged = _range(text, number, amount, start, end)
    if ranged:
        return ranged
    unit, unit_end = _unit(text, number.end(), end)
    if unit is None:
        return None
    return _bounded(text, number.start(), unit_end, amount, unit, _window_start(text, start, number))


def _unit(text: str, number_end: int, end: int) -> tuple[str | None, int]:
    if NOT_PERCENT.match(text, number_end, end):
        return None, number_end
    for unit, pattern in unit_patterns():
        written = pattern.match(text, number_end, end)
        if written:
            return unit, written.end()
    return None, number_end


def _range(text: str, low: regex.Match[str], amount: Decimal, start: int, end: int) -> Value | None:
    """ "tăng từ 10 - 15% so với năm 2025": two numbers joined, the unit after the second."""
    join = RANGE_JOIN.match(text, low.end(), end)
    high = DIGITS_PATTERN.match(text, join.end(), end) if join else None
    top = parse_number(high.group()) if high else None
    unit, unit_end = _unit(text, high.end(), end) if high else (None, 0)
    if high is None or top is None or unit is None or top <= amount:
        return None
    said_from = next(find_lenient("từ", text, max(start, low.start() - 4), low.start()), None)
    return Value(
        start=said_from.start() if said_from else low.start(), end=unit_end, value=amount, unit=unit,
        comparator="between", rule_id="thresholds.range", value_max=top,
    )


def _count(text: str, number: regex.Match[str], start: int) -> Value | None:
    """A plain count ("ít nhất 04 tin, bài", "ít nhất một cơ sở y tế") needs a counting comparator before it."""
    amount = parse_number(number.group())
    window = _window_start(text, start, number)
    before = _phrase_before(text, window, number.start(), [c for c in comparators() if c.counts])
    if amount is None or before is None or NOT_A_COUNT_AFTER.match(text, number.end()):
        return None
    upper = COUNT_RANGE_END.match(text, number.end())
    return Value(
        start=before[0], end=upper.end() if upper else number.end(), value=amount, unit="count",
        comparator=before[1].comparator, rule_id="thresholds.count",
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
        for match in _find_phrase(comparator.phrase, text, window, number_start):
            return match.start(), comparator
    return None


def _find_phrase(phrase: str, text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """Words match leniently, as whole words; a sign ("≥", ">=") matches as written, right before the number."""
    if any(char.isalpha() for char in phrase):
        yield from find_lenient(phrase, text, start, end)
    else:
        yield from regex.compile(regex.escape(phrase) + r"\s*$").finditer(text, start, end)


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
