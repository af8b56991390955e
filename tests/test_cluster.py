"""`--scheduler`: a run on a Dask cluster of separate processes on 127.0.0.1 gives the local engine's
tables, and a worker killed in the middle of the run costs no document."""

from __future__ import annotations

import threading
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from distributed import Client

from outputs.run.batch import BatchReport, run_batch
from outputs.run.publish import runs_folder
from outputs.run.settings import RunSettings
from outputs.schema import TABLES
from tests.cluster_fixtures import SEEDS, loopback_cluster, short_plans
from tests.tables import sorted_rows

COPIES = 50  # of 4 seeds: 200 documents
# 003's lost glyphs take seconds to restore; what is tested here does not depend on them.
QUICK_SEEDS = [seed for seed in SEEDS if not seed.name.startswith("003_")]
WAIT_SECONDS = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("short_plans")
    short_plans(folder, COPIES, lines=100, seeds=QUICK_SEEDS)
    return folder


@pytest.fixture(scope="module")
def local_tables(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "tables"
    run_batch([corpus], out, settings=RunSettings(workers=2))
    return out


def _assert_same_tables(out: Path, expected: Path) -> None:
    for name in TABLES:
        got, wanted = pq.read_table(out / f"{name}.parquet"), pq.read_table(expected / f"{name}.parquet")
        assert got.schema == wanted.schema, name
        assert sorted_rows(got) == sorted_rows(wanted), name


@pytest.mark.slow
def test_a_cluster_run_gives_the_local_engines_tables(corpus: Path, local_tables: Path, tmp_path: Path):
    with loopback_cluster(2, tmp_path / "cluster") as cluster:
        settings = RunSettings(engine="dask", scheduler=cluster.address, cache_dir=tmp_path / "cache")
        report = run_batch([corpus], tmp_path / "tables", settings=settings)
        with Client(cluster.address) as client:
            # a lambda travels by value: the workers need not import the tests
            profiling = client.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks)
    assert list(profiling.values()) == [False, False], "the workers keep Dask's profiler history"
    assert report.processed == len(report.results) == len(QUICK_SEEDS) * COPIES
    assert pq.read_metadata(local_tables / "targets.parquet").num_rows > 0
    _assert_same_tables(tmp_path / "tables", local_tables)


@pytest.mark.slow
def test_a_worker_killed_mid_run_costs_no_document(corpus: Path, local_tables: Path, tmp_path: Path):
    out = tmp_path / "tables"
    with loopback_cluster(2, tmp_path / "cluster") as cluster:
        settings = RunSettings(engine="dask", scheduler=cluster.address, cache_dir=tmp_path / "cache")
        reports: list[BatchReport] = []
        run = threading.Thread(target=lambda: reports.append(run_batch([corpus], out, settings=settings)))
        run.start()
        _wait_for_parts(out, run)
        cluster.kill_worker(0)
        run.join(WAIT_SECONDS)
    assert reports, "the run did not finish"
    assert len(reports[0].results) == len(QUICK_SEEDS) * COPIES
    assert not reports[0].failures
    _assert_same_tables(out, local_tables)


def _wait_for_parts(out: Path, run: threading.Thread) -> None:
    """Until the first chunks are written: the workers are busy with the next ones."""
    run.join(0.5)
    while run.is_alive() and not any(runs_folder(out).glob("*/dataset/texts/**/part-*.parquet")):
        run.join(0.2)
    assert run.is_alive(), "the run ended before a worker could be killed"
