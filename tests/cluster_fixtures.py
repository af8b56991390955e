"""A Dask cluster on 127.0.0.1 in processes of its own (`dask scheduler`, `dask worker`), and a corpus of
short synthetic plans, for the cluster test and `make bench`.

Every process starts its own session, so that tearing the cluster down (or killing one worker, nanny
and all) is one signal to its process group.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from distributed import Client

from outputs.run.dask_engine import worker_environment

ROOT = Path(__file__).resolve().parent.parent
DASK = Path(sys.executable).with_name("dask")
START_SECONDS = 90


@dataclass(frozen=True)
class LoopbackCluster:
    address: str
    workers: tuple[subprocess.Popen[bytes], ...]

    def kill_worker(self, index: int) -> None:
        _kill(self.workers[index])


@contextlib.contextmanager
def loopback_cluster(workers: int, folder: Path) -> Iterator[LoopbackCluster]:
    """A scheduler and `workers` single-threaded workers, each in its own process; always torn down."""
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file = folder / "scheduler.json"
    started: list[subprocess.Popen[bytes]] = []
    try:
        started.append(_start([
            "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(scheduler_file)
        ], folder / "scheduler.log"))
        address = _address(scheduler_file, started[0])
        for index in range(workers):
            started.append(_start([
                "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard",
                "--memory-limit", "0", "--name", f"worker-{index}",
            ], folder / f"worker-{index}.log"))
        with Client(address, timeout=START_SECONDS) as client:
            client.wait_for_workers(workers, timeout=START_SECONDS)
        yield LoopbackCluster(address, tuple(started[1:]))
    finally:
        for process in reversed(started):
            _kill(process)


def _start(arguments: Sequence[str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as output:
        return subprocess.Popen([str(DASK), *arguments], cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
                                env={**os.environ, **worker_environment()}, start_new_session=True)


def _address(scheduler_file: Path, scheduler: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and scheduler.poll() is None:
        with contextlib.suppress(OSError, ValueError, KeyError):
            return str(json.loads(scheduler_file.read_text())["address"])
        time.sleep(0.2)
    raise RuntimeError(f"the Dask scheduler did not start (see {scheduler_file.with_name('scheduler.log')})")


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


SEEDS = sorted((ROOT / "corpus").glob("*.txt"))


def short_plans(folder: Path, copies: int, lines: int = 40, seeds: Sequence[Path] = SEEDS) -> list[Path]:
    """`copies` distinct short plans per seed: its first `lines` lines and a line naming the copy (the
    same content twice would be read once)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for seed in seeds:
        head = "\n".join(seed.read_text(encoding="utf-8").splitlines()[:lines])
        for copy in range(copies):
            path = folder / f"{copy:05d}_{seed.name}"
            path.write_text(f"{head}\nBản sao {copy}.\n", encoding="utf-8")
            made.append(path)
    return made
