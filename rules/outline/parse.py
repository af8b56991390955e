"""The outline of a plan: roman parts, numbered headings, lettered items and bullets, as a tree.

Reads the normalized text (one paragraph per line). Each heading line becomes a `Section` whose
section_id is the path of labels from the top ("II.2.b", "V.2.1"); a bullet's part of the path is
its marker and its position among its sibling bullets ("V.2.1.-3").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from rules.findings import Section
from rules.span import Line, lines
from rules.tables import read_table

HERE = Path(__file__).parent
# Markdown that DOCX exports put around a label: "## I. MỤC TIÊU", "**1.** Sở Nội vụ".
_MARKUP = r"(?:\#{1,6}\s+)?(?:\*\*|__)?"
_CLOSING_MARKUP = r"(?:\*\*|__)?"
_BOLD = regex.compile(r"\*\*|__")
_BULLET_KINDS = frozenset({"dash", "plus"})


@dataclass(frozen=True)
class LabelKind:
    kind: str
    rank: int
    pattern: regex.Pattern[str]


@dataclass(frozen=True)
class Heading:
    """A line that opens a section, before it is placed in the tree."""

    line: Line
    kind: str
    label: str
    rank: int
    heading: str


@dataclass
class _Open:
    """A section on the stack of sections still open while reading down the text."""

    heading: Heading
    section_id: str
    level: int


@cache
def label_kinds() -> tuple[LabelKind, ...]:
    return tuple(
        LabelKind(
            row["kind"],
            int(row["rank"]),
            regex.compile(rf"{_MARKUP}(?:{row['pattern']}){_CLOSING_MARKUP}\s+(?P<heading>\S.*)"),
        )
        for row in read_table(HERE / "labels.tsv")
    )


@cache
def _closing() -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{row['pattern']})" for row in read_table(HERE / "closing.tsv")))


def heading_of(line: Line) -> Heading | None:
    """The heading a line opens, or None. Table rows (tab-separated cells) are never headings."""
    if "\t" in line.text:
        return None
    for kind in label_kinds():
        match = kind.pattern.fullmatch(line.text)
        if match:
            label = match.group("label")
            rank = kind.rank + label.count(".")
            text = _BOLD.sub("", match.group("heading")).strip()
            return Heading(line, kind.kind, label, rank, text)
    return None


def outline_end(text: str) -> int:
    """Where the outline stops: the recipients list and signature block, or the end of the text."""
    for line in lines(text):
        if _closing().match(line.text):
            return line.start
    return len(text)


def parse(text: str) -> tuple[Section, ...]:
    end = outline_end(text)
    headings = [h for h in map(heading_of, lines(text, 0, end)) if h is not None]
    placed = _place(headings)
    return tuple(
        _section(opened, parent_id, _body_end(placed, index, end)) for index, (opened, parent_id) in enumerate(placed)
    )


def _place(headings: list[Heading]) -> list[tuple[_Open, str | None]]:
    """Each heading with its place in the tree (id, level) and its parent's id, in text order."""
    stack: list[_Open] = []
    seen_ids: Counter[str] = Counter()
    bullets_seen: Counter[tuple[str | None, str]] = Counter()  # (parent id, marker) → bullets so far
    placed = []
    for heading in headings:
        while stack and _closes(heading, stack[-1].heading):
            stack.pop()
        parent = stack[-1] if stack else None
        if heading.kind in _BULLET_KINDS:
            bullets_seen[parent.section_id if parent else None, heading.label] += 1
        ordinal = bullets_seen[parent.section_id if parent else None, heading.label]
        section_id = _unique(_path(parent, heading, ordinal), seen_ids)
        opened = _Open(heading, section_id, parent.level + 1 if parent else 1)
        placed.append((opened, parent.section_id if parent else None))
        stack.append(opened)
    return placed


def _closes(heading: Heading, open_heading: Heading) -> bool:
    """Whether `heading` ends the open section: same or higher rank, or a numbered heading whose
    label does not extend the open one's ("3.1." does not belong under "2.")."""
    if open_heading.rank >= heading.rank:
        return True
    both_arabic = heading.kind == open_heading.kind == "arabic"
    return both_arabic and not heading.label.startswith(open_heading.label + ".")


def _path(parent: _Open | None, heading: Heading, bullet_ordinal: int) -> str:
    """The section's id: its parent's id and its own part ("2.1" under "II.2" adds "1")."""
    part = heading.label
    if parent and heading.kind == parent.heading.kind == "arabic":
        part = heading.label.removeprefix(parent.heading.label + ".")
    elif heading.kind in _BULLET_KINDS:
        part = f"{heading.label}{bullet_ordinal}"
    return f"{parent.section_id}.{part}" if parent else part


def _unique(section_id: str, seen_ids: Counter[str]) -> str:
    """The id, or for a label the document repeats under the same parent, the id with "_2", "_3", ..."""
    seen_ids[section_id] += 1
    return section_id if seen_ids[section_id] == 1 else f"{section_id}_{seen_ids[section_id]}"


def _body_end(placed: list[tuple[_Open, str | None]], index: int, outline_end: int) -> int:
    level = placed[index][0].level
    following = (opened for opened, _ in placed[index + 1 :] if opened.level <= level)
    return next((opened.heading.line.start for opened in following), outline_end)


def _section(opened: _Open, parent_id: str | None, body_end: int) -> Section:
    heading = opened.heading
    return Section(
        start=heading.line.start,
        end=heading.line.end,
        rule_id=f"outline.{heading.kind}",
        section_id=opened.section_id,
        parent_id=parent_id,
        level=opened.level,
        label=heading.label,
        heading=heading.heading,
        body_end=body_end,
    )
