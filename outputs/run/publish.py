"""Publishing a run's tables as one step, so that readers never see tables of two runs.

`--out` (e.g. data/parquet) is a symbolic link to the folder of the last complete run
(data/runs/parquet/<run id>/). A run writes every table into a new folder of its own, then swaps the
link with one rename: a kill at any moment leaves the previous set or the new one, never a mix, and
`pd.read_parquet("data/parquet/targets.parquet")` reads through the link. Runs into the same `--out`
take a lock for the swap, so they publish one after the other; the previous run's folder is kept for
readers still holding its files, older ones are removed.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extract.names import printable_path
from outputs.write import folder_mode

RUNS = "runs"
LOCK = ".lock"
WRITING = "."
# What an earlier version left in a plain --out folder; a folder holding anything else is not ours to move.
OUR_FILES = (".parquet", "dataset", ".staging-")


class OutputError(Exception):
    """One line: why the tables cannot be written where asked."""


def runs_folder(out: Path) -> Path:
    """Where the run folders behind `out` live: `data/runs/parquet/` for `--out data/parquet`."""
    return out.parent / RUNS / out.name


@contextlib.contextmanager
def writing_tables_to(out: Path) -> Iterator[None]:
    """A disk error while the tables are written (a full disk, a folder made read-only) is an OutputError
    naming `out`; the previous tables stay."""
    try:
        yield
    except OSError as error:
        raise OutputError(f"cannot write the tables to {printable_path(out)}: {error.strerror or error}") from error


def check_writable(out: Path) -> None:
    """Before any work: `out` can become the link to a new run. OutputError says why not."""
    shown = printable_path(out)
    if out.is_symlink():
        if not out.is_dir():
            raise OutputError(f"--out {shown} is a link to something that is not a folder")
    elif out.is_file() or (out.exists() and not out.is_dir()):
        raise OutputError(f"--out {shown} is a file, not a folder for the tables")
    elif out.is_dir() and not _only_tables(out):
        raise OutputError(f"--out {shown} is a folder holding other files; give a new or empty folder")
    with writing_tables_to(out):
        runs_folder(out).mkdir(parents=True, exist_ok=True)
        for folder in (out.parent, runs_folder(out)):
            with tempfile.TemporaryFile(dir=folder):
                pass


def _only_tables(folder: Path) -> bool:
    return all(entry.name.endswith(OUR_FILES[0]) or entry.name.startswith(OUR_FILES[1:]) for entry in folder.iterdir())


def new_run(out: Path) -> Path:
    """An empty folder for this run's tables, hidden while it is written and named by time and process
    (so that the folder of a killed run can be told from one still being written)."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    folder = Path(tempfile.mkdtemp(prefix=f"{WRITING}{stamp}-{os.getpid()}-", dir=runs_folder(out)))
    folder.chmod(folder_mode())
    return folder


def swap(out: Path, run: Path) -> None:
    """Point `out` at the written `run` with one rename, under the lock; then remove the runs nobody
    reads any more: all but the new one and the one before it (readers may still hold its files)."""
    with _locked(runs_folder(out)), _interrupts_deferred():
        previous = _current(out) or _adopt_plain_folder(out)
        written = run.with_name(run.name.removeprefix(WRITING))
        os.replace(run, written)
        link = out.with_name(f".{out.name}.link-{os.getpid()}")
        link.unlink(missing_ok=True)
        link.symlink_to(os.path.relpath(written, out.parent))
        os.replace(link, out)
        _prune(runs_folder(out), keep={written.resolve(), previous})


def _current(out: Path) -> Path | None:
    return Path(os.path.realpath(out)) if out.is_symlink() else None


def _adopt_plain_folder(out: Path) -> Path | None:
    """A plain folder of tables from before runs were folders becomes a run folder itself."""
    if not out.is_dir() or out.is_symlink():
        return None
    adopted = runs_folder(out) / f"earlier-{os.getpid()}"
    os.replace(out, adopted)
    return adopted.resolve()


def _prune(runs: Path, keep: set[Path | None]) -> None:
    for folder in runs.iterdir():
        being_written = folder.name.startswith(WRITING) and _owner_alive(folder.name)
        if folder.is_dir() and folder.resolve() not in keep and not being_written:
            shutil.rmtree(folder, ignore_errors=True)


def _owner_alive(name: str) -> bool:
    """A folder being written is named .<time>-<pid>-<random>: while that process lives, it may be writing."""
    parts = name.removeprefix(WRITING).split("-")
    if len(parts) < 3 or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _locked(runs: Path) -> Iterator[None]:
    with open(runs / LOCK, "a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX)
                break
            except OSError as error:
                if error.errno != errno.EINTR:
                    raise
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Ctrl-C or SIGTERM during the swap is acted on after it, so the lock is always released."""
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
