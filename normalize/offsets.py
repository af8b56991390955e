"""Edits and the offset bookkeeping that lets every normalized character point back to the raw text."""
from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

NO_REPAIR = -1


@dataclass(frozen=True)
class Edit:
    """Replace `text[start:end]` by `replacement`.

    A `confidence` marks the edit as a repair (a guess about what the source said); edits without
    one are deterministic rewrites (NFC, whitespace) and are not logged as repairs.
    """

    start: int
    end: int
    replacement: str
    confidence: float | None = None


@dataclass(frozen=True)
class AppliedEdits:
    text: str
    origin: array[int]  # origin[i] = index in the input of output character i; origin[len(text)] = len(input)
    repair_of: array[int]  # index into `repairs` for output characters written by a repair, else NO_REPAIR
    repairs: tuple[tuple[Edit, str], ...]  # (edit, the input text it replaced)


def apply_edits(text: str, edits: Iterable[Edit]) -> AppliedEdits:
    """Apply sorted, non-overlapping edits; raises ValueError on overlap (a bug in the step)."""
    pieces: list[str] = []
    origin = array("l")
    repair_of = array("l")
    repairs: list[tuple[Edit, str]] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit {edit!r}")
        _copy(text, cursor, edit.start, pieces, origin, repair_of)
        tag = NO_REPAIR
        if edit.confidence is not None:
            tag = len(repairs)
            repairs.append((edit, text[edit.start : edit.end]))
        pieces.append(edit.replacement)
        last = max(edit.end - 1, edit.start)
        origin.extend(min(edit.start + i, last) for i in range(len(edit.replacement)))
        repair_of.extend([tag] * len(edit.replacement))
        cursor = edit.end
    _copy(text, cursor, len(text), pieces, origin, repair_of)
    origin.append(len(text))
    return AppliedEdits("".join(pieces), origin, repair_of, tuple(repairs))


def _copy(text: str, start: int, end: int, pieces: list[str], origin: array[int], repair_of: array[int]) -> None:
    pieces.append(text[start:end])
    origin.extend(range(start, end))
    repair_of.extend([NO_REPAIR] * (end - start))


def compose(outer: array[int], inner: array[int]) -> array[int]:
    """Map through two steps: `inner` maps step output → step input, `outer` maps step input → raw."""
    return array("l", (outer[i] for i in inner))


def applied(text: str, edits: list[Edit]) -> str:
    """`text` with `edits` made, each the same length as what it replaces."""
    chars = list(text)
    for edit in edits:
        chars[edit.start : edit.end] = edit.replacement
    return "".join(chars)
