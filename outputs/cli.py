"""The `vnplan` command."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from outputs import dictionary
from outputs.batch import run_batch


def _extract(args: argparse.Namespace) -> int:
    report = run_batch([Path(p) for p in args.paths], Path(args.out))
    for result in report.failures:
        print(f"failed: {result.document.path}: {result.document.reason}", file=sys.stderr)
    statuses = [r.document.status for r in report.results]
    print(
        f"{len(statuses)} documents: {statuses.count('ok')} ok, {statuses.count('partial')} partial, "
        f"{statuses.count('failed')} failed; tables in {args.out}"
    )
    return 1 if report.failures else 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="vnplan", description="Vietnamese plan documents → Parquet tables")
    commands = top.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="read documents and write the tables")
    extract.add_argument("paths", nargs="+", help="files or folders (folders are read recursively)")
    extract.add_argument("--out", default="outputs/parquet", help="folder for the Parquet tables")
    extract.set_defaults(run=_extract)
    for module in (dictionary,):
        module.add_command(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
