"""The cluster part of `make bench`: the whole batch on a Dask cluster of separate processes on 127.0.0.1
(`dask scheduler`, 1 or 2 single-threaded `dask worker`s), for corpora of 10×, 100× and 1,000× the seeds.

The corpus is short text plans made from the seeds (tests/cluster_fixtures.py: each seed's first lines,
made distinct per copy; seed 003, whose lost glyphs take seconds to restore, is left out so that the
figures are about the engine). The client runs in a fresh process and reports its own peak memory;
each worker reports its peak through the scheduler. Memory should not grow with the corpus.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from distributed import Client  # noqa: E402

from outputs.run.batch import run_batch  # noqa: E402
from outputs.run.settings import RunSettings  # noqa: E402
from tests.cluster_fixtures import SEEDS, loopback_cluster, short_plans  # noqa: E402

WORKERS = (1, 2)
PLAN_LINES = 100
QUICK_SEEDS = [seed for seed in SEEDS if not seed.name.startswith("003_")]


def peak_mb() -> float:
    """Run on each worker: its own peak resident memory (the documents' processes are bounded apart)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(scale: int, workers: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        documents = len(short_plans(corpus, scale, lines=PLAN_LINES, seeds=QUICK_SEEDS))
        with loopback_cluster(workers, Path(folder) / "cluster") as cluster:
            command = [sys.executable, __file__, "--client", cluster.address, str(corpus), str(Path(folder) / "out")]
            client = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
            with Client(cluster.address) as connection:
                worker_mb = sorted(connection.run(peak_mb).values())
    seconds = float(client["seconds"])
    return {"scale": scale, "workers": workers, "documents": documents, "seconds": seconds,
            "rate": documents / seconds, "client_mb": client["peak_mb"], "worker_mb": worker_mb}


def run_client(address: str, corpus: Path, out: Path) -> dict[str, float]:
    start = time.perf_counter()
    report = run_batch([corpus], out, settings=RunSettings(engine="dask", scheduler=address))
    if report.failures:
        raise SystemExit(f"{len(report.failures)} documents failed, e.g. {report.failures[0].document.reason}")
    return {"seconds": time.perf_counter() - start, "peak_mb": peak_mb()}


def report(rows: list[dict[str, object]], workers: list[int]) -> None:
    print("\nwhole batch on a loopback Dask cluster (short text plans of 4 seeds; seconds include connecting,")
    print("compaction and publishing, not starting the cluster)")
    print(f"{'scale':>6} {'workers':>8} {'documents':>10} {'docs/s':>8} {'client MB':>10}  worker MB")
    for row in rows:
        workers_mb = ", ".join(f"{mb:.0f}" for mb in row["worker_mb"])  # type: ignore[attr-defined]
        print(f"{str(row['scale']) + '×':>6} {row['workers']:>8} {row['documents']:>10,} {row['rate']:>8.1f}"
              f" {row['client_mb']:>10.0f}  {workers_mb}")
    for count in workers:
        mine = [row for row in rows if row["workers"] == count]
        if len(mine) > 1:
            first, last = mine[0], mine[-1]
            growth_client = float(last["client_mb"]) / float(first["client_mb"]) - 1  # type: ignore[arg-type]
            growth_worker = max(last["worker_mb"]) / max(first["worker_mb"]) - 1  # type: ignore[call-overload]
            print(f"{count} worker(s), {first['scale']}× → {last['scale']}×: client peak {growth_client:+.0%},"
                  f" worker peak {growth_worker:+.0%}")


def measure_all(scales: list[int], workers: list[int]) -> list[dict[str, object]]:
    return [measure(scale, count) for scale in scales for count in workers]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--scales", default="10,100,1000")
    options.add_argument("--workers", default=",".join(map(str, WORKERS)), help="worker processes, e.g. 1,2")
    options.add_argument("--client", nargs=3, metavar=("ADDRESS", "CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = options.parse_args()
    if args.client:
        address, corpus, out = args.client
        print(json.dumps(run_client(address, Path(corpus), Path(out))))
        return
    workers = [int(count) for count in args.workers.split(",")]
    report(measure_all([int(scale) for scale in args.scales.split(",")], workers), workers)


if __name__ == "__main__":
    main()
