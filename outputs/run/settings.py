"""How a batch runs (`RunSettings`).

Two engines: the local one (threads that each supervise one bounded process, outputs/run/local_engine.py)
and Dask (outputs/run/dask_engine.py), imported only by runs that choose it: its workers write their
documents' rows themselves, on this machine's threads or on a running cluster (`scheduler`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from outputs.run.limits import Limits

ENGINES = ("local", "dask")


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
    # A running Dask cluster's scheduler (tcp://HOST:PORT) for --engine dask; None: threads of the command.
    scheduler: str | None = None
