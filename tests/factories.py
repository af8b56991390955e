"""Small runs built from the row dataclasses, for tests that must not wait for the seed corpus."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from outputs.run.batch import write_run as write_tables_of_run
from outputs.run.publish import check_writable, new_run, swap
from outputs.run.result import DocumentResult
from outputs.schema import TABLES, DocumentRow, TextRow
from outputs.write import write_tables


def document(doc_id: str, text: str, **facts: Any) -> tuple[DocumentRow, TextRow]:
    row = DocumentRow(
        doc_id=doc_id, path=f"corpus/{doc_id}.txt", format="text", sha256=doc_id * 4, status="ok", reason=None,
        source_note=None, pages=None, chars=len(text), **facts,
    )
    return row, TextRow(doc_id=doc_id, raw_text=text, normalized_text=text)


def failed_document(doc_id: str, reason: str) -> DocumentRow:
    return DocumentRow(
        doc_id=doc_id, path=f"corpus/{doc_id}.pdf", format=None, sha256=doc_id * 4, status="failed", reason=reason,
        source_note=None, pages=None, chars=None,
    )


def finding(table: str, text: str, start: int, end: int, **values: Any) -> Any:
    """A row of `table` over text[start:end]; fields not given are None (or their default)."""
    row_class = TABLES[table].row
    given = {"start": start, "end": end, "snippet": text[start:end], "page": None, "confidence": 1.0, "ocr": False,
             "rule_id": f"{table}.test", **values}
    fields = dataclasses.fields(row_class)
    present = {k: v for k, v in given.items() if k in {f.name for f in fields}}
    missing = {f.name: None for f in fields if f.name not in given and f.default is dataclasses.MISSING}
    return row_class(**present, **missing)


def target(doc_id: str, text: str, phrase: str, **values: Any) -> Any:
    """A target row over the first occurrence of `phrase`; value given as a string becomes a Decimal."""
    start = text.index(phrase)
    if isinstance(values.get("value"), str):
        values["value"] = Decimal(values["value"])
    defaults = {"seq": 1, "subject": phrase, "comparator": ">=", "unit": "percent", "target_year": 2030}
    return finding("targets", text, start, start + len(phrase), doc_id=doc_id, **(defaults | values))


def write_run(
    out: Path, documents: Sequence[tuple[DocumentRow, TextRow | None]], rows: Mapping[str, Sequence[Any]]
) -> Path:
    """A run folder holding every table: the documents (with their texts, where read) and the finding rows."""
    tables: dict[str, list[Any]] = {
        "documents": [d for d, _ in documents],
        "texts": [t for _, t in documents if t is not None],
    }
    write_tables(tables | dict(rows), out)
    return out


def publish_document(out: Path, doc_id: str, title: str) -> None:
    """Publish the tables of one document at `out`, as a batch does."""
    row, text = document(doc_id, title)
    check_writable(out)
    run = new_run(out)
    write_tables_of_run(run, [DocumentResult(row, text)])
    swap(out, run)


SAMPLE_DOC = "0123456789abcdef"
# Long enough that the target sits below the first screen of a review page.
SAMPLE_TEXT = (
    "Mục tiêu 1: <script>alert('x')</script> & chính trị\n"
    + "".join(f"- nội dung thứ {i} của kế hoạch.\n" for i in range(150))
    + "Chỉ tiêu: Đến năm 2030 đạt 70% các cơ quan có lãnh đạo chủ chốt là nữ.\n"
    + "Thời hạn: Quý II năm 2026; Sở Nội vụ chủ trì.\n"
)


def sample_run(out: Path) -> Path:
    """One document with a goal, a target, a deadline, an assignment and a repair (some nested), and a failed one."""
    text = SAMPLE_TEXT
    doc, text_row = document(SAMPLE_DOC, text, province="Lai Châu", admin_level="province", title="KẾ HOẠCH <b>thử</b>")
    goal_end = text.index("\n", text.index("Chỉ tiêu"))
    at = text.index
    rows = {
        "goals": [finding("goals", text, 0, goal_end, doc_id=SAMPLE_DOC, goal_no=1, domain="politics",
                          heading="chính trị")],
        "targets": [target(SAMPLE_DOC, text, "đạt 70%", value="70", goal_no=1, indicator_key="women_key_leaders")],
        "deadlines": [finding("deadlines", text, at("Quý II"), at("2026;") + 4, doc_id=SAMPLE_DOC, kind="quarter")],
        "assignments": [finding("assignments", text, at("Sở Nội vụ"), at(" chủ trì"), doc_id=SAMPLE_DOC,
                                agency="Sở Nội vụ", agency_key="home_affairs", role="lead")],
        "repairs": [finding("repairs", text, at("70%"), at("70%") + 3, doc_id=SAMPLE_DOC, step="glyphs",
                            raw_start=0, raw_end=2, before="7O", after="70%", low_confidence=True, confidence=0.6)],
    }
    return write_run(out, [(doc, text_row), (failed_document("fedcba9876543210", "not a PDF"), None)], rows)
