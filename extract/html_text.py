"""Building blocks of the HTML reader: lines collected from inline text, and a table's cells as a grid."""
from __future__ import annotations

from lxml.etree import _Element

from extract.document import Table

ONE_LINE = str.maketrans("\t\n\r", "   ")


class LineWriter:
    """Text in reading order: inline pieces join into the current line, whose whitespace folds as a browser
    folds it; empty lines are not kept. Tables are recorded with their offsets in the text."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tables: list[Table] = []
        self._pieces: list[str] = []
        self._offset = 0

    def add(self, text: str | None) -> None:
        if text:
            self._pieces.append(text)

    def end_line(self) -> None:
        line = " ".join("".join(self._pieces).split())
        self._pieces = []
        if line:
            self._append(line)

    def add_table(self, rows: tuple[tuple[str, ...], ...]) -> None:
        self.end_line()
        rows = tuple(row for row in rows if any(cell.strip() for cell in row))
        if not rows:
            return
        start = self._offset
        for row in rows:
            self._append("\t".join(cell.translate(ONE_LINE) for cell in row))
        self.tables.append(Table(rows, start, self._offset - 1))

    def text(self) -> str:
        self.end_line()
        return "\n".join(self.lines)

    def _append(self, line: str) -> None:
        self.lines.append(line)
        self._offset += len(line) + 1


def table_grid(table: _Element) -> list[list[_Element | None]]:
    """The table's own rows (not those of tables nested in its cells), one entry per cell; a cell that spans
    rows leaves None in the rows below it, so that columns stay aligned."""
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    spanning: dict[int, int] = {}  # column → rows it is still covered for by a cell above
    grid: list[list[_Element | None]] = []
    for row in rows:
        cells: list[_Element | None] = []
        column = 0
        for cell in row.xpath("./td|./th"):
            while spanning.get(column, 0) > 0:
                cells.append(None)
                spanning[column] -= 1
                column += 1
            cells.append(cell)
            span = _number(cell.get("rowspan"))
            width = _number(cell.get("colspan"))
            for covered in range(column, column + width):
                spanning[covered] = span - 1
            column += width
        for covered in range(column, max(spanning, default=-1) + 1):
            if spanning.get(covered, 0) > 0:
                cells.append(None)
                spanning[covered] -= 1
        grid.append(cells)
    return grid


def _number(value: str | None) -> int:
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1
