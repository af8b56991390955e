"""How a batch runs (`RunSettings`) and the engine that runs its documents.

Engines take the jobs, the number of workers and the limits, and know nothing of the batch: the local
engine (threads that each supervise one bounded process) or Dask, imported only by runs that choose it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from outputs.run.limits import Job, Limits, Outcome
from outputs.run.local_engine import run_local

ENGINES = ("local", "dask")
Engine = Callable[[Sequence[Job], int, Limits], Iterator[tuple[int, Outcome]]]


@dataclass(frozen=True)
class RunSettings:
    """How a batch runs; none of it changes a document's rows except `steps` (hence `steps_key`)."""

    workers: int = 1
    engine: str = "local"  # local | dask
    limits: Limits = field(default_factory=Limits)
    cache_dir: Path | None = None
    force: bool = False
    # Identity of what `steps` were built from (e.g. the hash of a corpus-trained repair model).
    steps_key: str = ""


def engine_of(settings: RunSettings) -> Engine:
    if settings.engine == "dask":
        from outputs.run.dask_engine import run_on_dask  # Dask takes seconds to import: only when chosen

        return run_on_dask
    return run_local
