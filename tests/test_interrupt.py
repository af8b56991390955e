"""An interrupted run (Ctrl-C or kill -9) leaves the previous complete tables readable and unchanged."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from outputs.schema import TABLES
from tests.paths import ROOT

pytestmark = pytest.mark.slow  # runs the CLI and kills it

COPIES = 30
WAIT_SECONDS = 60


def _command(corpus: Path, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "outputs", "extract", str(corpus), "--out", str(out), *options]


def _long_corpus(source: Path, folder: Path) -> Path:
    """Copies of the seeds, each different by a line so none is a cache hit of another."""
    folder.mkdir()
    for copy in range(COPIES):
        for seed in source.glob("*.txt"):
            text = seed.read_text(encoding="utf-8")
            (folder / f"{copy:02d}_{seed.name}").write_text(f"{text}\nBản sao {copy}\n", encoding="utf-8")
    return folder


def _tables(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.parquet").read_bytes() for name in TABLES}


def _wait_for_first_result(cache: Path, process: subprocess.Popen) -> None:
    """The run is under way once a document's result is in the cache."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not any(cache.rglob("*.json.gz")):
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)


def _as_from_a_terminal() -> None:
    """Ctrl-C as a terminal delivers it. A suite started in the background by a script (`make test &`)
    ignores SIGINT, and so would the command, as POSIX wants of background jobs."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def previous_run(clean_corpus: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "parquet"
    subprocess.run(_command(clean_corpus, out), cwd=ROOT, check=True, capture_output=True)
    return out, _tables(out)


@pytest.mark.parametrize("interrupt", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_an_interrupted_run_leaves_the_previous_tables(
    clean_corpus: Path, tmp_path: Path, previous_run, interrupt: signal.Signals
):
    out, before = previous_run
    cache = tmp_path / "interrupted cache"
    process = subprocess.Popen(
        _command(_long_corpus(clean_corpus, tmp_path / "long"), out, "--cache", str(cache)),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_from_a_terminal,
    )
    _wait_for_first_result(cache, process)
    os.kill(process.pid, interrupt)
    _, stderr = process.communicate(timeout=WAIT_SECONDS)
    assert _tables(out) == before
    for name in TABLES:
        assert pq.read_table(out / f"{name}.parquet").num_rows == pq.read_metadata(out / f"{name}.parquet").num_rows
    if interrupt == signal.SIGINT:
        assert process.returncode == 130
        assert "Traceback" not in stderr
        assert "interrupted" in stderr
    else:
        assert process.returncode == -signal.SIGKILL
