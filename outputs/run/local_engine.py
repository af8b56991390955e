"""The local engine: threads only wait, each document runs in its own forked, bounded process."""
from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed

from tqdm import tqdm

from outputs.run.limits import STOP, Job, Limits, Outcome, run_limited

# A progress bar is worth its lines on stderr only when a run is long.
PROGRESS_MIN_DOCUMENTS = 10


def run_local(jobs: Sequence[Job], workers: int, limits: Limits) -> Iterator[tuple[int, Outcome]]:
    """Each job's index and outcome, as they finish."""
    STOP.clear()
    executor = ThreadPoolExecutor(max_workers=max(workers, 1))
    try:
        futures = {executor.submit(run_limited, job, limits): i for i, job in enumerate(jobs)}
        with _progress(len(jobs)) as bar:
            for future in as_completed(futures):
                bar.update()
                yield futures[future], future.result()
    finally:
        STOP.set()  # an interrupted run: every supervisor kills its child and returns
        executor.shutdown(wait=True, cancel_futures=True)
        STOP.clear()


def _progress(total: int) -> tqdm:
    show = total > PROGRESS_MIN_DOCUMENTS or sys.stderr.isatty()
    return tqdm(total=total, unit="doc", file=sys.stderr, disable=not show or total == 0)
