"""One document through every stage: path → rows of every table. Pure: no files written here."""
from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import rules.pipeline
from extract import extract
from extract.document import ExtractedDocument
from extract.errors import ExtractionError
from normalize import NormalizedText, Step, normalize
from outputs.run.language import flag_language
from outputs.run.result import DocumentResult, ManifestFacts
from outputs.schema import FINDING_TABLES, TABLES, DocumentRow, RepairRow, TextRow
from rules.findings import DocumentMeta, Finding

LOW_CONFIDENCE = 0.8


def process(path: Path, facts: ManifestFacts | None = None, steps: Sequence[Step] | None = None) -> DocumentResult:
    """Everything that happens to one document. Never raises but MemoryError (the limits report it): an
    unreadable file gives a failed `documents` row with the reason, and so does anything unexpected."""
    facts = facts or ManifestFacts()
    try:
        return flag_language(_read(path, facts, steps))
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - the reason is reported in the documents table
        first_line = (str(error).splitlines() or [""])[0]
        return failed(path, f"internal error ({type(error).__name__}): {first_line}", facts)


def _read(path: Path, facts: ManifestFacts, steps: Sequence[Step] | None) -> DocumentResult:
    try:
        document = extract(path)
    except ExtractionError as error:
        return failed(path, error.reason, facts)
    normalized = normalize(document.text, steps)
    findings = rules.pipeline.run(normalized.text)
    rows = {name: tuple(_finding_rows(name, getattr(findings, name), document, normalized)) for name in FINDING_TABLES}
    rows["repairs"] = tuple(_repair_rows(document, normalized))
    return DocumentResult(
        document=_document_row(document, normalized, findings.meta, facts),
        text=TextRow(doc_id=document.doc_id, raw_text=document.text, normalized_text=normalized.text),
        findings=rows,
    )


# Exercises every rule family once, so that their lazily built tables and patterns exist before
# the batch forks one process per document.
WARM_UP_TEXT = """KẾ HOẠCH
II. MỤC TIÊU
1. Mục tiêu 1: Trong lĩnh vực chính trị
- Chỉ tiêu 1: đạt 50% vào năm 2030, Nghị quyết số 28/NQ-CP ngày 03/3/2021.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ
Chủ trì theo dõi chỉ tiêu 1 của mục tiêu 1; báo cáo trước ngày 10/12 hàng năm.
1\tRà soát văn bản\tSở Tư pháp\tCác sở, ban, ngành\tQuý II năm 2026"""


def warm_up(steps: Sequence[Step] | None = None) -> None:
    rules.pipeline.run(normalize(WARM_UP_TEXT, steps).text)


def failed(path: Path, reason: str, facts: ManifestFacts) -> DocumentResult:
    digest = _sha256(path)
    return DocumentResult(
        DocumentRow(
            doc_id=digest[:16],
            path=str(path),
            format=None,
            sha256=digest,
            status="failed",
            reason=reason,
            source_note=facts.note,
            pages=None,
            chars=None,
        )
    )


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return hashlib.sha256(str(path).encode()).hexdigest()


def _provenance(document: ExtractedDocument, normalized: NormalizedText, start: int, end: int) -> dict[str, Any]:
    page = document.page_at(normalized.raw_span(start, end)[0])
    return {
        "doc_id": document.doc_id,
        "page": page,
        "ocr": page in document.ocr_pages,
        "snippet": normalized.text[start:end],
        "confidence": normalized.confidence(start, end),
    }


def _finding_rows(table: str, found: Sequence[Finding], document: ExtractedDocument, normalized: NormalizedText):  # type: ignore[no-untyped-def]
    row_class = TABLES[table].row
    for finding in found:
        values = {f.name: getattr(finding, f.name) for f in dataclasses.fields(finding)}
        yield row_class(**values, **_provenance(document, normalized, finding.start, finding.end))


def _repair_rows(document: ExtractedDocument, normalized: NormalizedText):  # type: ignore[no-untyped-def]
    for repair in normalized.repairs:
        yield RepairRow(
            **_provenance(document, normalized, repair.start, repair.end),
            start=repair.start,
            end=repair.end,
            rule_id=f"normalize.{repair.step}",
            step=repair.step,
            raw_start=repair.raw_start,
            raw_end=repair.raw_end,
            before=repair.before,
            after=repair.after,
            low_confidence=repair.confidence < LOW_CONFIDENCE,
        )


def _document_row(
    document: ExtractedDocument, normalized: NormalizedText, meta: DocumentMeta, facts: ManifestFacts
) -> DocumentRow:
    found = {f.name: getattr(meta, f.name) for f in dataclasses.fields(DocumentMeta)}
    for name in ("province", "district", "admin_level", "period_start", "period_end"):
        if found[name] is None:
            found[name] = getattr(facts, name)
    status, reason = _status(document)
    return DocumentRow(
        **found,
        doc_id=document.doc_id,
        path=document.path,
        format=document.format,
        sha256=document.sha256,
        status=status,
        reason=reason,
        source_note=facts.note,
        pages=len(document.pages) or None,
        chars=len(normalized.text),
        normalize_steps=normalized.steps,
        repaired_chars=normalized.repaired_chars,
        ocr_pages=document.ocr_pages,
    )


def _status(document: ExtractedDocument) -> tuple[str, str | None]:
    if not document.text.strip():
        return "failed", "no text could be read from the document"
    if document.warnings:
        return "partial", "; ".join(document.warnings)
    return "ok", None
