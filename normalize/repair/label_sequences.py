"""Lost digits of numbering sequences, pinned by their neighbours.

An outline label that lost its digit ("�. Mục tiêu cụ thể") sits between "1. Mục tiêu tổng quát"
and "2.1. Mục tiêu 1": the previous label says 2 (its successor), the next one says 2 (its parent).
A numbered list ("Chỉ tiêu 1:", "Chỉ tiêu �:") counts up from 1 under each outline label. A lost digit
is pinned only when every neighbour that says something says the same; otherwise it stays flagged.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import regex

from extract.marks import UNKNOWN
from normalize.offsets import Edit, applied

PINNED_BY_BOTH_CONFIDENCE = 0.9  # the previous and the next label agree
PINNED_BY_ONE_CONFIDENCE = 0.7  # one neighbour decides, the other says nothing
# A table row's label may be bold ("<b>3</b>\t").
_OUTLINE_LABEL = regex.compile(
    rf"^ *(?:<b>)?(?P<label>[\d{UNKNOWN}]+(?:\.[\d{UNKNOWN}]+)*)(?:</b>)?(?:[.)](?: |$)|\.?\t)",
    regex.MULTILINE,
)
# Roman headings ("II. NHIỆM VỤ", "<b>II</b>\t") restart the arabic outline below them, and so do a legal
# text's parts, chapters, sections and articles ("Điều 8. Thanh toán", "Chương II"), whose clauses count from
# 1 again; "Mục" and "Phần" only with their number, as "Mục tiêu" opens many lines of a plan.
_HEADING = regex.compile(
    rf"^ *(?:<b>)?(?:[IVXL]+(?:</b>)?(?:\. |\t)|(?i:điều|chương|mục|phần)[ \t]+[\d{UNKNOWN}IVXL]+(?![\p{{L}}\p{{N}}]))",
    regex.MULTILINE,
)
_LIST_ITEM = regex.compile(rf"^[ \t]*[-+]?[ \t]*Chỉ tiêu (?P<label>[\d{UNKNOWN}]+)[:.]", regex.MULTILINE)


@dataclass
class _Label:
    start: int  # where the label's text starts in the document
    parts: list[str]  # its numbers, as written ("2", "�", "1")

    @property
    def known(self) -> list[int] | None:
        return None if any(UNKNOWN in part for part in self.parts) else [int(part) for part in self.parts]

    def fits(self, numbers: list[int]) -> bool:
        """Whether `numbers` keep the label's length and its visible digits."""
        return len(numbers) == len(self.parts) and all(
            len(str(number)) == len(part)
            and all(w in (UNKNOWN, d) for w, d in zip(part, str(number), strict=True))
            for number, part in zip(numbers, self.parts, strict=True)
        )


_BOUNDARY = None  # a heading that restarts the numbering below it (or the start of the document)
_Sequence = list["_Label | None"]


def pin_label_sequences(text: str, edits: list[Edit]) -> list[Edit]:
    """`edits` (each the same length as what it replaces) with the lost digits of labels pinned."""
    restored = applied(text, edits)
    pinned: dict[int, tuple[str, float]] = {}
    outline = list(_outline(restored))
    for sequence in [outline, *_lists(restored, outline)]:
        pinned |= _pin(sequence)
    return [_with_pins(edit, pinned) for edit in edits] if pinned else edits


def _outline(text: str) -> Iterator[_Label | None]:
    found: list[tuple[int, _Label | None]] = [(match.start(), _BOUNDARY) for match in _HEADING.finditer(text)]
    found += [(match.start("label"), _label(match)) for match in _OUTLINE_LABEL.finditer(text)]
    yield _BOUNDARY
    yield from (label for _, label in sorted(found, key=lambda item: item[0]))


def _lists(text: str, outline: _Sequence) -> Iterator[_Sequence]:
    """The "Chỉ tiêu N" items between consecutive outline labels: each run counts from 1."""
    starts = sorted(label.start for label in outline if label is not None)
    items = [_label(match) for match in _LIST_ITEM.finditer(text)]
    for low, high in zip([-1, *starts], [*starts, len(text)], strict=True):
        run = [item for item in items if low < item.start < high]
        if run:
            yield [_BOUNDARY, *run]


def _label(match: regex.Match[str]) -> _Label:
    return _Label(match.start("label"), match.group("label").split("."))


def _pin(sequence: _Sequence) -> dict[int, tuple[str, float]]:
    """Positions of lost digits → (the digit, confidence), repeated until no more labels can be decided."""
    pinned: dict[int, tuple[str, float]] = {}
    progress = True
    while progress:
        progress = False
        for index, label in enumerate(sequence):
            if label is None or label.known is not None:
                continue
            decided = _decided(sequence, index)
            if decided is None:
                continue
            numbers, confidence = decided
            pinned |= {position: (digit, confidence) for position, digit in _positions(label, numbers).items()}
            label.parts = [str(number) for number in numbers]
            progress = True
    return pinned


def _decided(sequence: _Sequence, index: int) -> tuple[list[int], float] | None:
    """The numbers the neighbours of `sequence[index]` agree on, if any say anything and they fit, and how
    sure that is."""
    label = sequence[index]
    assert label is not None and index > 0  # every sequence opens with a boundary
    depth = len(label.parts)
    previous = sequence[index - 1]
    following = sequence[index + 1] if index + 1 < len(sequence) else _BOUNDARY
    said = [s for s in (_after(previous, depth), _before(following, depth)) if s is not None]
    if not said or any(s != said[0] for s in said) or not label.fits(said[0]):
        return None
    return said[0], PINNED_BY_BOTH_CONFIDENCE if len(said) == 2 else PINNED_BY_ONE_CONFIDENCE


def _after(previous: _Label | None, depth: int) -> list[int] | None:
    """What a label of `depth` right after `previous` (None: a heading, or the start) must be."""
    if previous is None:
        return [1] if depth == 1 else None
    known = previous.known
    if known is None or len(known) < depth - 1:
        return None
    if len(known) == depth - 1:
        return [*known, 1]  # the first child
    return [*known[: depth - 1], known[depth - 1] + 1]  # the next sibling of it or of its ancestor


def _before(following: _Label | None, depth: int) -> list[int] | None:
    """What a label of `depth` right before `following` must be."""
    known = following.known if following is not None else None
    if known is None or len(known) < depth or (len(known) == depth and known[-1] < 2):
        return None
    return known[:depth] if len(known) > depth else [*known[:-1], known[-1] - 1]


def _positions(label: _Label, numbers: list[int]) -> dict[int, str]:
    pinned: dict[int, str] = {}
    offset = label.start
    for part, number in zip(label.parts, numbers, strict=True):
        written = enumerate(zip(part, str(number), strict=True))
        pinned |= {offset + i: digit for i, (w, digit) in written if w == UNKNOWN}
        offset += len(part) + 1
    return pinned


def _with_pins(edit: Edit, pinned: dict[int, tuple[str, float]]) -> Edit:
    here = {position: pin for position, pin in pinned.items() if edit.start <= position < edit.end}
    if not here:
        return edit
    replacement = "".join(here[edit.start + i][0] if edit.start + i in here else char
                          for i, char in enumerate(edit.replacement))
    confidence = 0.0 if UNKNOWN in replacement else min(confidence for _, confidence in here.values())
    return replace(edit, replacement=replacement, confidence=confidence)
