"""The `vnplan` command."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from extract.names import printable_path
from outputs.run.batch import BatchReport, run_batch
from outputs.run.limits import Limits
from outputs.run.publish import OutputError
from outputs.run.settings import ENGINES, RunSettings
from outputs.tools import chart, dictionary, diff, review


def _extract(args: argparse.Namespace) -> int:
    out = Path(args.out)
    settings = RunSettings(
        workers=args.workers,
        engine="dask" if args.scheduler else args.engine,
        limits=Limits(seconds=args.limit_seconds, memory_mb=args.limit_memory_mb, input_mb=args.limit_input_mb),
        cache_dir=Path(args.cache) if args.cache else out.parent / "cache",
        force=args.force,
        scheduler=args.scheduler,
    )
    try:
        report = run_batch([Path(p) for p in args.paths], out, settings=settings)
    except OutputError as error:
        print(f"vnplan: {error}", file=sys.stderr)
        return 2
    _print_summary(report, printable_path(out))
    return 1 if report.failures or not report.published else 0


def _print_summary(report: BatchReport, out: str) -> None:
    """Every document that is not ok with its reason, one line each (names and reasons are escaped, so
    a newline in a file name cannot forge a line), then the counts."""
    for note in report.notes:
        print(f"warning: {note}", file=sys.stderr)
    for result in sorted(report.results, key=lambda r: r.document.status != "failed"):
        document = result.document
        if document.status != "ok":
            print(f"{document.status}: {document.path}: {document.reason}", file=sys.stderr)
    statuses = [r.document.status for r in report.results]
    counts = f"{statuses.count('ok')} ok, {statuses.count('partial')} partial, {statuses.count('failed')} failed"
    where = f"tables in {out}" if report.published else f"no document was read: the tables in {out} are unchanged"
    runs = f"{report.processed} processed, {report.cached} from the cache"
    print(f"{len(statuses)} documents: {counts} ({runs}); {where}")


def _add_run_options(extract: argparse.ArgumentParser) -> None:
    defaults = Limits()
    extract.add_argument("--workers", type=int, default=1, help="documents processed in parallel")
    extract.add_argument("--engine", choices=ENGINES, default="local",
                         help="dask also writes a dataset partitioned by province and year")
    extract.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                         help="run on a Dask cluster (implies --engine dask; inputs and --out seen by every worker)")
    extract.add_argument("--force", action="store_true", help="process every document again, ignoring the cache")
    extract.add_argument("--cache", help="folder of per-document results (default: cache/ beside --out)")
    extract.add_argument("--limit-seconds", type=float, default=defaults.seconds, help="time limit per document")
    extract.add_argument("--limit-memory-mb", type=int, default=defaults.memory_mb,
                         help="memory limit per document (resident memory of its own and of what it starts)")
    extract.add_argument("--limit-input-mb", type=int, default=defaults.input_mb, help="bigger files are not read")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="vnplan", description="Vietnamese plan documents → Parquet tables")
    commands = top.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="read documents and write the tables")
    extract.add_argument("paths", nargs="+", help="files or folders (folders are read recursively)")
    extract.add_argument("--out", default="data/parquet", help="folder for the Parquet tables")
    _add_run_options(extract)
    extract.set_defaults(run=_extract)
    for module in (dictionary, review, diff, chart):
        module.add_command(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("vnplan: interrupted; the tables written before this run are unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
