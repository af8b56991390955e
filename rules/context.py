"""What every rule family reads: the normalized text with the document's metadata and outline."""
from __future__ import annotations

from dataclasses import dataclass

from rules.findings import DocumentMeta, Section


@dataclass(frozen=True)
class Context:
    text: str
    meta: DocumentMeta
    sections: tuple[Section, ...]

    def sections_matching(self, predicate) -> tuple[Section, ...]:  # type: ignore[no-untyped-def]
        return tuple(s for s in self.sections if predicate(s))
