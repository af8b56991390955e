"""Assignments: which agency leads, coordinates or gives data for which goal, indicator or task.

Indicator links come from the organisation section: its numbered agency headings ("2.1. Sở Nội vụ",
"5. Phòng Y tế; Trung tâm Y tế") or bold bullets ("- **Hội Liên hiệp Phụ nữ tỉnh:** ...") say whom
the following items are about; each sentence that names indicators ("chỉ tiêu 1, 2 của mục tiêu 2")
links them to that agency in the role its words give (roles.tsv), and to the partners it names
after "phối hợp với" as coordinators. A sentence that names no indicator but has its agencies carry
out the plan ("căn cứ chức năng, nhiệm vụ tổ chức triển khai Kế hoạch") makes them implementers of the
whole plan. Task links come from a task table's agency cells.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypedDict

import regex

from rules import tasks as task_tables
from rules.agencies import AgencyMention, find_agencies, split_agencies, starts_with_agency_head
from rules.context import Context
from rules.findings import Assignment, DocumentMeta, Task
from rules.span import Line, lines
from rules.tables import read_table

TABLES = Path(__file__).parent
# A numbered line this short that opens with an agency is a heading naming whom the items below are
# about; a longer one is an item written inline ("2. Phòng Nội vụ là cơ quan thường trực, chủ trì ...").
_HEADING_MAX_CHARS = 100
_SEPARATOR = regex.compile(r"\s*(?:[,;]|và)\s*")
_SENTENCE_END = regex.compile(r"(?<=[.;:])\s+(?=[-–+•\p{Lu}])|(?<=\.)\s+")


@cache
def _pattern(name: str) -> regex.Pattern[str]:
    written = {row["name"]: row["pattern"] for row in read_table(TABLES / "patterns.tsv")}[name]
    return regex.compile(written, regex.I | regex.M)


@cache
def _roles() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    return tuple((row["role"], regex.compile(row["pattern"], regex.I)) for row in read_table(TABLES / "roles.tsv"))


@dataclass(frozen=True)
class Item:
    """A stretch of the organisation section about the same agencies (a bullet and its wrapped lines)."""

    start: int
    end: int
    agencies: tuple[AgencyMention, ...]


def organisation_section(ctx: Context) -> tuple[int, int] | None:
    """Offsets of the "Tổ chức thực hiện" part: from the outline when there is one, else from the text."""
    heading = _pattern("section_heading")
    for section in ctx.sections:
        if section.level == 1 and heading.match(ctx.text, section.start, section.body_end):
            return section.start, section.body_end
    found = heading.search(ctx.text)
    if found is None:
        return None
    after = _pattern("section_end").search(ctx.text, found.end() + 1)
    return found.end() + 1, after.start() if after else len(ctx.text)


def _heading_agencies(text: str, line: Line) -> tuple[tuple[AgencyMention, ...], int] | None:
    """Agencies a numbered line is about, and where its own content starts; None for other lines."""
    numbered = _pattern("agency_heading").match(text, line.start, line.end)
    if numbered is None:
        return None
    rest_start = numbered.start("rest")
    if not starts_with_agency_head(numbered.group("rest")):
        return (), line.end
    end = _heading_end(text, line)
    if len(text[rest_start:end]) <= _HEADING_MAX_CHARS and not numbered.group("rest").rstrip().endswith("."):
        return split_agencies(text, rest_start, end), end
    return _leading_agencies(text, rest_start, line.end), rest_start


def _heading_end(text: str, line: Line) -> int:
    """Where a heading ends: at its line's end, or at the next line's when a line break cut it after a word
    that joins it to more ("... Truyền Thanh và" / "Truyền hình") and that line opens no item of its own."""
    if not _pattern("heading_continued").search(text, line.start, line.end):
        return line.end
    following = next(lines(text, line.end + 1), None)
    if following is None or not following.text.strip() or _pattern("item_start").match(text, following.start):
        return line.end
    return following.end


def _leading_agencies(text: str, start: int, end: int) -> tuple[AgencyMention, ...]:
    """The known agencies a sentence opens with, chained by commas, semicolons or "và"."""
    chained: list[AgencyMention] = []
    cursor = start
    for mention in find_agencies(text, start, end):
        if mention.start != cursor and not _SEPARATOR.fullmatch(text, cursor, mention.start):
            break
        chained.append(mention)
        cursor = mention.end
    return tuple(chained)


def _items(ctx: Context, start: int, end: int) -> Iterator[Item]:
    """The section's items, each with the agencies it is about (the last heading's, or its own bold name)."""
    about: tuple[AgencyMention, ...] = ()
    current: Item | None = None
    read_to = start  # where the last heading's own content starts: a heading may take the next line in
    for line in lines(ctx.text, start, end):
        if line.start < read_to:
            continue
        heading = _heading_agencies(ctx.text, line)
        if heading is not None:
            about, read_to = heading[0], heading[1]
        if heading is None and current is not None and not _pattern("item_start").match(ctx.text, line.start):
            current = Item(current.start, line.end, current.agencies)  # a wrapped line of the same item
            continue
        if current is not None:
            yield current
        bold = _pattern("bold_agency").match(ctx.text, line.start, line.end)
        own = split_agencies(ctx.text, bold.start("name"), bold.end("name")) if bold else None
        content_start = heading[1] if heading else line.start
        current = Item(content_start, max(content_start, line.end), own or about)
    if current is not None:
        yield current


def _sentences(text: str, item: Item) -> Iterator[tuple[int, int]]:
    start = item.start
    for boundary in _SENTENCE_END.finditer(text, item.start, item.end):
        yield start, boundary.start()
        start = boundary.end()
    yield start, item.end


_REMARK = regex.compile(r"\([^)]*\)")


def _role(sentence: str, default: str | None = "lead") -> str | None:
    """The role a sentence's words give; a remark in parentheses ("(số liệu về bạo lực gia đình)") narrows
    the indicator, not the role."""
    words = _REMARK.sub("", sentence)
    return next((role for role, pattern in _roles() if pattern.search(words)), default)


def _partners(text: str, start: int, end: int, first_indicator: int) -> tuple[AgencyMention, ...]:
    """Agencies named after "phối hợp với" before the indicators of a sentence."""
    after = _pattern("partners").search(text, start, end)
    if after is None or after.end() > first_indicator:
        return ()
    return _leading_agencies(text, after.end(), first_indicator)


def _indicator_links(text: str, item: Item) -> Iterator[Assignment]:
    for start, end in _sentences(text, item):
        indicators = list(_pattern("indicator").finditer(text, start, end))
        if not indicators:
            yield from _plan_links(text, item, start, end)
            continue
        role = _role(text[start:end]) or "lead"
        linked = [(mention, role) for mention in item.agencies]
        if role == "lead":
            linked += [(p, "coordinate") for p in _partners(text, start, end, indicators[0].start())]
        for indicator in indicators:
            for mention, agency_role in linked:
                yield from _rows_for(text, indicator, mention, agency_role)


def _plan_links(text: str, item: Item, start: int, end: int) -> Iterator[Assignment]:
    """Agencies named to carry out the plan itself ("... tổ chức triển khai Kế hoạch"): implement rows with
    no goal, indicator or task. The agencies are those after "yêu cầu"/"đề nghị" when the sentence asks
    others to do it, else the ones the item is about."""
    if _role(text[start:end], None) != "implement":
        return
    verb = dict(_roles())["implement"].search(text, start, end)
    if verb is None:  # the words matched only once a remark was left out
        return
    request = _pattern("request").search(text, start, verb.start())
    agencies = _leading_agencies(text, request.end(), verb.start()) if request else item.agencies
    for mention in agencies:
        yield Assignment(
            start=verb.start(),
            end=verb.end(),
            rule_id="assignments.plan_implement",
            **_agency(mention),
            role="implement",
            goal_no=None,
            target_no=None,
            task_id=None,
        )


class _AgencyColumns(TypedDict):
    agency: str
    agency_key: str | None
    agency_level: str | None


def _agency(mention: AgencyMention) -> _AgencyColumns:
    """An assignment's agency columns; the name as written, a line break inside it ("... Truyền Thanh và" /
    "Truyền hình") a space."""
    return {"agency": " ".join(mention.name.split()), "agency_key": mention.key, "agency_level": mention.level}


def _rows_for(text: str, indicator: regex.Match[str], mention: AgencyMention, role: str) -> Iterator[Assignment]:
    targets: list[int | None] = [int(n) for n in regex.findall(r"\d+", indicator.group("targets") or "")] or [None]
    start, end = indicator.span()
    while text[start] == "*":  # the span is the indicator's words, without bold markers
        start += 1
    while text[end - 1] == "*":
        end -= 1
    for target in targets:
        yield Assignment(
            start=start,
            end=end,
            rule_id="assignments.indicator_" + role,
            **_agency(mention),
            role=role,
            goal_no=int(indicator.group("goal")),
            target_no=target,
            task_id=None,
        )


def _task_links(ctx: Context, tasks: tuple[Task, ...]) -> Iterator[Assignment]:
    cells = {row.task.start: row for row in task_tables.rows(ctx.text)}
    for task in tasks:
        row = cells.get(task.start)
        if row is None:
            continue
        for role, cell in (("lead", row.lead), ("coordinate", row.coordinate)):
            for mention in split_agencies(ctx.text, cell.start, cell.end) if cell else ():
                yield Assignment(
                    start=mention.start,
                    end=mention.end,
                    rule_id="assignments.task_" + role,
                    **_agency(mention),
                    role=role,
                    goal_no=None,
                    target_no=None,
                    task_id=task.task_id,
                )


def parse(ctx: Context, tasks: tuple[Task, ...]) -> tuple[Assignment, ...]:
    section = organisation_section(ctx)
    items = _items(ctx, *section) if section else iter(())
    found = [link for item in items for link in _indicator_links(ctx.text, item)]
    return tuple(dict.fromkeys([*found, *_task_links(ctx, tasks)]))


def evaluate(text: str) -> list[dict[str, Any]]:
    ctx = Context(text, DocumentMeta(), ())
    return [
        {
            "agency": a.agency,
            "agency_key": a.agency_key,
            "role": a.role,
            "goal_no": a.goal_no,
            "target_no": a.target_no,
            "task_id": a.task_id,
            "snippet": text[a.start : a.end],
        }
        for a in parse(ctx, task_tables.parse(ctx))
    ]
