"""Row dataclasses of every output table and the pyarrow schemas derived from them.

A finding table's row is the rule family's finding plus `Provenance`; the column descriptions come
from the dataclass field metadata, and vocabulary columns are dictionary-encoded.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pyarrow as pa

from outputs.compare import ComparisonRow
from outputs.provenance import Provenance
from rules.findings import (
    Assignment,
    Deadline,
    DocumentMeta,
    Finding,
    Goal,
    Reference,
    Section,
    Target,
    Task,
    col,
)

SCHEMA_VERSION = "2"  # 2: references.title, assignments.agency_level
# The tables of rule findings, each row pointing into the normalized text.
FINDING_TABLES = ("sections", "goals", "targets", "tasks", "deadlines", "assignments", "references")
DECIMAL = pa.decimal128(18, 6)


@dataclass(frozen=True, kw_only=True)
class DocumentRow(DocumentMeta):
    doc_id: str = col("first 16 hex digits of the sha256 of the source file")
    path: str = col("path of the source file as given to the run")
    format: str | None = col("format detected from the content", vocab="format")
    sha256: str = col("sha256 of the source file")
    status: str = col("ok, partial (read with gaps) or failed", vocab="status")
    reason: str | None = col("one line: why the document failed or is partial")
    source_note: str | None = col("what the document is, from corpus/manifest.csv")
    pages: int | None = col("number of pages (null for text input)")
    chars: int | None = col("length of the normalized text")
    normalize_steps: tuple[str, ...] = col("normalize steps that changed the text, in order", default=())
    repaired_chars: int = col("characters written by repair steps", default=0)
    ocr_pages: tuple[int, ...] = col("pages whose text came from OCR", default=())


@dataclass(frozen=True, kw_only=True)
class TextRow:
    doc_id: str = col("first 16 hex digits of the sha256 of the source file")
    raw_text: str = col("text as extracted, before normalization")
    normalized_text: str = col("normalized text: what every start/end offset points into")


@dataclass(frozen=True, kw_only=True)
class RepairRow(Finding, Provenance):
    step: str = col("normalize step that made the repair")
    raw_start: int = col("start of the repaired span in texts.raw_text")
    raw_end: int = col("end of the repaired span in texts.raw_text")
    before: str = col("the text as the step found it")
    after: str = col("the text the step wrote")
    low_confidence: bool = col("true where a reviewer should check the repair")


def _row_class(finding: type[Finding]) -> type:
    return dataclasses.make_dataclass(
        f"{finding.__name__}Row", [], bases=(finding, Provenance), frozen=True, kw_only=True
    )


@dataclass(frozen=True)
class TableSpec:
    name: str
    row: type
    primary_key: tuple[str, ...]
    description: str


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("documents", DocumentRow, ("doc_id",), "one row per input file, with its metadata and status"),
        TableSpec("texts", TextRow, ("doc_id",), "raw and normalized text of each document"),
        TableSpec("sections", _row_class(Section), ("doc_id", "section_id"), "outline nodes"),
        TableSpec("goals", _row_class(Goal), ("doc_id", "start"), "goals (Mục tiêu)"),
        TableSpec(
            "targets", _row_class(Target), ("doc_id", "start", "seq"), "numeric thresholds and qualitative indicators"
        ),
        TableSpec(
            "deadlines",
            _row_class(Deadline),
            ("doc_id", "start", "end", "subject_ref"),
            "deadlines and time expressions",
        ),
        TableSpec(
            "assignments",
            _row_class(Assignment),
            ("doc_id", "start", "agency", "role", "goal_no", "target_no", "task_id"),
            "agency ↔ goal/indicator/task links",
        ),
        TableSpec("tasks", _row_class(Task), ("doc_id", "task_id"), "numbered tasks of task tables"),
        TableSpec("references", _row_class(Reference), ("doc_id", "start"), "cited documents"),
        TableSpec("repairs", RepairRow, ("doc_id", "start"), "repaired spans of the normalized text"),
        TableSpec(
            "comparison",
            ComparisonRow,
            ("indicator_key", "doc_id"),
            "each document's threshold for a national indicator beside the national target",
        ),
    )
}

_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int32(),
    float: pa.float64(),
    bool: pa.bool_(),
    Decimal: DECIMAL,
    date: pa.date32(),
}


def arrow_type(annotation: Any, vocab: str | None) -> tuple[pa.DataType, bool]:
    """pyarrow type of a field annotation, and whether it is nullable."""
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        inner = next(a for a in args if a is not type(None))
        return arrow_type(inner, vocab)[0], True
    if typing.get_origin(annotation) is tuple:
        # named "element" as Parquet names list items, so a schema read back equals the declared one
        return pa.list_(pa.field("element", _SCALARS[args[0]])), False
    if vocab:
        return pa.dictionary(pa.int32(), pa.string()), False
    return _SCALARS[annotation], False


def arrow_schema(spec: TableSpec) -> pa.Schema:
    hints = typing.get_type_hints(spec.row)
    fields = []
    for field in dataclasses.fields(spec.row):
        data_type, nullable = arrow_type(hints[field.name], field.metadata.get("vocab"))
        metadata = {"description": field.metadata.get("doc", "")}
        if "vocab" in field.metadata:
            metadata["vocabulary"] = field.metadata["vocab"]
        fields.append(pa.field(field.name, data_type, nullable=nullable, metadata=metadata))
    table_metadata = {
        "table": spec.name,
        "description": spec.description,
        "primary_key": json.dumps(list(spec.primary_key)),
        "schema_version": SCHEMA_VERSION,
    }
    return pa.schema(fields, metadata=table_metadata)
