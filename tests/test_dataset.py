"""Writing a run's dataset parts and its single files with memory that does not grow with the corpus."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from outputs.dataset import partition_of_documents, read_table_dataset, write_part
from outputs.run import parts
from outputs.schema import TABLES
from outputs.write import to_arrow
from tests.factories import document

PROVINCES = ("Hà Nội", None, "Lai Châu", "Hà Nội", None)


def _documents() -> list[Any]:
    return [
        document(f"{number:016x}", f"Kế hoạch {number}.", province=province, issue_year=2025 if province else None)[0]
        for number, province in enumerate(PROVINCES)
    ]


def test_a_part_is_written_on_the_calling_thread_in_pyarrows_layout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    # pyarrow's dataset writer encodes on threads of its own, whose freed memory stays with them.
    monkeypatch.setattr(ds, "write_dataset", _refused)
    table = to_arrow(TABLES["documents"], _documents())
    write_part(table, partition_of_documents(table), tmp_path / "documents", "part-000007")
    assert sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*.parquet")) == [
        "documents/province=H%C3%A0%20N%E1%BB%99i/year=2025/part-000007-0.parquet",
        "documents/province=Lai%20Ch%C3%A2u/year=2025/part-000007-2.parquet",
        "documents/province=__HIVE_DEFAULT_PARTITION__/year=__HIVE_DEFAULT_PARTITION__/part-000007-1.parquet",
    ]
    read = read_table_dataset(tmp_path, "documents").to_table()
    assert sorted(read["doc_id"].to_pylist()) == table["doc_id"].to_pylist()
    assert read.select(["doc_id", "province"]).to_pylist()[:2] == [
        {"doc_id": f"{0:016x}", "province": "Hà Nội"}, {"doc_id": f"{3:016x}", "province": "Hà Nội"}
    ]


def _refused(*args: object, **kwargs: object) -> None:
    raise AssertionError("pyarrow.dataset.write_dataset was called")


def test_the_documents_table_is_converted_a_few_rows_at_a_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    converted: list[int] = []

    def to_arrow_counted(spec: Any, rows: Any) -> pa.Table:
        converted.append(len(rows))
        return to_arrow(spec, rows)

    monkeypatch.setattr(parts, "DOCUMENT_ROWS", 2)
    monkeypatch.setattr(parts, "to_arrow", to_arrow_counted)
    documents = _documents()[::-1]
    assert parts.finish(tmp_path, documents)["documents"] == len(documents)
    assert max(converted) == 2
    whole = to_arrow(TABLES["documents"], documents)
    assert pq.read_table(tmp_path / "documents.parquet").equals(whole)
    in_dataset = read_table_dataset(tmp_path / parts.DATASET, "documents").to_table()
    assert sorted(in_dataset["doc_id"].to_pylist()) == whole["doc_id"].to_pylist()
