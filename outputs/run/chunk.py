"""What a Dask worker does with a chunk of documents: each through the bounded per-document function
(or from the cache), the chunk's rows of every table written as parts of the run's dataset. Only the
`documents` rows go back to the client, so that no process ever holds the rows of the whole corpus.

A chunk is written under a name of its own (`part-<chunk>-…`): a chunk run again after its worker died
replaces its parts instead of adding to them, and documents done before the death come from the cache.
"""
from __future__ import annotations

import functools
import multiprocessing
from dataclasses import dataclass, field
from pathlib import Path

from outputs.run.build import warm_up
from outputs.run.cache import ResultCache, decode
from outputs.run.limits import Job, Limits, run_limited
from outputs.run.parts import part_name, write_rows
from outputs.run.result import DocumentResult
from outputs.schema import DocumentRow


@dataclass(frozen=True)
class Chunk:
    number: int
    # The index of its first job among the run's jobs.
    first: int
    jobs: tuple[Job, ...]
    # The cache key of each job (None without a cache).
    keys: tuple[str | None, ...]
    dataset: Path
    limits: Limits = field(default_factory=Limits)
    cache: ResultCache | None = None
    force: bool = False

    @property
    def part(self) -> str:
        return part_name(self.number)


@dataclass(frozen=True)
class ChunkDone:
    documents: tuple[DocumentRow, ...]
    cached: int
    worker: str


def run_chunk(chunk: Chunk) -> ChunkDone:
    """Runs on a worker: the chunk's documents, their rows written; their `documents` rows returned."""
    from distributed import get_worker

    _allow_children()
    _warmed_up()
    results: list[DocumentResult] = []
    cached = 0
    for job, key in zip(chunk.jobs, chunk.keys, strict=True):
        hit = chunk.cache.get(key, job.path) if chunk.cache and key and not chunk.force else None
        if hit is None:
            outcome = run_limited(job, chunk.limits)
            if chunk.cache is not None and key and outcome.cacheable:
                chunk.cache.put(key, outcome.payload)
            hit = decode(outcome.payload)
        else:
            cached += 1
        results.append(hit)
    write_rows(results, chunk.dataset, chunk.part)
    return ChunkDone(tuple(result.document for result in results), cached, get_worker().address)


def _allow_children() -> None:
    """A Dask nanny starts its worker as a daemon process, and Python refuses children to daemons. Each
    document's process dies with the worker all the same (outputs/run/limits.py asks the kernel to)."""
    process = multiprocessing.current_process()
    if process.daemon:
        process._config["daemon"] = False  # type: ignore[attr-defined]


@functools.cache
def _warmed_up() -> None:
    """The rules' tables built once per worker process, before the first document's process is forked."""
    warm_up()
