"""A batch: every input file through the per-document function, then all tables published at once.

Documents run in parallel, each in its own bounded process (outputs/run/limits.py); unchanged documents
come from the cache (outputs/run/cache.py). Each result is spilled to the run folder as it comes back,
and the tables are then written from the results in the inputs' order, part by part (outputs/run/parts.py),
so that memory stays flat in the corpus's size and the tables do not depend on the number of workers.
The same content given twice is read once: one row, with the other paths it was given under. The
tables are published as one step (outputs/run/publish.py), and only when the run read at least one
document: a mistyped path or an empty folder leaves the previous tables as they were.
"""
from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract import office_conversions
from extract.names import printable_path
from extract.reading import NotReadable
from normalize import Step
from outputs.run.build import failed, warm_up
from outputs.run.cache import ResultCache
from outputs.run.inputs import Input, discover, file_sha256
from outputs.run.limits import Job
from outputs.run.local_engine import run_local
from outputs.run.manifest import Manifests
from outputs.run.parts import DATASET, PartWriter, finish
from outputs.run.publish import OutputError, check_writable, new_run, runs_folder, swap, writing_tables_to
from outputs.run.result import DocumentResult
from outputs.run.settings import RunSettings
from outputs.schema import DocumentRow

# The run's per-document results between processing and writing the tables, inside the run folder.
SPILL = ".results"
# A processed document whose result was neither spilled nor cached (the disk refused it).
LOST_RESULT = "its result could not be kept on disk (see the run's messages)"


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
    if not jobs:
        return BatchReport(tuple(unread), published=False, notes=manifests.problems)
    run = new_run(out_dir)
    try:
        with writing_tables_to(out_dir):
            spill = ResultCache(run / SPILL)
            processed = _process(jobs, keys, steps, settings, cache, spill)
            documents = write_run(run, _in_order(jobs, keys, cache, spill, unread))
            shutil.rmtree(run / SPILL, ignore_errors=True)
            swap(out_dir, run)
    finally:
        shutil.rmtree(run, ignore_errors=True)  # gone already once published: the swap renamed it
    report = BatchReport(tuple(DocumentResult(row) for row in documents), processed, len(jobs) - processed)
    return dataclasses.replace(report, notes=manifests.problems)


def _process(
    jobs: Sequence[Job],
    keys: Sequence[str | None],
    steps: Sequence[Step] | None,
    settings: RunSettings,
    cache: ResultCache | None,
    spill: ResultCache,
) -> int:
    """Every job the cache does not hold, run in parallel, its result cached or else spilled to disk as it
    finishes; how many were run. Nothing is kept in memory: results come back in any order, and the
    tables are written in the jobs' order afterwards, so that they do not depend on which worker was first.
    A damaged cache entry is a miss: its job runs again."""
    held = cache is not None and not settings.force
    pending = [i for i, key in enumerate(keys) if not (held and key and cache and cache.get(key, jobs[i].path))]
    if pending:
        warm_up(steps)
    # One LibreOffice process converts the batch's .doc/.rtf/.odt files before the workers read them.
    with office_conversions([jobs[i].path for i in pending]):
        for index, outcome in run_local([jobs[i] for i in pending], settings.workers, settings.limits):
            position = pending[index]
            key = keys[position]
            if cache is not None and outcome.cacheable and key:
                cache.put(key, outcome.payload)
            else:
                spill.put(_spilled(position), outcome.payload)
    return len(pending)


def _spilled(position: int) -> str:
    return f"{position:08d}"


def _in_order(
    jobs: Sequence[Job],
    keys: Sequence[str | None],
    cache: ResultCache | None,
    spill: ResultCache,
    unread: Sequence[DocumentResult],
) -> Iterator[DocumentResult]:
    """Each job's result in the jobs' order, from the run's spill or the cache, then the unread files."""
    for position, (job, key) in enumerate(zip(jobs, keys, strict=True)):
        result = spill.get(_spilled(position), job.path) or (cache.get(key, job.path) if cache and key else None)
        yield with_duplicates(result or failed(job.path, LOST_RESULT, job.facts, job.sha256), job)
    yield from unread


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


def write_run(run: Path, results: Iterable[DocumentResult]) -> list[DocumentRow]:
    """Every table of the run folder from the results, in their order, streamed: each result's rows go
    into a part as it comes, and only the documents rows are kept."""
    parts = PartWriter(run / DATASET)
    documents = [parts.add(result) for result in results]
    parts.flush()
    finish(run, documents)
    return documents
