"""`--engine dask` on the command's own threads: the same tables as the local engine, plus a dataset
partitioned by province and year that pyarrow.dataset reads as one table per table."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from outputs.dataset import read_table_dataset
from outputs.run.batch import run_batch
from outputs.run.dask_engine import DATASET, MANIFEST, cluster_client
from outputs.run.settings import RunSettings
from outputs.schema import TABLES
from tests.tables import sorted_rows

pytestmark = pytest.mark.slow  # a Dask cluster and a whole batch


def test_the_dask_engine_writes_the_same_tables_and_a_partitioned_dataset(
    clean_corpus: Path, clean_tables: Path, tmp_path: Path
):
    out = tmp_path / "tables"
    report = run_batch([clean_corpus], out, settings=RunSettings(engine="dask", workers=2))
    assert report.processed == 4
    for name in TABLES:
        expected = pq.read_table(clean_tables / f"{name}.parquet")
        assert pq.read_schema(out / f"{name}.parquet") == expected.schema, name
        assert sorted_rows(pq.read_table(out / f"{name}.parquet")) == sorted_rows(expected), name
        assert read_table_dataset(out / DATASET, name).count_rows() == expected.num_rows, name
    parts = f"{out / DATASET}/targets/**/*.parquet"
    counted = duckdb.sql(f"select count(*) from read_parquet('{parts}', hive_partitioning = true)").fetchall()
    assert counted == [(pq.read_metadata(clean_tables / "targets.parquet").num_rows,)]
    documents = ds.dataset(out / DATASET / "documents", format="parquet", partitioning="hive").to_table()
    partitions = {(row["province"], row["year"]) for row in documents.select(["province", "year"]).to_pylist()}
    assert ("Lai Châu", 2025) in partitions
    assert (out / DATASET / "documents" / "province=Lai%20Ch%C3%A2u" / "year=2025").is_dir()
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["documents_read"] == 4 and manifest["failed_chunks"] == 0


def test_a_second_dask_run_takes_every_document_from_the_cache(clean_corpus: Path, tmp_path: Path):
    settings = RunSettings(engine="dask", workers=2, cache_dir=tmp_path / "cache")
    first = run_batch([clean_corpus], tmp_path / "first", settings=settings)
    second = run_batch([clean_corpus], tmp_path / "second", settings=settings)
    assert (first.processed, first.cached) == (4, 0)
    assert (second.processed, second.cached) == (0, 4)
    for name in TABLES:
        assert sorted_rows(pq.read_table(tmp_path / "second" / f"{name}.parquet")) == sorted_rows(
            pq.read_table(tmp_path / "first" / f"{name}.parquet")
        ), name


def test_the_commands_own_cluster_runs_without_dasks_profiler():
    """Its history would grow with the run's length (outputs/run/dask_engine.py, WORKER_CONFIG)."""
    with cluster_client(RunSettings(engine="dask", workers=2)) as client:
        profiling = client.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks)
    assert list(profiling.values()) == [False]
