"""`--engine dask`: the documents in chunks on a Dask cluster, their rows written by the workers.

With `--scheduler tcp://HOST:PORT` the run uses a running cluster (`dask scheduler`, `dask worker`);
without, a cluster of threads inside the command. Workers read the inputs and write the run folder
under `--out`, so both must be paths every worker sees (a shared folder). Each chunk's rows go straight
into the run's dataset (outputs/dataset.py); the client gathers only the `documents` rows, writes
them and a run manifest, streams each table's parts into the single file users know, and publishes
the run as one step (outputs/run/publish.py). A chunk whose worker dies is run again elsewhere by the
scheduler; one that cannot be finished gives failed rows, so every document is accounted for.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import shutil
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dask
from distributed import Client, LocalCluster, as_completed

from extract.names import printable_path
from outputs.run.build import failed
from outputs.run.cache import ResultCache, pipeline_version
from outputs.run.chunk import Chunk, ChunkDone, run_chunk
from outputs.run.limits import Job
from outputs.run.parts import DATASET, finish, part_name
from outputs.run.publish import OutputError, new_run, swap, writing_tables_to
from outputs.run.result import DocumentResult
from outputs.run.settings import RunSettings
from outputs.schema import DocumentRow

if TYPE_CHECKING:
    from outputs.run.batch import BatchReport

MANIFEST = "manifest.json"
# Documents per task at most: enough to keep the parts few, few enough that a dead worker costs little.
CHUNK_DOCUMENTS = 16
# Tasks per worker thread at least, so that the last chunks do not leave threads idle.
CHUNKS_PER_THREAD = 4
CONNECT_SECONDS = 30
# Dask's sampling profiler keeps up to 1,000 one-second cycles per worker: a worker's memory then grows
# with the run's length (a lone worker +23% from 10× to 1,000× the seeds in `make bench`), and vnplan
# never reads the profiles. Its own workers run without it; a cluster a user started is left as it is.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


def worker_environment() -> dict[str, str]:
    """The variables that give a `dask worker` process WORKER_CONFIG."""
    return {"DASK_" + key.upper().replace(".", "__").replace("-", "_"): str(value)
            for key, value in WORKER_CONFIG.items()}


@dataclass
class Gathered:
    """What came back from the workers: the documents rows by job, and who did what."""

    rows: dict[int, DocumentRow] = field(default_factory=dict)
    cached: int = 0
    chunks_by_worker: Counter[str] = field(default_factory=Counter)
    failed_chunks: int = 0


def run_on_cluster(
    jobs: Sequence[Job],
    keys: Sequence[str | None],
    unread: Sequence[DocumentResult],
    out_dir: Path,
    settings: RunSettings,
    cache: ResultCache | None,
) -> BatchReport:
    from outputs.run.batch import BatchReport

    if not jobs:
        return BatchReport(tuple(unread), published=False)
    run = new_run(out_dir).absolute()
    try:
        with writing_tables_to(out_dir):
            with cluster_client(settings) as client:
                chunks = _chunks(jobs, keys, run / DATASET, settings, cache, sum(client.nthreads().values()))
                gathered = _gather(client, chunks)
            results = tuple(_as_given(gathered.rows[index], job) for index, job in enumerate(jobs)) + tuple(unread)
            rows_by_table = finish(run, [result.document for result in results])
            _write_manifest(run, settings, len(jobs), len(chunks), gathered, rows_by_table)
            swap(out_dir, run)
    finally:
        shutil.rmtree(run, ignore_errors=True)  # gone already once published: the swap renamed it
    return BatchReport(results, processed=len(jobs) - gathered.cached, cached=gathered.cached)


def _as_given(row: DocumentRow, job: Job) -> DocumentResult:
    """The row with the path as the run was given it, and the other paths of the same content."""
    from outputs.run.batch import with_duplicates

    return with_duplicates(DocumentResult(dataclasses.replace(row, path=printable_path(job.path))), job)


@contextlib.contextmanager
def cluster_client(settings: RunSettings) -> Iterator[Client]:
    if settings.scheduler is None:
        with dask.config.set(WORKER_CONFIG):
            cluster = LocalCluster(
                n_workers=1, threads_per_worker=max(settings.workers, 1), processes=False, dashboard_address=None
            )
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(settings.scheduler, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        first_line = (str(error).splitlines() or [""])[0]
        raise OutputError(f"cannot reach the Dask scheduler at {settings.scheduler}: {first_line}") from error
    with client:
        yield client


def _chunks(
    jobs: Sequence[Job], keys: Sequence[str | None], dataset: Path, settings: RunSettings,
    cache: ResultCache | None, threads: int,
) -> list[Chunk]:
    size = max(1, min(CHUNK_DOCUMENTS, math.ceil(len(jobs) / (CHUNKS_PER_THREAD * max(threads, 1)))))
    # Workers may run elsewhere: they get absolute paths (the client puts the paths as given back).
    remote = [dataclasses.replace(job, path=job.path.absolute(), duplicates=()) for job in jobs]
    cache = ResultCache(cache.folder.absolute(), cache.settings) if cache is not None else None
    return [
        Chunk(number, first, tuple(remote[first:first + size]), tuple(keys[first:first + size]), dataset,
              settings.limits, cache, settings.force)
        for number, first in enumerate(range(0, len(jobs), size))
    ]


def _gather(client: Client, chunks: Sequence[Chunk]) -> Gathered:
    futures = [client.submit(run_chunk, chunk, pure=False) for chunk in chunks]
    chunk_of = {future.key: chunk for future, chunk in zip(futures, chunks, strict=True)}
    gathered = Gathered()
    for future in as_completed(futures):
        chunk = chunk_of.pop(future.key)
        try:
            done: ChunkDone = future.result()
            gathered.chunks_by_worker[done.worker] += 1
            gathered.cached += done.cached
        except Exception as error:  # noqa: BLE001 - every document of the chunk gets the reason
            done = _chunk_failed(chunk, error)
            gathered.failed_chunks += 1
        future.release()
        gathered.rows.update(enumerate(done.documents, start=chunk.first))
    return gathered


def _chunk_failed(chunk: Chunk, error: Exception) -> ChunkDone:
    """Failed rows for a chunk the cluster gave up on, and none of its parts left behind."""
    for part in chunk.dataset.rglob(f"{part_name(chunk.number)}-*.parquet"):
        part.unlink(missing_ok=True)
    first_line = (str(error).splitlines() or [""])[0]
    reason = f"the Dask cluster could not run it ({type(error).__name__}: {first_line})"
    rows = tuple(failed(job.path, reason, job.facts, job.sha256).document for job in chunk.jobs)
    return ChunkDone(rows, cached=0, worker="")


def _write_manifest(
    run: Path, settings: RunSettings, jobs: int, chunks: int, gathered: Gathered, rows: dict[str, int]
) -> None:
    facts: dict[str, Any] = {
        "engine": "dask",
        "scheduler": settings.scheduler or "threads of the command",
        "pipeline_version": pipeline_version(),
        "documents_read": jobs,
        "from_cache": gathered.cached,
        "chunks": chunks,
        "chunks_by_worker": dict(sorted(gathered.chunks_by_worker.items())),
        "failed_chunks": gathered.failed_chunks,
        "rows": rows,
    }
    (run / MANIFEST).write_text(json.dumps(facts, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
