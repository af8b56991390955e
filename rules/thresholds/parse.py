"""Targets: the indicators (Chỉ tiêu) under each goal of the objectives section, one row per threshold; and the
values of the other items of the objectives (bullets under "Các chỉ tiêu đến năm 2025:", sentences of a
"Mục tiêu cụ thể" paragraph), which yield rows only where they state a value."""
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
from rules.thresholds.regions import Block, Span, after_label, items, lead_in_lines, target_blocks
from rules.thresholds.values import Value, read_values

HERE = Path(__file__).parent
# "- Chỉ tiêu 2:", "Chỉ tiêu:", "- Chỉ tiêu 3." — the label word is checked leniently afterwards.
INDICATOR_LINE = regex.compile(
    r"^[-–•+]?[ \t]*(?P<word>\S.{2,10}?)[ \t]*(?P<no>\d{1,2})?[ \t]*[:.][ \t]*", regex.MULTILINE
)
# Not the year of a date ("ngày 01 tháng 7 năm 2025") nor of a baseline ("tăng 10% so với năm 2025").
YEAR = regex.compile(
    r"(?<!\w)(?<!(?:tháng\s+\d{1,2}|so\s+với)\s+)(?:năm|đến|vào)\s+(?P<year>(?:19|20)\d\d)(?!\d)", regex.IGNORECASE
)
# Between two values of one indicator, the strongest of these marks where the first one's clause ends.
SEPARATORS = (";", ". ", " và ", ", ")


@dataclass(frozen=True)
class IndicatorText:
    goal: Goal | None
    target_no: int | None
    start: int
    end: int
    # An unlabelled item: rows only for its values, its year from the lead-in line above it when it has none.
    labelled: bool = True
    lead_year: int | None = None


def parse(ctx: Context, goals: tuple[Goal, ...]) -> tuple[Target, ...]:
    objectives = find_objectives(ctx)
    labelled = indicator_texts(ctx.text, objectives, goals) if objectives else []
    indicators = sorted([*labelled, *unlabelled_items(ctx.text, objectives, goals, labelled)], key=lambda i: i.start)
    return tuple(row for indicator in indicators for row in _targets(ctx, objectives, indicator))


def unlabelled_items(
    text: str, objectives: Objectives | None, goals: tuple[Goal, ...], labelled: list[IndicatorText]
) -> list[IndicatorText]:
    """Items of the objectives section and of blocks introducing targets that no Chỉ tiêu label covers."""
    blocks = target_blocks(text)
    regions = [*([Span(objectives.start, objectives.end)] if objectives else []), *blocks]
    found: dict[int, IndicatorText] = {}
    taken: list[Span | IndicatorText] = [*labelled]
    for region in regions:
        for item in items(text, region.start, region.end):
            # Blocks nest in the objectives section and in each other: each stretch of text is read once.
            if any(other.start < item.end and item.start < other.end for other in taken):
                continue
            taken.append(item)
            label = INDICATOR_LINE.match(text, item.start, item.end)
            numbered = label is not None and label.group("no") and is_lenient("chỉ tiêu", label.group("word"))
            goal = next((g for g in reversed(goals) if region.start <= g.start < item.start), None)
            found[item.start] = IndicatorText(
                goal,
                int(label.group("no")) if label and numbered else None,
                label.end() if label and numbered else after_label(text, item),
                item.end,
                labelled=False,
                lead_year=_lead_year(text, blocks, region, item),
            )
    return list(found.values())


def _lead_year(text: str, blocks: list[Block], region: Span, item: Span) -> int | None:
    """The year of the nearest line above the item, in its region, that introduces targets or ends with ":"
    ("b) Đến năm 2030:")."""
    heads = [Span(block.start, block.lead_end) for block in blocks if region.start <= block.start < item.start]
    lines = sorted([*heads, *lead_in_lines(text, region.start, item.start)], key=lambda line: line.start)
    years = (YEAR.search(text, line.start, min(line.end, item.start)) for line in reversed(lines))
    year = next((found for found in years if found), None)
    return int(year.group("year")) if year else None


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


def _targets(ctx: Context, objectives: Objectives | None, indicator: IndicatorText) -> list[Target]:
    values = read_values(ctx.text, indicator.start, indicator.end)
    if not values:
        return [_qualitative(ctx, objectives, indicator)] if indicator.labelled else []
    scopes = _scopes(ctx.text, values, indicator)
    # Every value of an indicator applies as often as the indicator says.
    per_period = _per_period(ctx.text, indicator)
    return [
        _target(ctx, objectives, indicator, seq, value, scope, per_period)
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
    ctx: Context,
    objectives: Objectives | None,
    indicator: IndicatorText,
    seq: int,
    value: Value,
    scope: tuple[int, int],
    per_period: str | None,
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
        per_period=per_period,
        baseline_value=value.baseline,
        value_max=value.value_max,
        target_year=_year(ctx, objectives, indicator, value, scope),
    )


def _qualitative(ctx: Context, objectives: Objectives | None, indicator: IndicatorText) -> Target:
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
    ctx: Context, objectives: Objectives | None, indicator: IndicatorText, value: Value, scope: tuple[int, int]
) -> int | None:
    """The year of the value's own clause (after the value first), else of the indicator, section or plan."""
    after = YEAR.search(ctx.text, value.end, scope[1])
    before = [*YEAR.finditer(ctx.text, scope[0], value.start)]
    year = after or (before[-1] if before else None)
    return int(year.group("year")) if year else _year_of_indicator(ctx, objectives, indicator)


def _year_of_indicator(ctx: Context, objectives: Objectives | None, indicator: IndicatorText) -> int | None:
    year = YEAR.search(ctx.text, indicator.start, indicator.end)
    if year:
        return int(year.group("year"))
    return indicator.lead_year or (objectives.year if objectives else None) or ctx.meta.period_end


def _per_period(text: str, indicator: IndicatorText) -> str | None:
    for row in periods():
        if any(find_lenient(row["phrase"], text, indicator.start, indicator.end)):
            return row["per_period"]
    return None


@cache
def periods() -> list[dict[str, str]]:
    return read_table(HERE / "periods.tsv")
