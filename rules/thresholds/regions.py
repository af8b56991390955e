"""Where a plan writes its targets, beyond "Chỉ tiêu N:" labels: the objectives section, and blocks a line
naming the objectives introduces ("2. Mục tiêu cụ thể", "a) Mục tiêu 1: …", "Các chỉ tiêu đến năm 2025:",
"Phấn đấu đến năm 2025 đạt các mục tiêu sau:"), cut into items (one bullet or numbered line with its
continuation lines). The document's numbering is used only to find where a block ends.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from rules.tables import read_table

HERE = Path(__file__).parent
# A numbered line and its depth: "II." 1, "2." 2, "2.1." 3, "a)" 4; the label is checked at line start.
# A bare number is a label only before a table cell break ("1\tVăn hóa …", "1 | …"): a wrapped line may start
# with a number ("5 tuổi …").
NUMBERED = regex.compile(
    r"^[ \t]*(?:(?P<roman>[IVXLC]+)\.[ \t]+|(?P<number>\d{1,2}(?:\.\d{1,2})+)\.?[ \t]+"
    r"|(?P<number>\d{1,2})(?:[.)][ \t]+|[ \t]*(?:\t|\|)[ \t]*)|(?P<letter>[a-zđ])\)[ \t]+)(?=\S)",
    regex.MULTILINE,
)
# An item's first line: a numbered line or a bullet ("-", "–", "+", "•", "*").
BULLET = regex.compile(r"^[ \t]*[-–—•+*][ \t]*(?=\S)", regex.MULTILINE)
LINE = regex.compile(r"^.*$", regex.MULTILINE)
# Within this many characters after its label, a heading says what its block is ("2. Nhiệm vụ và chỉ tiêu cụ thể").
HEADING_REACH = 40


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Block(Span):
    """A block introducing targets; its first line (up to lead_end) may give their year."""

    lead_end: int


@cache
def objectives_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words introducing targets, and the longer phrases holding them that do not."""
    rows = read_table(HERE / "objectives_words.tsv")
    said = tuple(row["phrase"].casefold() for row in rows if row["introduces"] == "yes")
    return said, tuple(row["phrase"].casefold() for row in rows if row["introduces"] == "no")


def names_objectives(words: str) -> bool:
    said, not_said = objectives_words()
    for phrase in not_said:
        words = words.replace(phrase, " ")
    return any(phrase in words for phrase in said)


def _opens_with_objectives(words: str) -> bool:
    """ "Mục tiêu cụ thể", "Các chỉ tiêu chủ yếu", not a wrapped line that mentions objectives mid-sentence."""
    said, _ = objectives_words()
    opening = words.removeprefix("các ")
    return names_objectives(opening) and any(opening.startswith(phrase) for phrase in said)


def target_blocks(text: str) -> list[Block]:
    """Blocks introduced by a line naming the objectives, each up to the next line of its own rank or above."""
    lines = [*LINE.finditer(text)]
    blocks = []
    for index, line in enumerate(lines):
        depth = _introduces(line.group())
        if depth is None:
            continue
        following = lines[index + 1 :]
        if depth == LEAD_IN:
            depth = _list_depth(following)
        end = next((later.start() for later in following if _ends(later.group(), depth)), len(text))
        blocks.append(Block(line.start(), end, line.end()))
    return blocks


# Ranks of blocks without a numbered heading: a lead-in line ending with ":", a table's header row, a paragraph.
LEAD_IN = 0
TABLE = -1
# "Mục tiêu cụ thể: Phấn đấu …" on one line: the paragraph, with its wrapped (lowercase) lines and bullets.
PARAGRAPH = -2
PARAGRAPH_GOES_ON = regex.compile(r"^[ \t]*(?:[-–—•+*]|\p{Ll})")
# A table row's cells: tab-separated, or " | " as web pages render them.
CELL_BREAK = regex.compile(r"\t|\s\|\s?")
# An unnumbered line this short that opens with the objectives is a heading ("Mục tiêu cụ thể", "CÁC CHỈ TIÊU CHỦ
# YẾU"); a longer one is when a colon follows its opening words ("Mục tiêu cụ thể: Phấn đấu đến năm 2025 …").
SHORT_HEADING = 60
LEAD_IN_LINE = regex.compile(r"^.*:[ \t]*$", regex.MULTILINE)
# A criteria table runs to the next appendix, top-level heading, or the footnotes ("[21]" on a line of its own).
TABLE_END = regex.compile(r"^[ \t]*(?:PHỤ LỤC|[IVXLC]+\.|\[\d+\][ \t]*$)", regex.IGNORECASE)


def _introduces(line: str) -> int | None:
    """The rank of a line introducing targets, else None."""
    numbered = NUMBERED.match(line)
    words = line.casefold()
    if numbered:
        head = words[numbered.end() : numbered.end() + HEADING_REACH]
        return _depth(numbered) if names_objectives(head) else None
    cells = CELL_BREAK.split(words)
    if len(cells) > 1 and any(names_objectives(cell[:HEADING_REACH]) for cell in cells):
        return TABLE
    if line.rstrip().endswith(":") and names_objectives(words):
        return LEAD_IN
    stripped = words.strip()
    if _opens_with_objectives(stripped) and len(stripped) <= SHORT_HEADING:
        return LEAD_IN
    if _opens_with_objectives(stripped) and ":" in stripped[:HEADING_REACH]:
        return PARAGRAPH
    return None


def lead_in_lines(text: str, start: int, end: int) -> list[Span]:
    """Lines of text[start:end] ending with ":" ("a) Đến năm 2025:"), which may give the year of what follows."""
    return [Span(m.start(), m.end()) for m in LEAD_IN_LINE.finditer(text, start, end)]


def _list_depth(following: list[regex.Match[str]]) -> int:
    """A lead-in's block holds the list right after it: a numbered list down to the rank above its
    first item ("… các điều kiện sau:" then "1. …", "2. …"), other lines up to any numbered line."""
    first = next((line for line in following if line.group().strip()), None)
    numbered = NUMBERED.match(first.group()) if first else None
    return _depth(numbered) - 1 if numbered else LEAD_IN


def _ends(line: str, depth: int) -> bool:
    if depth == TABLE:
        return TABLE_END.match(line) is not None
    if depth == PARAGRAPH:
        return PARAGRAPH_GOES_ON.match(line) is None
    numbered = NUMBERED.match(line)
    return numbered is not None and (depth == LEAD_IN or _depth(numbered) <= depth)


def _depth(numbered: regex.Match[str]) -> int:
    if numbered.group("roman"):
        return 1
    number: str | None = numbered.group("number")
    if number:
        return 2 + number.count(".")
    return 4


def items(text: str, start: int, end: int) -> list[Span]:
    """Each bullet or numbered line of text[start:end] with the lines that continue it, up to the next one."""
    labels = [*BULLET.finditer(text, start, end), *NUMBERED.finditer(text, start, end)]
    starts = sorted({start, *(label.start() for label in labels)})
    spans = [(a, a + len(text[a:b].rstrip())) for a, b in zip(starts, [*starts[1:], end], strict=True)]
    return [Span(a, b) for a, b in spans if b > a]


def after_label(text: str, item: Span) -> int:
    """Where an item's words start, after its bullet or numbering."""
    label = BULLET.match(text, item.start, item.end) or NUMBERED.match(text, item.start, item.end)
    return label.end() if label else item.start
