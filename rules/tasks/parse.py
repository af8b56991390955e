"""Read task tables line by line: a line with tabs is a row, its cells the tab-separated parts.

Section rows (a roman label, or a row with no agency and no timeframe, often in `<b>`) open the
levels of the hierarchy; numbered rows are tasks, their id the section labels and their own label
("IV" + "1.1" → "IV.1.1"). The header may repeat at page breaks and changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import regex

from rules.agencies import split_agencies
from rules.context import Context
from rules.findings import DocumentMeta, Task
from rules.span import Line, lines
from rules.tables import read_table

TABLES = Path(__file__).parent
_TAGS = regex.compile(r"^(?:\s|</?b>|\*\*)+|(?:\s|</?b>|\*\*)+$")
_ROMAN = regex.compile(r"(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})")
_NUMBER = regex.compile(r"\d{1,2}(?:\.\d{1,2})*")


@dataclass(frozen=True)
class Cell:
    """A cell's content without markup; start/end are offsets into the normalized text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TaskRow:
    """A task with the cells it was read from, for the deadline and assignment rules."""

    task: Task
    lead: Cell | None
    coordinate: Cell | None
    timeframe: Cell | None


@cache
def _columns() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    table = read_table(TABLES / "columns.tsv")
    return tuple((r["column"], regex.compile(rf"\b(?:{r['header_words']})\b", regex.I)) for r in table)


def _cells(line: Line) -> list[Cell]:
    cells, position = [], line.start
    for part in line.text.split("\t"):
        inner = _TAGS.sub("", part)
        first = position + (part.find(inner) if inner else 0)
        cells.append(Cell(inner, first, first + len(inner)))
        position += len(part) + 1
    return cells


def _header_columns(cells: list[Cell]) -> dict[str, int] | None:
    """Column positions named by a header row; None when the row is not a header."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        column = next((name for name, words in _columns() if name not in found and words.search(cell.text)), None)
        if column:
            found[column] = index
    return found if {"label", "text"} <= found.keys() else None


def _default_columns() -> dict[str, int]:
    return {name: index for index, (name, _) in enumerate(_columns())}


class _Reader:
    """The state of one pass down a document: column layout and the open sections."""

    def __init__(self) -> None:
        self.columns = _default_columns()
        self.part: str | None = None  # roman label of the open part
        self.group: str | None = None  # numbered section row inside the part

    def cell(self, cells: list[Cell], column: str) -> Cell | None:
        index = self.columns.get(column)
        found = cells[index] if index is not None and index < len(cells) else None
        return found if found and found.text else None

    def read(self, line: Line) -> TaskRow | None:
        cells = _cells(line)
        if (header := _header_columns(cells)) is not None:
            self.columns = header
            return None
        label_cell = self.cell(cells, "label")
        label = label_cell.text if label_cell else ""
        if _ROMAN.fullmatch(label):
            self.part, self.group = label, None
            return None
        if not _NUMBER.fullmatch(label):
            return None
        if not any(self.cell(cells, c) for c in ("lead", "coordinate", "timeframe")):
            self.group = label
            return None
        return self.task_row(cells, label)

    def task_id(self, label: str) -> str:
        within_group = self.group and "." not in label
        return ".".join(filter(None, [self.part, self.group if within_group else None, label]))

    def task_row(self, cells: list[Cell], label: str) -> TaskRow | None:
        text = self.cell(cells, "text")
        if text is None:
            return None
        lead, coordinate, timeframe = (self.cell(cells, c) for c in ("lead", "coordinate", "timeframe"))
        task = Task(
            start=text.start,
            end=text.end,
            rule_id="tasks.table_row",
            task_id=self.task_id(label),
            text=text.text,
            lead_agencies=_agencies(lead),
            coordinating_agencies=_agencies(coordinate),
            timeframe=timeframe.text if timeframe else None,
        )
        return TaskRow(task, lead, coordinate, timeframe)


def _agencies(cell: Cell | None) -> tuple[str, ...]:
    return tuple(m.name for m in split_agencies(cell.text)) if cell else ()


def rows(text: str) -> tuple[TaskRow, ...]:
    reader = _Reader()
    found = (reader.read(line) for line in lines(text) if "\t" in line.text)
    return tuple(row for row in found if row is not None)


def parse(ctx: Context) -> tuple[Task, ...]:
    return tuple(row.task for row in rows(ctx.text))


def evaluate(text: str) -> list[dict[str, Any]]:
    tasks = parse(Context(text, DocumentMeta(), ()))
    return [
        {
            "task_id": t.task_id,
            "text": t.text,
            "lead_agencies": list(t.lead_agencies),
            "coordinating_agencies": list(t.coordinating_agencies),
            "timeframe": t.timeframe,
        }
        for t in tasks
    ]
