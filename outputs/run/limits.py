"""Each document in its own process, bounded in time and memory, so one bad file never stops a batch.

The child is forked (nothing to pickle on the way in; the pipeline is already imported) and sends its
result back through a pipe. It starts its own process group, so that what it runs (tesseract) is
killed with it. The parent watches the private resident memory of the child and what it started
(outputs/run/group.py): an address-space limit set after the fork would count the hundreds of MB the
pipeline already maps, and not what a reader really holds. A child over a limit is killed and
reported; one that crashes (a segfault in a PDF library) is reported as such. The parent never opens
the document: it knows it by the hash it took before.
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from extract import DEFAULT_LIMITS
from normalize import Step
from outputs.run.build import failed, process
from outputs.run.cache import encode
from outputs.run.group import group_private_bytes, kill_group
from outputs.run.result import ManifestFacts

MEGABYTE = 1 << 20
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# How often a waiting supervisor looks for a result, an interrupted run and the child's memory.
POLL_SECONDS = 0.1
# Set when the run is interrupted: supervisors kill their children and return at once.
STOP = threading.Event()


@dataclass(frozen=True)
class Limits:
    seconds: float = 600.0
    # Resident memory of the document's process and everything it starts (tesseract, LibreOffice).
    memory_mb: int = 4096
    # Bigger input files are not read at all.
    input_mb: int = DEFAULT_LIMITS.max_file_bytes // MEGABYTE

    @property
    def input_bytes(self) -> int:
        return self.input_mb * MEGABYTE


@dataclass(frozen=True)
class Job:
    path: Path
    sha256: str
    facts: ManifestFacts | None = None
    steps: Sequence[Step] | None = None
    # Other paths the same content was given under.
    duplicates: tuple[Path, ...] = ()
    # A file that has grown past this since it was hashed is not read.
    max_bytes: int = DEFAULT_LIMITS.max_file_bytes


@dataclass(frozen=True)
class Outcome:
    """An encoded `DocumentResult`; `cacheable` is false where the limits or a crash decided it."""

    payload: dict[str, Any]
    cacheable: bool


def _processed(job: Job) -> dict[str, Any]:
    """The document's result, encoded for the pipe."""
    return encode(process(job.path, job.facts, job.steps, job.sha256, job.max_bytes))


def _failed(job: Job, reason: str) -> dict[str, Any]:
    return encode(failed(job.path, reason, job.facts, job.sha256))


def _die_with_parent() -> None:
    """A run killed with SIGKILL cannot stop its children; the kernel does it for it."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _child(job: Job, memory_mb: int, sender: Connection) -> None:
    os.setpgid(0, 0)  # Ctrl-C at the terminal reaches the parent only; it stops the children itself
    _die_with_parent()
    _cap_address_space(memory_mb)
    try:
        sender.send((_processed(job), True))
    except MemoryError:
        sender.send((_failed(job, f"over the memory limit of {memory_mb} MB"), False))


def _cap_address_space(memory_mb: int) -> None:
    """A backstop for what the parent's watch is too slow to see (gigabytes allocated at once): growth of
    the address space beyond twice the limit, since reservations run ahead of resident memory."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    mapped = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    cap = mapped + 2 * memory_mb * MEGABYTE
    resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))


def _own_group(pid: int | None) -> None:
    """Also set by the parent, so that a kill right after the start already reaches the group."""
    if pid is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.setpgid(pid, pid)


def run_limited(job: Job, limits: Limits) -> Outcome:
    """The per-document function of every engine: pure in effect, it writes nothing."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_child, args=(job, limits.memory_mb, sender))
    worker.start()
    _own_group(worker.pid)
    sender.close()
    try:
        return _wait(job, limits, receiver, worker)
    finally:
        kill_group(worker.pid)
        worker.join()
        receiver.close()


def _wait(job: Job, limits: Limits, receiver: Connection, worker: Any) -> Outcome:
    deadline = time.monotonic() + limits.seconds
    while time.monotonic() < deadline and not STOP.is_set():
        if receiver.poll(POLL_SECONDS):
            try:
                payload, cacheable = receiver.recv()
            except EOFError:
                worker.join()
                return Outcome(_failed(job, f"the reader crashed (exit code {worker.exitcode})"), False)
            return Outcome(payload, cacheable)
        if group_private_bytes(worker.pid) > limits.memory_mb * MEGABYTE:
            kill_group(worker.pid)
            return Outcome(_failed(job, f"over the memory limit of {limits.memory_mb} MB"), False)
    if STOP.is_set():
        return Outcome(_failed(job, "the run was interrupted"), False)
    return Outcome(_failed(job, f"over the time limit of {limits.seconds:g} s"), False)
