"""Targets: the indicators (Chỉ tiêu) under each goal of the objectives section, one row per threshold."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import regex

from rules.context import Context
from rules.findings import Goal, Target
from rules.goals import Objectives, find_objectives
from rules.indicators import indicator_key
from rules.lenient import find_lenient, is_lenient
from rules.tables import read_table
from rules.thresholds.values import Value, read_values

HERE = Path(__file__).parent
# "- Chỉ tiêu 2:", "Chỉ tiêu:", "- Chỉ tiêu 3." — the label word is checked leniently afterwards.
INDICATOR_LINE = regex.compile(
    r"^[-–•+]?[ \t]*(?P<word>\S.{2,10}?)[ \t]*(?P<no>\d{1,2})?[ \t]*[:.][ \t]*", regex.MULTILINE
)
YEAR = regex.compile(r"(?<!\w)(?:năm|đến|vào)\s+(?P<year>(?:19|20)\d\d)(?!\d)", regex.IGNORECASE)
# Between two values of one indicator, the strongest of these marks where the first one's clause ends.
SEPARATORS = (";", ". ", " và ", ", ")


@dataclass(frozen=True)
class IndicatorText:
    goal: Goal | None
    target_no: int | None
    start: int
    end: int


def parse(ctx: Context, goals: tuple[Goal, ...]) -> tuple[Target, ...]:
    objectives = find_objectives(ctx)
    if objectives is None:
        return ()
    indicators = indicator_texts(ctx.text, objectives, goals)
    return tuple(row for indicator in indicators for row in _targets(ctx, objectives, indicator))


def indicator_texts(text: str, objectives: Objectives, goals: tuple[Goal, ...]) -> list[IndicatorText]:
    """Each indicator's text: from after its label to the next label, goal heading or section end."""
    inside = [g for g in goals if objectives.start <= g.start < objectives.end]
    ends = [g.start for g in inside[1:]] + [objectives.end]
    bounds = [(goal, goal.end, end) for goal, end in zip(inside, ends, strict=False)]  # one end too many without goals
    return [indicator for goal, start, end in bounds for indicator in _indicators_of(text, goal, start, end)]


def _indicators_of(text: str, goal: Goal, start: int, end: int) -> list[IndicatorText]:
    labels = [m for m in INDICATOR_LINE.finditer(text, start, end) if is_lenient("chỉ tiêu", m.group("word"))]
    if not labels:
        return []
    ends = [m.start() for m in labels[1:]] + [end]
    return [
        IndicatorText(goal, int(label.group("no")) if label.group("no") else None, label.end(), _trim(text, stop))
        for label, stop in zip(labels, ends, strict=True)
    ]


def _trim(text: str, end: int) -> int:
    return len(text[:end].rstrip())


def _targets(ctx: Context, objectives: Objectives, indicator: IndicatorText) -> list[Target]:
    values = read_values(ctx.text, indicator.start, indicator.end)
    if not values:
        return [_qualitative(ctx, objectives, indicator)]
    scopes = _scopes(ctx.text, values, indicator)
    return [
        _target(ctx, objectives, indicator, seq, value, scope)
        for seq, (value, scope) in enumerate(zip(values, scopes, strict=True), 1)
    ]


def _scopes(text: str, values: list[Value], indicator: IndicatorText) -> list[tuple[int, int]]:
    """Split the indicator between consecutive values, at the strongest separator between them."""
    cuts = [_cut(text, left.end, right.start) for left, right in pairwise(values)]
    starts = [indicator.start, *cuts]
    return list(zip(starts, [*cuts, indicator.end], strict=True))


def _cut(text: str, left_end: int, right_start: int) -> int:
    between = text[left_end:right_start]
    for separator in SEPARATORS:
        at = between.rfind(separator)
        if at >= 0:
            return left_end + at + len(separator)
    return right_start


def _target(
    ctx: Context, objectives: Objectives, indicator: IndicatorText, seq: int, value: Value, scope: tuple[int, int]
) -> Target:
    domain = indicator.goal.domain if indicator.goal else None
    return Target(
        start=value.start,
        end=value.end,
        rule_id=value.rule_id,
        goal_no=indicator.goal.goal_no if indicator.goal else None,
        target_no=indicator.target_no,
        seq=seq,
        indicator_key=indicator_key(ctx.text[slice(*scope)], domain)
        or indicator_key(ctx.text[indicator.start : indicator.end], domain),
        subject=ctx.text[slice(*scope)].strip(" ;,."),
        comparator=value.comparator,
        value=value.value,
        unit=value.unit,
        per_period=_per_period(ctx.text, indicator),
        baseline_value=value.baseline,
        target_year=_year(ctx, objectives, indicator, value, scope),
    )


def _qualitative(ctx: Context, objectives: Objectives, indicator: IndicatorText) -> Target:
    text = ctx.text[indicator.start : indicator.end]
    domain = indicator.goal.domain if indicator.goal else None
    return Target(
        start=indicator.start,
        end=indicator.end,
        rule_id="thresholds.qualitative",
        goal_no=indicator.goal.goal_no if indicator.goal else None,
        target_no=indicator.target_no,
        seq=1,
        indicator_key=indicator_key(text, domain),
        subject=text.strip(" ;,."),
        comparator=None,
        value=None,
        unit=None,
        per_period=_per_period(ctx.text, indicator),
        baseline_value=None,
        target_year=_year_of_indicator(ctx, objectives, indicator),
        qualitative=True,
    )


def _year(
    ctx: Context, objectives: Objectives, indicator: IndicatorText, value: Value, scope: tuple[int, int]
) -> int | None:
    """The year of the value's own clause (after the value first), else of the indicator, section or plan."""
    after = YEAR.search(ctx.text, value.end, scope[1])
    before = [*YEAR.finditer(ctx.text, scope[0], value.start)]
    year = after or (before[-1] if before else None)
    return int(year.group("year")) if year else _year_of_indicator(ctx, objectives, indicator)


def _year_of_indicator(ctx: Context, objectives: Objectives, indicator: IndicatorText) -> int | None:
    year = YEAR.search(ctx.text, indicator.start, indicator.end)
    return int(year.group("year")) if year else objectives.year or ctx.meta.period_end


def _per_period(text: str, indicator: IndicatorText) -> str | None:
    for row in periods():
        if any(find_lenient(row["phrase"], text, indicator.start, indicator.end)):
            return row["per_period"]
    return None


@cache
def periods() -> list[dict[str, str]]:
    return read_table(HERE / "periods.tsv")
