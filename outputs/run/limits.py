"""Each document in its own process, bounded in time and memory, so one bad file never stops a batch.

The child is forked (nothing to pickle on the way in; the pipeline is already imported) and sends its
result back through a pipe. A child over the time limit is killed; one over the memory limit gets a
MemoryError from `RLIMIT_AS`; one that crashes (a segfault in a PDF library) is reported as such.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import resource
import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from normalize import Step
from outputs.run.build import failed, process
from outputs.run.cache import encode
from outputs.run.result import ManifestFacts

MEGABYTE = 1 << 20
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# How often a waiting supervisor looks for an interrupted run.
POLL_SECONDS = 0.1
# Set when the run is interrupted: supervisors kill their children and return at once.
STOP = threading.Event()


@dataclass(frozen=True)
class Limits:
    seconds: float = 600.0
    memory_mb: int = 4096


@dataclass(frozen=True)
class Job:
    path: Path
    facts: ManifestFacts | None = None
    steps: Sequence[Step] | None = None


@dataclass(frozen=True)
class Outcome:
    """An encoded `DocumentResult`; `cacheable` is false where the limits or a crash decided it."""

    payload: dict[str, Any]
    cacheable: bool


def _processed(job: Job) -> dict[str, Any]:
    """The document's result, encoded for the pipe."""
    return encode(process(job.path, job.facts, job.steps))


def _failed(job: Job, reason: str) -> dict[str, Any]:
    return encode(failed(job.path, reason, job.facts or ManifestFacts()))


def _die_with_parent() -> None:
    """A run killed with SIGKILL cannot stop its children; the kernel does it for it."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _child(job: Job, memory_mb: int, sender: Connection) -> None:
    _die_with_parent()
    # Ctrl-C reaches the whole process group; the parent reports it, the children just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * MEGABYTE, hard))
    try:
        sender.send((_processed(job), True))
    except MemoryError:
        sender.send((_failed(job, f"over the memory limit of {memory_mb} MB"), False))


def run_limited(job: Job, limits: Limits) -> Outcome:
    """The per-document function of every engine: pure in effect, it writes nothing."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_child, args=(job, limits.memory_mb, sender))
    worker.start()
    sender.close()
    try:
        return _wait(job, limits, receiver, worker)
    finally:
        if worker.is_alive():
            worker.kill()
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
    if STOP.is_set():
        return Outcome(_failed(job, "the run was interrupted"), False)
    return Outcome(_failed(job, f"over the time limit of {limits.seconds:g} s"), False)
