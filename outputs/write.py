"""Rows → Parquet, one file per table, each replaced atomically."""
from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from outputs.schema import TABLES, TableSpec, arrow_schema


def _sort_key(values: Iterable[Any]) -> tuple[Any, ...]:
    # None sorts first and never meets a value of another type in the comparison
    return tuple((value is not None, value if value is not None else 0) for value in values)


def to_arrow(spec: TableSpec, rows: Sequence[Any]) -> pa.Table:
    """Rows of `spec.row`, sorted by primary key so that identical inputs give identical files."""
    names = [f.name for f in dataclasses.fields(spec.row)]
    records = sorted(
        ({name: getattr(row, name) for name in names} for row in rows),
        key=lambda record: _sort_key(record[k] for k in spec.primary_key),
    )
    return pa.Table.from_pylist(records, schema=arrow_schema(spec))


def write_table(table: pa.Table, path: Path) -> None:
    """Write to a temporary file beside `path`, then replace it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        pq.write_table(table, temporary, compression="zstd")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_tables(rows_by_table: Mapping[str, Sequence[Any]], out_dir: Path) -> list[Path]:
    """Convert every table first, so that a bad row fails the run before any file is replaced."""
    tables = {name: to_arrow(TABLES[name], rows_by_table.get(name, ())) for name in TABLES}
    written = []
    for name, table in tables.items():
        path = out_dir / f"{name}.parquet"
        write_table(table, path)
        written.append(path)
    return written
