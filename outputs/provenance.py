"""The columns that let a reviewer find every finding in its source."""

from __future__ import annotations

from dataclasses import dataclass

from rules.findings import col


@dataclass(frozen=True, kw_only=True)
class Provenance:
    doc_id: str = col("first 16 hex digits of the sha256 of the source file")
    page: int | None = col("page of the source holding the first character (null for text input)")
    snippet: str = col("texts.normalized_text[start:end], verbatim")
    confidence: float = col("lowest confidence of the characters used (1.0 unless repaired text was read)")
    ocr: bool = col("true where the text was read by OCR from a page without a text layer")
