"""Deadlines: time expressions in prose and in task timeframes, resolved against the document's dates.

Find the span with a pattern of patterns.tsv, then resolve it by its kind. A timeframe as a task
table writes it ("Tháng 4/2026", "Quý II năm 2026") is read in prose only where it stands as a
deadline (positions.tsv), never as part of a date or of what was done then (not_deadlines.tsv). A year left out
("trước ngày 10/12 hàng năm", "Trong năm") is the document's year (`rules.dates.document_year`),
never today's.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import regex

from rules import tasks as task_tables
from rules.context import Context
from rules.dates import document_year, month_bounds, quarter_bounds, quarter_number, safe_date, year_bounds
from rules.findings import Deadline, DocumentMeta, Task
from rules.span import lines
from rules.tables import read_table

TABLES = Path(__file__).parent
# Cues that a day without a year comes back every year ("Định kỳ 6 tháng (trước ngày 5/6)").
_RECURRING_CUE = regex.compile(r"định\s+kỳ|hàng\s+năm|hằng\s+năm", regex.I)
_SUBJECT_WINDOW = 250


@dataclass(frozen=True)
class Rule:
    rule_id: str
    scope: str
    kind: str
    pattern: regex.Pattern[str]


@dataclass(frozen=True)
class Resolved:
    """The typed value of a time expression, before it is tied to a subject."""

    kind: str
    start_date: date | None
    end_date: date | None
    recurrence: str | None = None
    condition: str | None = None


@cache
def _rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(r["rule_id"], r["scope"], r["kind"], regex.compile(_with_fragments(r["pattern"]), regex.I))
        for r in read_table(TABLES / "patterns.tsv")
    )


def _with_fragments(pattern: str) -> str:
    """`pattern` with each {name} or {name2} of fragments.tsv written out, its groups suffixed accordingly."""
    for row in read_table(TABLES / "fragments.tsv"):
        for suffix in ("", "2"):
            pattern = pattern.replace("{" + row["name"] + suffix + "}", row["pattern"].replace("{n}", suffix))
    return pattern


@cache
def _conditions() -> tuple[regex.Pattern[str], ...]:
    """Conditions as they follow a timeframe, after optional spaces."""
    return tuple(regex.compile(r"\s*" + r["pattern"], regex.I) for r in read_table(TABLES / "conditions.tsv"))


@cache
def _subjects() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    return tuple((r["subject_kind"], regex.compile(r["pattern"], regex.I)) for r in read_table(TABLES / "subjects.tsv"))


def _int(match: regex.Match[str], group: str) -> int | None:
    """The number a group holds; None when the group is unmatched or not in the pattern."""
    written = match.groupdict().get(group)
    return int(written) if written else None


def _day(match: regex.Match[str], year: int | None, suffix: str = "") -> date | None:
    """The day of groups day/month (day2/month2 with suffix "2") in `year`; None without a year.
    A month without a day ("trước tháng 6/2026") is due when it begins: its first day."""
    if year is None:
        return None
    day = _int(match, "day" + suffix) if "day" + suffix in match.groupdict() else 1
    return safe_date(year, _int(match, "month" + suffix) or 0, day or 0)


def _due(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    """A day: "trước ngày 05/6/2025" (date) or "trước ngày 10/12 hàng năm" (each year; the first in the plan);
    a month's start: "trước tháng 6/2026"."""
    written_year = _int(match, "year")
    on = _day(match, written_year or year)
    if written_year is None and recurring:
        return Resolved("recurring_annual", on, on, recurrence="year")
    return Resolved("date", on, on)


def _window(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    """'từ ngày 15/11 đến ngày 15/12': without years, the window of every year, dated in the first one."""
    first_year, last_year = _int(match, "year") or year, _int(match, "year2") or _int(match, "year") or year
    start, end = _day(match, first_year), _day(match, last_year, "2")
    if match.group("year") is None:
        return Resolved("window_recurring", start, end, recurrence="year")
    return Resolved("date", start, end)


def _year(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    return Resolved("year", *year_bounds(int(match.group("year"))))


def _month(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    """"Tháng 4/2026"; a month without a year is in the document's year, or every year with a recurring cue."""
    written_year = _int(match, "year")
    in_year = written_year or year
    month = int(match.group("month"))
    if in_year is None or not 1 <= month <= 12:
        return Resolved("month", None, None)
    if written_year is None and recurring:
        return Resolved("window_recurring", *month_bounds(in_year, month), recurrence="year")
    return Resolved("month", *month_bounds(in_year, month))


def _month_range(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    """"từ tháng 3 đến tháng 5/2026" (a range over a year's end takes the last month's year from the first);
    without years, the window of every year, dated in the document's year."""
    first, last = int(match.group("month")), int(match.group("month2"))
    if not (1 <= first <= 12 and 1 <= last <= 12):
        return Resolved("months", None, None)
    written_first, written_last = _int(match, "year"), _int(match, "year2")
    if written_first is None and written_last is None:
        if year is None:
            return Resolved("window_recurring", None, None, recurrence="year")
        last_year = year + (last < first)
        return Resolved("window_recurring", date(year, first, 1), month_bounds(last_year, last)[1], recurrence="year")
    last_year = written_last or written_first or 0
    first_year = written_first or last_year - (last < first)
    return Resolved("months", date(first_year, first, 1), month_bounds(last_year, last)[1])


def _months(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    if match.groupdict().get("month2"):
        return _month_range(match, year, recurring)
    months = sorted(int(m) for m in regex.findall(r"\d+", match.group("months")))
    if not 1 <= months[0] <= months[-1] <= 12:
        return Resolved("months", None, None)
    return Resolved("months", *month_bounds(int(match.group("year")), months[0], months[-1]))


def _quarter(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    quarter = quarter_number(match.group("quarter"))
    bounds = quarter_bounds(int(match.group("year")), quarter) if quarter else (None, None)
    return Resolved("quarter", *bounds)


def _within_year(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    in_year = _int(match, "year") or year
    return Resolved("within_year", *(year_bounds(in_year) if in_year else (None, None)))


def _ongoing(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    return Resolved("ongoing", None, None)


def _conditional(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    return Resolved("conditional", None, None, condition=match.group("condition").strip())


_RESOLVERS: dict[str, Callable[[regex.Match[str], int | None, bool], Resolved]] = {
    "date": _due,
    "recurring_annual": _due,
    "window_recurring": _window,
    "year": _year,
    "month": _month,
    "months": _months,
    "quarter": _quarter,
    "within_year": _within_year,
    "ongoing": _ongoing,
    "conditional": _conditional,
}


def _timeframe_at(
    text: str, start: int, end: int, meta: DocumentMeta, kinds: frozenset[str] = frozenset()
) -> tuple[Rule, Resolved, int] | None:
    """The timeframe written at text[start:], within `end`: its rule, its value (with a condition in
    parentheses right after it) and where it ends; `kinds` limits the kinds read (empty: all)."""
    for rule in (r for r in _rules() if r.scope == "timeframe" and (not kinds or r.kind in kinds)):
        if match := rule.pattern.match(text, start, end):
            resolved = _RESOLVERS[rule.kind](match, document_year(meta), False)
            condition = next((m for p in _conditions() if (m := p.match(text, match.end(), end))), None)
            if condition is None:
                return rule, resolved, match.end()
            return rule, _with_condition(resolved, condition.group("condition")), condition.end()
    return None


def resolve_timeframe(timeframe: str, meta: DocumentMeta) -> tuple[Rule, Resolved] | None:
    """A task's timeframe cell ("Quý II năm 2026", "Tháng 11,12/2026 (sau khi ...)") as a typed value."""
    found = _timeframe_at(timeframe.strip(), 0, len(timeframe.strip()), meta)
    return (found[0], found[1]) if found else None


def _with_condition(resolved: Resolved, condition: str | None) -> Resolved:
    if condition is None or resolved.condition:
        return resolved
    return Resolved(resolved.kind, resolved.start_date, resolved.end_date, resolved.recurrence, condition.strip())


def _task_deadlines(ctx: Context, tasks: tuple[Task, ...]) -> Iterator[Deadline]:
    cells = {row.task.start: row.timeframe for row in task_tables.rows(ctx.text)}
    for task in tasks:
        cell = cells.get(task.start)
        if cell is None or (found := resolve_timeframe(cell.text, ctx.meta)) is None:
            continue
        rule, value = found
        yield _deadline(value, cell.start, cell.end, f"deadlines.timeframe.{rule.rule_id}", "task", task.task_id)


def _deadline(value: Resolved, start: int, end: int, rule_id: str, kind: str, ref: str | None) -> Deadline:
    return Deadline(
        start=start,
        end=end,
        rule_id=rule_id,
        subject_kind=kind,
        subject_ref=ref,
        kind=value.kind,
        start_date=value.start_date,
        end_date=value.end_date,
        recurrence=value.recurrence,
        condition=value.condition,
    )


# Where the sentence holding a time expression starts: after a full stop, or at a new line item.
_SENTENCE_BOUNDARY = regex.compile(r"[.!?]\s+|\n(?=[-+•\d\p{Lu}])")


def _sentence_start(text: str, position: int) -> int:
    window_start = max(0, position - _SUBJECT_WINDOW)
    boundaries = list(_SENTENCE_BOUNDARY.finditer(text, window_start, position))
    return boundaries[-1].end() if boundaries else window_start


def _subject(text: str, sentence_start: int, position: int) -> tuple[str, str | None]:
    """The nearest subject phrase before `position` in its sentence: (subject_kind, phrase)."""
    nearest: tuple[int, str, str] | None = None
    for kind, pattern in _subjects():
        for match in pattern.finditer(text, sentence_start, position):
            if nearest is None or match.end() > nearest[0]:
                nearest = (match.end(), kind, " ".join(match.group().split()))
    return (nearest[1], nearest[2]) if nearest else ("task", None)


def _table_rows(text: str) -> list[tuple[int, int]]:
    return [(line.start, line.end) for line in lines(text) if "\t" in line.text]


@dataclass(frozen=True)
class Position:
    """Where running text may hold a timeframe (positions.tsv)."""

    name: str
    kinds: frozenset[str]
    pattern: regex.Pattern[str]


@cache
def _positions() -> tuple[Position, ...]:
    return tuple(
        Position(r["position"], frozenset(r["kinds"].split()), regex.compile(r["pattern"], regex.I | regex.M))
        for r in read_table(TABLES / "positions.tsv")
    )


@cache
def _not_deadlines() -> dict[str, tuple[regex.Pattern[str], ...]]:
    found: dict[str, list[regex.Pattern[str]]] = {"before": [], "after": []}
    for row in read_table(TABLES / "not_deadlines.tsv"):
        found[row["side"]].append(regex.compile(row["pattern"], regex.I))
    return {side: tuple(patterns) for side, patterns in found.items()}


_LINE_REST = regex.compile(r"[ \t.;]*$", regex.M)
_BEFORE_WINDOW = 40


def _line_end(text: str, position: int) -> int:
    found = text.find("\n", position)
    return len(text) if found == -1 else found


def _is_deadline(text: str, start: int, end: int, line_end: int) -> bool:
    """False for a month of a full date or a month something was done in (not_deadlines.tsv)."""
    before = text[max(0, start - _BEFORE_WINDOW) : start]
    if any(p.search(before) for p in _not_deadlines()["before"]):
        return False
    return not any(p.match(text, end, line_end) for p in _not_deadlines()["after"])


def _found_in_prose(ctx: Context, start: int, end: int, value: Resolved, rule_id: str) -> Deadline:
    """A prose deadline tied to the nearest subject before it in its sentence (a task when none)."""
    kind, ref = _subject(ctx.text, _sentence_start(ctx.text, start), start)
    return _deadline(value, start, end, rule_id, kind, ref)


def _timeframes_in_prose(ctx: Context, taken: list[tuple[int, int]]) -> Iterator[Deadline]:
    """Timeframes written as in a task table ("Tháng 4/2026", "Quý II năm 2026", "Thường xuyên") where
    running text gives them as a deadline: a line of their own, after a label, after a cue word."""
    for position in _positions():
        for at in position.pattern.finditer(ctx.text):
            line_end = _line_end(ctx.text, at.end())
            found = _timeframe_at(ctx.text, at.end(), line_end, ctx.meta, position.kinds)
            if found is None or any(s < found[2] and at.end() < e for s, e in taken):
                continue
            rule, value, end = found
            if position.name == "line" and not _LINE_REST.match(ctx.text, end, line_end):
                continue
            if _is_deadline(ctx.text, at.end(), end, line_end):
                taken.append((at.end(), end))
                yield _found_in_prose(ctx, at.end(), end, value, f"deadlines.{position.name}.{rule.rule_id}")


def _phrase_deadlines(ctx: Context, taken: list[tuple[int, int]]) -> Iterator[Deadline]:
    """Deadlines of the "prose" patterns: due dates, windows, reviews in a year; never what was done then."""
    year = document_year(ctx.meta)
    for rule in (r for r in _rules() if r.scope == "prose"):
        for match in rule.pattern.finditer(ctx.text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            if not _is_deadline(ctx.text, match.start(), match.end(), _line_end(ctx.text, match.end())):
                continue
            before = ctx.text[_sentence_start(ctx.text, match.start()) : match.start()]
            recurring = bool(match.groupdict().get("recurring")) or bool(_RECURRING_CUE.search(before))
            value = _RESOLVERS[rule.kind](match, year, recurring)
            found = _found_in_prose(ctx, match.start(), match.end(), value, f"deadlines.{rule.rule_id}")
            if "subject" in match.groupdict():
                review = " ".join(match.group("subject").split())
                found = dataclasses.replace(found, subject_kind="review", subject_ref=review)
            yield found


def _prose_deadlines(ctx: Context) -> list[Deadline]:
    taken = _table_rows(ctx.text)  # a task table's timeframes are read per task
    phrases = list(_phrase_deadlines(ctx, taken))
    return [*phrases, *_timeframes_in_prose(ctx, [*taken, *((d.start, d.end) for d in phrases)])]


def parse(ctx: Context, tasks: tuple[Task, ...]) -> tuple[Deadline, ...]:
    found = [*_prose_deadlines(ctx), *_task_deadlines(ctx, tasks)]
    return tuple(sorted(found, key=lambda d: (d.start, d.end)))


def evaluate(text: str) -> list[dict[str, Any]]:
    """Deadlines of a snippet, in a plan issued in 2025 for 2026-2030 (a fixed context for the examples)."""
    ctx = Context(text, DocumentMeta(issue_year=2025, period_start=2026, period_end=2030), ())
    return [
        {
            "snippet": text[d.start : d.end],
            "subject_kind": d.subject_kind,
            "subject_ref": d.subject_ref,
            "kind": d.kind,
            "start_date": d.start_date,
            "end_date": d.end_date,
            "recurrence": d.recurrence,
            "condition": d.condition,
        }
        for d in parse(ctx, task_tables.parse(ctx))
    ]
