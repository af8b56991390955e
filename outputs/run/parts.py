"""A run's rows as its documents finish: every table but `documents` written in parts of a few
documents each into the run's dataset (outputs/dataset.py), so that no process holds the rows of the
whole corpus; at the end the `documents` table, and every other table streamed from its parts into the
single file users know. Both engines write a run this way: the local one in the command, the Dask one on
its workers, chunk by chunk.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from outputs.compare import build_comparison
from outputs.dataset import compact, partition_of_documents, write_part
from outputs.run.result import DocumentResult
from outputs.schema import TABLES, DocumentRow, arrow_schema
from outputs.write import in_key_order, table_writer, to_arrow

DATASET = "dataset"
# Documents per part written by the local engine: few parts, and little held between two of them.
PART_DOCUMENTS = 16
# Documents rows the client turns into Arrow at a time when it writes the documents table.
DOCUMENT_ROWS = 500


def part_name(number: int) -> str:
    return f"part-{number:06d}"


def write_rows(results: Sequence[DocumentResult], dataset: Path, part: str) -> None:
    """Every table but `documents` (written at the end, with what only the whole run knows: duplicates,
    unread files)."""
    rows: dict[str, list[Any]] = {name: [] for name in TABLES}
    for result in results:
        if result.text is not None:
            rows["texts"].append(result.text)
        for name, found in result.findings.items():
            rows[name].extend(found)
    documents = [result.document for result in results]
    rows["comparison"] = list(build_comparison(rows["targets"], documents))
    partition = partition_of_documents(to_arrow(TABLES["documents"], documents))
    for name in TABLES:
        if name != "documents":
            write_part(to_arrow(TABLES[name], rows[name]), partition, dataset / name, part)


class PartWriter:
    """Results in, parts out every PART_DOCUMENTS documents; only the documents rows are kept."""

    def __init__(self, dataset: Path) -> None:
        self._dataset = dataset
        self._pending: list[DocumentResult] = []
        self._parts = 0

    def add(self, result: DocumentResult) -> DocumentRow:
        self._pending.append(result)
        if len(self._pending) >= PART_DOCUMENTS:
            self.flush()
        return result.document

    def flush(self) -> None:
        if self._pending:
            write_rows(self._pending, self._dataset, part_name(self._parts))
            self._parts += 1
            self._pending = []


def finish(run: Path, documents: list[DocumentRow]) -> dict[str, int]:
    """The documents table (file and dataset parts), then every other table compacted from its parts;
    the number of rows of each."""
    rows = {"documents": _write_documents(run, documents)}
    for name in TABLES:
        if name != "documents":
            rows[name] = compact(run / DATASET, name, run / f"{name}.parquet")
    return rows


def _write_documents(run: Path, documents: list[DocumentRow]) -> int:
    """In order of the whole table, DOCUMENT_ROWS rows converted at a time: converting 4,000 rows at
    once took 27 MB."""
    spec = TABLES["documents"]
    ordered = in_key_order(spec, documents)
    with table_writer(run / "documents.parquet", arrow_schema(spec)) as writer:
        # One slice even without rows, so that the dataset has the table's folder.
        for first in range(0, max(len(ordered), 1), DOCUMENT_ROWS):
            table = to_arrow(spec, ordered[first:first + DOCUMENT_ROWS])
            writer.write_table(table)
            part = f"part-documents-{first // DOCUMENT_ROWS:06d}"
            write_part(table, partition_of_documents(table), run / DATASET / "documents", part)
    return len(ordered)
