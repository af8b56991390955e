"""A batch: every input file through the per-document function, then all tables published at once.

Documents run in parallel, each in its own bounded process (outputs/run/limits.py); unchanged documents
come from the cache (outputs/run/cache.py). The same content given twice is read once: one row, with
the other paths it was given under. The tables are published as one step (outputs/run/publish.py), and
only when the run read at least one document: a mistyped path or an empty folder leaves the previous
tables as they were.
"""
from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract import office_conversions
from extract.names import printable_path
from extract.reading import NotReadable
from normalize import Step
from outputs.compare import build_comparison
from outputs.run.build import failed, warm_up
from outputs.run.cache import ResultCache, decode
from outputs.run.inputs import Input, discover, file_sha256
from outputs.run.limits import Job
from outputs.run.local_engine import run_local
from outputs.run.manifest import Manifests
from outputs.run.publish import OutputError, check_writable, new_run, runs_folder, swap
from outputs.run.result import DocumentResult
from outputs.run.settings import RunSettings
from outputs.write import write_tables


@dataclass(frozen=True)
class BatchReport:
    results: tuple[DocumentResult, ...]
    processed: int = 0
    cached: int = 0
    # False when the run read no document: the previous tables were left as they were.
    published: bool = True
    # Problems of the run that are not a document's (an unreadable manifest), one line each.
    notes: tuple[str, ...] = ()

    @property
    def failures(self) -> tuple[DocumentResult, ...]:
        return tuple(r for r in self.results if r.failed)


def run_batch(
    paths: Sequence[Path], out_dir: Path, steps: Sequence[Step] | None = None, settings: RunSettings | None = None
) -> BatchReport:
    """Raises OutputError (one line) before any work when the tables or the cache cannot be written."""
    settings = settings or RunSettings()
    check_writable(out_dir)
    cache = _cache(settings, steps)
    excluded = [out_dir, runs_folder(out_dir)] + ([settings.cache_dir] if settings.cache_dir else [])
    manifests = Manifests()
    jobs, unread = _jobs(discover(paths, excluded), manifests, steps, settings.limits.input_bytes)
    keys = [cache.key(job.sha256, job.facts) if cache else None for job in jobs]
    if settings.engine == "dask":
        from outputs.run.dask_engine import run_on_cluster  # Dask takes seconds to import: only when chosen

        report = run_on_cluster(jobs, keys, unread, out_dir, settings, cache)
        return dataclasses.replace(report, notes=manifests.problems)
    results: dict[int, DocumentResult] = {}
    if cache is not None and not settings.force:
        results = {i: hit for i, key in enumerate(keys) if key and (hit := cache.get(key, jobs[i].path))}
    pending = [i for i in range(len(jobs)) if i not in results]
    if pending:
        warm_up(steps)
    # One LibreOffice process converts the batch's .doc/.rtf/.odt files before the workers read them.
    with office_conversions([jobs[i].path for i in pending]):
        for index, outcome in run_local([jobs[i] for i in pending], settings.workers, settings.limits):
            position = pending[index]
            results[position] = decode(outcome.payload)
            key = keys[position]
            if cache is not None and outcome.cacheable and key:
                cache.put(key, outcome.payload)
    ordered = tuple(with_duplicates(results[i], jobs[i]) for i in range(len(jobs))) + tuple(unread)
    if jobs:
        publish(_collect(ordered), out_dir)
    report = BatchReport(ordered, processed=len(pending), cached=len(jobs) - len(pending), published=bool(jobs))
    return dataclasses.replace(report, notes=manifests.problems)


def _jobs(
    inputs: Iterable[Input], manifests: Manifests, steps: Sequence[Step] | None, max_bytes: int
) -> tuple[list[Job], list[DocumentResult]]:
    """One job per distinct content (the first path it was given under, the others as duplicates), and
    a failed row for every input that is not read."""
    by_digest: dict[str, Job] = {}
    unread: list[DocumentResult] = []
    for item in inputs:
        facts = manifests.facts(item.path)
        try:
            if item.problem is not None:
                raise NotReadable(item.problem)
            digest = file_sha256(item.path, max_bytes)
        except NotReadable as error:
            unread.append(failed(item.path, str(error), facts, None))
            continue
        if digest in by_digest:
            first = by_digest[digest]
            by_digest[digest] = dataclasses.replace(first, duplicates=(*first.duplicates, item.path))
        else:
            by_digest[digest] = Job(item.path, digest, facts, steps, max_bytes=max_bytes)
    return list(by_digest.values()), unread


def with_duplicates(result: DocumentResult, job: Job) -> DocumentResult:
    if not job.duplicates:
        return result
    paths = tuple(printable_path(path) for path in job.duplicates)
    return dataclasses.replace(result, document=dataclasses.replace(result.document, duplicate_paths=paths))


def _cache(settings: RunSettings, steps: Sequence[Step] | None) -> ResultCache | None:
    if settings.cache_dir is None:
        return None
    try:
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=settings.cache_dir):
            pass
    except OSError as error:
        shown = printable_path(settings.cache_dir)
        raise OutputError(f"cannot write the cache to {shown}: {error.strerror or error}") from error
    step_names = "default" if steps is None else ",".join(s.name for s in steps)
    return ResultCache(settings.cache_dir, f"{step_names}\0{settings.steps_key}")


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


def publish(rows_by_table: dict[str, list[Any]], out_dir: Path) -> None:
    """Write every table into a new run folder, then make `out_dir` point at it in one step. A disk that
    fills up meanwhile is an OutputError; the previous tables stay."""
    check_writable(out_dir)
    run = new_run(out_dir)
    try:
        write_tables(rows_by_table, run)
        swap(out_dir, run)
    except OSError as error:
        raise OutputError(f"cannot write the tables to {printable_path(out_dir)}: {error.strerror or error}") from error
    finally:
        shutil.rmtree(run, ignore_errors=True)
