"""What one document gives: its rows of every table (`DocumentResult`), and what the corpus manifest says of it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from outputs.schema import DocumentRow, TextRow


@dataclass(frozen=True)
class DocumentResult:
    document: DocumentRow
    text: TextRow | None = None
    findings: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.document.status == "failed"


@dataclass(frozen=True)
class ManifestFacts:
    """What corpus/manifest.csv says of a file: used only where the document itself is silent."""

    province: str | None = None
    district: str | None = None
    admin_level: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    note: str | None = None
