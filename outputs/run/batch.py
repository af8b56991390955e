"""A batch: every input file through the per-document function, then all tables published at once.

Documents run in parallel, each in its own bounded process (outputs/run/limits.py); unchanged documents
come from the cache (outputs/run/cache.py). Tables are written to a staging folder first and only then
moved over the previous set, so an interrupted run leaves the previous complete set readable.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from normalize import Step
from outputs.compare import build_comparison
from outputs.run.build import warm_up
from outputs.run.cache import ResultCache, decode, file_sha256
from outputs.run.limits import Job
from outputs.run.manifest import MANIFEST_NAME, read_manifest
from outputs.run.result import DocumentResult, ManifestFacts
from outputs.run.settings import RunSettings, engine_of
from outputs.write import write_tables

# Files in a corpus folder that describe the corpus rather than belong to it.
NOT_DOCUMENTS = {MANIFEST_NAME, "README.md"}
STAGING_PREFIX = ".staging-"
DATASET = "dataset"


def discover(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every document file below the folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.name not in NOT_DOCUMENTS and not any(part.startswith(".") for part in p.parts)
            )
        else:
            found.append(path)
    return found


def _facts(path: Path, manifests: dict[Path, dict[str, ManifestFacts]]) -> ManifestFacts | None:
    folder = path.parent
    if folder not in manifests:
        manifests[folder] = read_manifest(folder / MANIFEST_NAME)
    return manifests[folder].get(path.name)


@dataclass(frozen=True)
class BatchReport:
    results: tuple[DocumentResult, ...]
    processed: int = 0
    cached: int = 0

    @property
    def failures(self) -> tuple[DocumentResult, ...]:
        return tuple(r for r in self.results if r.failed)


def run_batch(
    paths: Sequence[Path], out_dir: Path, steps: Sequence[Step] | None = None, settings: RunSettings | None = None
) -> BatchReport:
    settings = settings or RunSettings()
    manifests: dict[Path, dict[str, ManifestFacts]] = {}
    jobs = [Job(path, _facts(path, manifests), steps) for path in discover(paths)]
    cache = _cache(settings, steps)
    keys = [_cache_key(cache, job) for job in jobs]
    results: dict[int, DocumentResult] = {}
    if cache is not None and not settings.force:
        results = {i: hit for i, key in enumerate(keys) if key and (hit := cache.get(key, jobs[i].path))}
    pending = [i for i in range(len(jobs)) if i not in results]
    if pending:
        warm_up(steps)
    for index, outcome in engine_of(settings)([jobs[i] for i in pending], settings.workers, settings.limits):
        position = pending[index]
        results[position] = decode(outcome.payload)
        key = keys[position]
        if cache is not None and outcome.cacheable and key:
            cache.put(key, outcome.payload)
    ordered = tuple(results[i] for i in range(len(jobs)))
    publish(_collect(ordered), out_dir, dataset=settings.engine == "dask")
    return BatchReport(ordered, processed=len(pending), cached=len(jobs) - len(pending))


def _cache(settings: RunSettings, steps: Sequence[Step] | None) -> ResultCache | None:
    if settings.cache_dir is None:
        return None
    step_names = "default" if steps is None else ",".join(s.name for s in steps)
    return ResultCache(settings.cache_dir, f"{step_names}\0{settings.steps_key}")


def _cache_key(cache: ResultCache | None, job: Job) -> str | None:
    digest = file_sha256(job.path) if cache is not None else None
    return cache.key(digest, job.facts) if cache is not None and digest is not None else None


def _collect(results: Iterable[DocumentResult]) -> dict[str, list[Any]]:
    tables: dict[str, list[Any]] = {"documents": [], "texts": []}
    for result in results:
        tables["documents"].append(result.document)
        if result.text is not None:
            tables["texts"].append(result.text)
        for name, rows in result.findings.items():
            tables.setdefault(name, []).extend(rows)
    tables["comparison"] = list(build_comparison(tables.get("targets", ()), tables["documents"]))
    return tables


def publish(rows_by_table: dict[str, list[Any]], out_dir: Path, dataset: bool = False) -> None:
    """Write every table to a staging folder, then move them all in with interrupts held back."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_staging(out_dir)
    staging = out_dir / f"{STAGING_PREFIX}{os.getpid()}"
    try:
        written = write_tables(rows_by_table, staging)
        if dataset:
            from outputs.dataset import write_partitioned

            write_partitioned(staging, staging / DATASET)
        with _interrupts_deferred():
            for path in written:
                os.replace(path, out_dir / path.name)
            if dataset:
                _replace_folder(staging / DATASET, out_dir / DATASET)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _replace_folder(new: Path, target: Path) -> None:
    retired = target.with_name(f"{STAGING_PREFIX}{os.getpid()}-retired")
    if target.exists():
        os.replace(target, retired)
    os.replace(new, target)
    shutil.rmtree(retired, ignore_errors=True)


def _remove_abandoned_staging(out_dir: Path) -> None:
    """Staging folders of runs that were killed (their process is gone)."""
    for folder in out_dir.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name.removeprefix(STAGING_PREFIX).split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Ctrl-C or SIGTERM during the renames is acted on after them, so the set is never half replaced."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    handled = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda received_number, _: received.append(received_number))
                for number in handled}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    for first in received[:1]:
        _deliver(first, previous[signal.Signals(first)])


def _deliver(number: int, handler: Any) -> None:
    if callable(handler):
        handler(number, None)
    elif handler == signal.SIG_DFL:
        signal.raise_signal(number)
