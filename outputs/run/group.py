"""A document's process and everything it started, seen from the supervising parent (Linux /proc).

Memory is what the processes hold privately: pages shared with the parent since the fork (the
imported pipeline, its tables) are not the document's doing, and counting them would make every
limit below a few hundred MB refuse every document.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

PRIVATE_FIELDS = (b"Private_Clean:", b"Private_Dirty:", b"Private_Hugetlb:")
KILOBYTE = 1024


def descendants(pid: int) -> Iterator[int]:
    """`pid` and every process below it (the kernel lists each thread's children)."""
    pending = [pid]
    while pending:
        current = pending.pop()
        yield current
        for task in _listing(Path(f"/proc/{current}/task")):
            try:
                pending += [int(child) for child in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
            except (OSError, ValueError):
                continue


def _listing(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def private_bytes(pid: int) -> int:
    """Memory the process holds that no other process shares; 0 once it is gone."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_bytes()
    except OSError:
        return 0
    total = 0
    for line in rollup.splitlines():
        if line.startswith(PRIVATE_FIELDS):
            total += int(line.split()[1]) * KILOBYTE
    return total


def group_private_bytes(pid: int) -> int:
    return sum(private_bytes(process) for process in descendants(pid))


def kill_group(pid: int | None) -> None:
    """Kill the process group `pid` leads (the document and what it started); gone already is fine."""
    if pid is None:
        return
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            continue
