"""The tables as one Parquet dataset partitioned by province and year, for engines that outgrow a file per table."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from outputs.schema import TABLES

PARTITIONS = ("province", "year")


def _partition_of_documents(documents: pa.Table) -> pa.Table:
    """doc_id → province, year (the issue year, else the first year of the period)."""
    year = pc.coalesce(documents["issue_year"], documents["period_start"])
    return pa.table({"doc_id": documents["doc_id"], "province": documents["province"], "year": year})


def write_partitioned(tables_dir: Path, dataset_dir: Path) -> None:
    """`dataset_dir/<table>/province=…/year=…/part-0.parquet` from the tables in `tables_dir`."""
    partition = _partition_of_documents(pq.read_table(tables_dir / "documents.parquet"))
    for name in TABLES:
        # Acero joins cannot carry list columns, so the partition columns are looked up by position.
        table = pq.read_table(tables_dir / f"{name}.parquet")
        table = table.drop_columns([c for c in PARTITIONS if c in table.column_names])
        rows = pc.index_in(table["doc_id"], partition["doc_id"])
        for column in PARTITIONS:
            table = table.append_column(column, partition[column].take(rows))
        # An empty table writes no file; its folder still says the table exists and has no rows.
        (dataset_dir / name).mkdir(parents=True, exist_ok=True)
        ds.write_dataset(
            table,
            dataset_dir / name,
            format="parquet",
            partitioning=list(PARTITIONS),
            partitioning_flavor="hive",
            existing_data_behavior="overwrite_or_ignore",
        )
