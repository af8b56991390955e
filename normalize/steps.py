"""Named normalization steps. A step is a callable `text -> list[Edit]` with a `name`."""
from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Protocol

import regex

from normalize.offsets import Edit

TABLES = Path(__file__).parent / "tables"


class Step(Protocol):
    name: str

    def __call__(self, text: str) -> list[Edit]: ...


class NamedStep:
    """A step made from a plain function, so every step in the pipeline has a name to record."""

    def __init__(self, name: str, function: Callable[[str], list[Edit]]) -> None:
        self.name = name
        self.function = function

    def __call__(self, text: str) -> list[Edit]:
        return self.function(text)

    def __repr__(self) -> str:
        return f"<step {self.name}>"


def step(name: str) -> Callable[[Callable[[str], list[Edit]]], NamedStep]:
    return lambda function: NamedStep(name, function)


# A base character and the combining marks after it: the unit NFC composes within. Runs of marks are
# cut every 30 (Unicode's stream-safe bound; real text has at most 3): reordering a run costs its square
# (100,000 marks took 11 s).
MAX_MARKS = 30
_CLUSTER = regex.compile(rf"\P{{M}}\p{{M}}{{1,{MAX_MARKS}}}|\p{{M}}{{1,{MAX_MARKS}}}")


@step("nfc")
def nfc(text: str) -> list[Edit]:
    """Compose decomposed Vietnamese (e.g. 'e' + U+0302 + U+0301 → 'ế')."""
    edits = []
    for match in _CLUSTER.finditer(text):
        composed = unicodedata.normalize("NFC", match.group())
        if composed != match.group():
            edits.append(Edit(match.start(), match.end(), composed))
    return edits


@cache
def _lookalikes() -> dict[str, str]:
    with open(TABLES / "lookalikes.tsv", encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {chr(int(row["codepoint"], 16)): row["replacement"] for row in rows}


@step("lookalikes")
def lookalikes(text: str) -> list[Edit]:
    """Letters that look Vietnamese but are not (Icelandic Ð for Đ), and invisible characters."""
    table = _lookalikes()
    return [Edit(i, i + 1, table[char]) for i, char in enumerate(text) if char in table]


_TRAILING_OR_LEADING_SPACE = regex.compile(r"[ \p{Zs}]+(?=\r?\n|$)|(?<=^|\n)[ \p{Zs}]+", regex.MULTILINE)
_SPACE_RUN = regex.compile(r"(?<=\S)[ \p{Zs}]+(?=\S)")


@step("spaces")
def spaces(text: str) -> list[Edit]:
    """Trim spaces at line ends and starts, and fold runs of spaces inside a line into one."""
    found = [Edit(m.start(), m.end(), "") for m in _TRAILING_OR_LEADING_SPACE.finditer(text)]
    found += [Edit(m.start(), m.end(), " ") for m in _SPACE_RUN.finditer(text) if m.group() != " "]
    return _merge_touching(found)


def _merge_touching(edits: list[Edit]) -> list[Edit]:
    merged: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if merged and edit.start < merged[-1].end:
            continue
        merged.append(edit)
    return merged


_BLANK_LINES = regex.compile(r"\A(?:\r?\n)+|(?:\r?\n)+\Z|(?:\r?\n){2,}|\r\n")


@step("blank_lines")
def blank_lines(text: str) -> list[Edit]:
    """One paragraph per line: exports put a blank line after every line, which carries nothing."""
    return [
        Edit(m.start(), m.end(), "" if m.start() == 0 or m.end() == len(text) else "\n")
        for m in _BLANK_LINES.finditer(text)
    ]


# A line break inside a sentence: the next line starts with a lowercase letter that is not a list
# label such as "a)" or "b.".
_WRAPPED_LINE = regex.compile(r"\n(?=\p{Ll})(?!\p{Ll}[).]\s)")


@step("line_joins")
def line_joins(text: str) -> list[Edit]:
    """Join lines that a PDF or DOCX export wrapped mid-sentence."""
    return [Edit(m.start(), m.end(), " ") for m in _WRAPPED_LINE.finditer(text)]
