"""The tables as one Parquet dataset partitioned by province and year, for engines that outgrow a file per table.

`<dataset>/<table>/province=…/year=…/<part>.parquet`: each writer (a Dask worker, a batch of documents)
adds its own part files, every file appears whole (written beside, then renamed), and
`pyarrow.dataset` or DuckDB (`read_parquet('<dataset>/targets/**/*.parquet', hive_partitioning=true)`)
read a table's folder as one table. `compact` streams a table's folder back into the single file users
know, one row group at a time.
"""
from __future__ import annotations

import functools
import operator
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from outputs.schema import TABLES, arrow_schema
from outputs.write import readable_mode, table_writer

PARTITIONS = ("province", "year")
# A compacted table's row group is written when it reaches either bound: its size bounds the memory
# of compaction whatever the corpus (texts rows are long, findings rows short).
ROW_GROUP_ROWS = 50_000
ROW_GROUP_BYTES = 1 << 20


def partition_of_documents(documents: pa.Table) -> pa.Table:
    """doc_id → province, year (the issue year, else the first year of the period)."""
    year = pc.coalesce(documents["issue_year"], documents["period_start"])
    return pa.table({"doc_id": documents["doc_id"], "province": documents["province"], "year": year})


def _partition_fields() -> list[pa.Field]:
    documents = arrow_schema(TABLES["documents"])
    return [pa.field("province", pa.string()), pa.field("year", documents.field("issue_year").type)]


def _partitioning() -> ds.Partitioning:
    return ds.partitioning(pa.schema(_partition_fields()), flavor="hive")


def write_part(table: pa.Table, partition: pa.Table, table_dir: Path, part: str) -> None:
    """The rows of one table as part `part` of its dataset folder; writing the same part again replaces it.

    Each partition's file is written on the calling thread: pyarrow's dataset writer encodes on threads
    of its own, whose mimalloc heaps keep the pages they freed, and a worker grew with every part it wrote."""
    table = _with_partition_columns(table, partition)
    # An empty table writes no file; its folder still says the table exists.
    table_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{part}.", dir=table_dir))
    try:
        for number, (folder, rows) in enumerate(_partitions(table)):
            (staging / folder).mkdir(parents=True, exist_ok=True)
            pq.write_table(rows.drop_columns(list(PARTITIONS)), staging / folder / f"{part}-{number}.parquet")
        _move_files(staging, table_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _with_partition_columns(table: pa.Table, partition: pa.Table) -> pa.Table:
    table = table.drop_columns([c for c in PARTITIONS if c in table.column_names])
    # Acero joins cannot carry list columns, so the partition columns are looked up by position.
    rows = pc.index_in(table["doc_id"], partition["doc_id"])
    for column in PARTITIONS:
        table = table.append_column(column, partition[column].take(rows))
    return table


def _partitions(table: pa.Table) -> Iterator[tuple[str, pa.Table]]:
    """Each partition's folder (named as pyarrow names it) and its rows, in the order they came."""
    rows: dict[tuple[object, ...], list[int]] = {}
    for index, key in enumerate(zip(*(table[column].to_pylist() for column in PARTITIONS), strict=True)):
        rows.setdefault(key, []).append(index)
    partitioning = _partitioning()
    for key, indices in rows.items():
        folder, _ = partitioning.format(_partition_filter(key))
        yield folder, table.take(indices)


def _partition_filter(key: tuple[object, ...]) -> ds.Expression:
    terms = [
        pc.field(column).is_null() if value is None else pc.field(column) == value
        for column, value in zip(PARTITIONS, key, strict=True)
    ]
    return functools.reduce(operator.and_, terms)


def _move_files(source: Path, target: Path) -> None:
    """Each finished file into its place with one rename, so that readers see a part whole or not at all."""
    for folder, _, files in os.walk(source):
        for name in files:
            place = target / Path(folder).relative_to(source) / name
            place.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(Path(folder, name), readable_mode())
            os.replace(Path(folder, name), place)


def read_table_dataset(dataset_dir: Path, name: str) -> ds.Dataset:
    """Table `name` of a dataset as one table (hidden staging folders excluded), its columns typed
    as the table's, an empty table without parts included."""
    columns = [f for f in arrow_schema(TABLES[name]) if f.name not in PARTITIONS] + _partition_fields()
    (dataset_dir / name).mkdir(parents=True, exist_ok=True)
    return ds.dataset(dataset_dir / name, schema=pa.schema(columns), format="parquet", partitioning=_partitioning())


def compact(dataset_dir: Path, name: str, target: Path) -> int:
    """Table `name` of the dataset → the single file `target`, streamed; the number of rows. What a
    writer killed half-way left in its staging folder goes first (DuckDB's globs would read it)."""
    for leftover in (dataset_dir / name).glob(".part-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    schema = arrow_schema(TABLES[name])
    written = 0
    with table_writer(target, schema) as writer:
        pending: list[pa.RecordBatch] = []
        for batch in _batches(read_table_dataset(dataset_dir, name), schema):
            pending.append(batch)
            if sum(b.num_rows for b in pending) >= ROW_GROUP_ROWS or sum(b.nbytes for b in pending) >= ROW_GROUP_BYTES:
                written += _write_group(writer, pending, schema)
        written += _write_group(writer, pending, schema)
    return written


def _batches(dataset: ds.Dataset, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """The dataset's batches in order, one part file at a time, read on this thread, the partition columns
    the table has (a comparison's province) taken from the part's folder. A scan of the dataset's fragments
    keeps memory for every part it has read: +60 MB against +15 MB reading 4,000 texts in 2,400 parts."""
    for fragment in dataset.get_fragments():
        keys = ds.get_partition_keys(fragment.partition_expression)
        with pq.ParquetFile(fragment.path) as part:
            stored = [name for name in schema.names if name in part.schema_arrow.names]
            for batch in part.iter_batches(columns=stored, use_threads=False):
                columns = [_column(batch, field, keys) for field in schema]
                yield pa.record_batch(columns, schema=schema)


def _column(batch: pa.RecordBatch, field: pa.Field, partition_keys: dict[str, object]) -> pa.Array:
    if field.name in batch.schema.names:
        return batch.column(field.name)
    return pa.array([partition_keys.get(field.name)] * batch.num_rows, type=field.type)


def _write_group(writer: pq.ParquetWriter, batches: list[pa.RecordBatch], schema: pa.Schema) -> int:
    if not batches:
        return 0
    writer.write_table(pa.Table.from_batches(batches).cast(schema))
    rows = sum(int(batch.num_rows) for batch in batches)
    batches.clear()
    # What the group took stays in mimalloc's pages until released: compacting 4,000 texts peaked
    # 39 MB above the start with 4 MB groups kept, 5 MB with 1 MB groups released.
    pa.default_memory_pool().release_unused()
    return rows
