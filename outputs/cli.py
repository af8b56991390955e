"""The `vnplan` command."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from outputs.run.batch import run_batch
from outputs.run.limits import Limits
from outputs.run.settings import ENGINES, RunSettings
from outputs.tools import chart, dictionary, diff, review


def _extract(args: argparse.Namespace) -> int:
    out = Path(args.out)
    settings = RunSettings(
        workers=args.workers,
        engine=args.engine,
        limits=Limits(seconds=args.limit_seconds, memory_mb=args.limit_memory_mb),
        cache_dir=Path(args.cache) if args.cache else out.parent / "cache",
        force=args.force,
    )
    report = run_batch([Path(p) for p in args.paths], out, settings=settings)
    for result in report.failures:
        print(f"failed: {result.document.path}: {result.document.reason}", file=sys.stderr)
    statuses = [r.document.status for r in report.results]
    print(
        f"{len(statuses)} documents: {statuses.count('ok')} ok, {statuses.count('partial')} partial, "
        f"{statuses.count('failed')} failed ({report.processed} processed, {report.cached} from the cache); "
        f"tables in {args.out}"
    )
    return 1 if report.failures else 0


def _add_run_options(extract: argparse.ArgumentParser) -> None:
    defaults = Limits()
    extract.add_argument("--workers", type=int, default=1, help="documents processed in parallel")
    extract.add_argument("--engine", choices=ENGINES, default="local",
                         help="dask also writes a dataset partitioned by province and year")
    extract.add_argument("--force", action="store_true", help="process every document again, ignoring the cache")
    extract.add_argument("--cache", help="folder of per-document results (default: cache/ beside --out)")
    extract.add_argument("--limit-seconds", type=float, default=defaults.seconds, help="time limit per document")
    extract.add_argument("--limit-memory-mb", type=int, default=defaults.memory_mb, help="memory limit per document")


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
