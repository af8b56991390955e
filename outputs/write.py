"""Rows → Parquet, one file per table, each replaced atomically."""
from __future__ import annotations

import contextlib
import dataclasses
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from outputs.schema import TABLES, TableSpec, arrow_schema

FILE_MODE = 0o666
FOLDER_MODE = 0o777


def _sort_key(values: Iterable[Any]) -> tuple[Any, ...]:
    # None sorts first and never meets a value of another type in the comparison
    return tuple((value is not None, value if value is not None else 0) for value in values)


def to_arrow(spec: TableSpec, rows: Sequence[Any]) -> pa.Table:
    """Rows of `spec.row`, sorted by primary key so that identical inputs give identical files."""
    names = [f.name for f in dataclasses.fields(spec.row)]
    records = [{name: getattr(row, name) for name in names} for row in in_key_order(spec, rows)]
    return pa.Table.from_pylist(records, schema=arrow_schema(spec))


def in_key_order(spec: TableSpec, rows: Iterable[Any]) -> list[Any]:
    """The rows as `to_arrow` orders them (stable: rows with the same key keep their order)."""
    return sorted(rows, key=lambda row: _sort_key(getattr(row, k) for k in spec.primary_key))


def readable_mode() -> int:
    """The mode a new file gets from the umask: temporary files are created 0600, which would keep
    colleagues on a shared machine from reading the tables."""
    return FILE_MODE & ~_umask()


def folder_mode() -> int:
    return FOLDER_MODE & ~_umask()


def _umask() -> int:
    """Linux states it in /proc; elsewhere reading it means setting it for a moment."""
    try:
        status = Path("/proc/self/status").read_text()
        return next(int(line.split()[1], 8) for line in status.splitlines() if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        current = os.umask(0o022)
        os.umask(current)
        return current


def write_table(table: pa.Table, path: Path) -> None:
    with table_writer(path, table.schema) as writer:
        writer.write_table(table)


@contextlib.contextmanager
def table_writer(path: Path, schema: pa.Schema) -> Iterator[pq.ParquetWriter]:
    """Writes to a temporary file beside `path`, then replaces it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        with pq.ParquetWriter(temporary, schema, compression="zstd") as writer:
            yield writer
        os.chmod(temporary, readable_mode())
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
