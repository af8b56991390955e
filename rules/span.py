"""Small helpers over the normalized text that every rule family reads line by line."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One paragraph of the normalized text, with its half-open offsets (the newline excluded)."""

    start: int
    end: int
    text: str


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    """The lines of text[start:end], each with offsets into the whole text."""
    stop = len(text) if end is None else end
    position = start
    while position <= stop:
        newline = text.find("\n", position, stop)
        line_end = stop if newline == -1 else newline
        yield Line(position, line_end, text[position:line_end])
        if newline == -1:
            return
        position = newline + 1
