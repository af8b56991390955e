"""The normalized text of one document, with its way back to the raw text and its repair log."""
from __future__ import annotations

from array import array
from dataclasses import dataclass

from normalize.offsets import NO_REPAIR


@dataclass(frozen=True)
class Repair:
    """One repaired span: `start`/`end` in the normalized text, `raw_start`/`raw_end` in the raw text."""

    step: str
    start: int
    end: int
    raw_start: int
    raw_end: int
    before: str
    after: str
    confidence: float


@dataclass(frozen=True)
class NormalizedText:
    raw: str
    text: str
    steps: tuple[str, ...]  # the steps that changed something, in the order they ran
    origin: array[int]  # origin[i] = raw offset of normalized character i; origin[len(text)] = len(raw)
    repair_of: array[int]  # index into `repairs` per normalized character, NO_REPAIR where untouched
    repairs: tuple[Repair, ...] = ()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Half-open raw span covering the normalized span [start, end)."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1

    def confidence(self, start: int, end: int) -> float:
        """Lowest confidence of the characters in [start, end): 1.0 where no repair touched them."""
        ids = {self.repair_of[i] for i in range(start, end)} - {NO_REPAIR}
        return min((self.repairs[i].confidence for i in ids), default=1.0)

    @property
    def repaired_chars(self) -> int:
        return sum(1 for tag in self.repair_of if tag != NO_REPAIR)
