"""`--engine dask`: the same per-document function as the local engine, scheduled by Dask.

The workers are threads that, like the local engine's, only supervise one bounded process per
document; a corpus that outgrows one machine points the client at a real cluster instead.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from distributed import Client, LocalCluster, as_completed

from outputs.run.limits import Job, Limits, Outcome, run_limited


def run_on_dask(jobs: Sequence[Job], workers: int, limits: Limits) -> Iterator[tuple[int, Outcome]]:
    if not jobs:
        return
    cluster = LocalCluster(
        n_workers=1, threads_per_worker=max(workers, 1), processes=False, dashboard_address=None
    )
    with cluster, Client(cluster) as client:
        futures = client.map(run_limited, jobs, limits=limits, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        for future in as_completed(futures):
            yield index[future.key], future.result()
