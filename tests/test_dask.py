"""`--engine dask` on a local Dask cluster: the same tables, plus a dataset partitioned by province and year."""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from outputs.run.batch import DATASET, run_batch
from outputs.run.settings import RunSettings
from outputs.schema import TABLES

pytestmark = pytest.mark.slow  # a Dask cluster and a whole batch


def test_the_dask_engine_writes_the_same_tables_and_a_partitioned_dataset(
    clean_corpus: Path, clean_tables: Path, tmp_path: Path
):
    report = run_batch([clean_corpus], tmp_path, settings=RunSettings(engine="dask", workers=2))
    assert report.processed == 4
    for name in TABLES:
        assert (tmp_path / f"{name}.parquet").read_bytes() == (clean_tables / f"{name}.parquet").read_bytes(), name
        dataset = ds.dataset(tmp_path / DATASET / name, format="parquet", partitioning="hive")
        assert dataset.count_rows() == pq.read_metadata(clean_tables / f"{name}.parquet").num_rows, name
    documents = ds.dataset(tmp_path / DATASET / "documents", format="parquet", partitioning="hive").to_table()
    partitions = {(row["province"], row["year"]) for row in documents.select(["province", "year"]).to_pylist()}
    assert ("Lai Châu", 2025) in partitions
    assert (tmp_path / DATASET / "documents" / "province=Lai%20Ch%C3%A2u" / "year=2025").is_dir()
