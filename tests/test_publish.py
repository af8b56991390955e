"""Publishing as one step: a kill at any moment, a second run at the same time, a run that read nothing,
an output that cannot be written: the previous complete set stays, readers never see two runs mixed."""
from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import outputs.run.parts
from outputs.cli import main
from outputs.run.batch import run_batch
from outputs.run.publish import OutputError, check_writable, runs_folder
from outputs.schema import TABLES
from tests.factories import publish_document
from tests.paths import ROOT

# A subprocess that publishes the tables of one document, named by its argument, `times` times.
PUBLISHER = """
import sys
from pathlib import Path
from tests.factories import publish_document
out, name, times = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for run in range(times):
    publish_document(out, f"{name}{run:08d}".ljust(16, "0")[:16], f"Kế hoạch {name} {run}")
"""


def _publish_one(out: Path, doc_id: str) -> None:
    publish_document(out, doc_id, "Kế hoạch thử")


def _tables(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.parquet").read_bytes() for name in TABLES}


def _killed_during_publish(out: Path, where: str) -> int:
    """Run a publish in a subprocess that kills itself with SIGKILL at `where`."""
    script = f"""
import os, signal, sys
from pathlib import Path
import outputs.run.parts, outputs.run.publish
from tests.factories import publish_document
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
if {where!r} == "writing":
    def half(path, schema):
        path.write_bytes(b"half")
        die()
    outputs.run.parts.table_writer = half
else:  # the run folder is renamed into place, then the kill comes as the link is swapped
    real_replace = os.replace
    def replace(source, target):
        if ".link-" in str(source):
            die()
        real_replace(source, target)
    outputs.run.publish.os.replace = replace
publish_document(Path(sys.argv[1]), "ffffffffffffffff", "Kế hoạch mới")
"""
    return subprocess.run([sys.executable, "-c", script, str(out)], cwd=ROOT, timeout=120, check=False).returncode


@pytest.mark.slow  # a subprocess per kill
@pytest.mark.parametrize("where", ["writing", "swapping"])
def test_a_kill_during_publishing_leaves_the_previous_set(tmp_path: Path, where: str):
    out = tmp_path / "parquet"
    _publish_one(out, "aaaaaaaaaaaaaaaa")
    before = _tables(out)
    assert _killed_during_publish(out, where) == -signal.SIGKILL
    assert _tables(out) == before
    _publish_one(out, "bbbbbbbbbbbbbbbb")  # the next run clears what the killed one left
    folders = [p for p in runs_folder(out).iterdir() if p.is_dir()]
    assert len(folders) <= 2 and out.resolve() in folders


@pytest.mark.slow  # two publishing subprocesses
def test_concurrent_runs_publish_one_after_the_other_and_never_mix(tmp_path: Path):
    out = tmp_path / "parquet"
    _publish_one(out, "0000000000000000")
    writers = [
        subprocess.Popen([sys.executable, "-c", PUBLISHER, str(out), name, "6"], cwd=ROOT) for name in ("a", "b")
    ]
    seen = 0
    while any(writer.poll() is None for writer in writers):
        run = out.resolve()  # a reader that wants one set resolves the link once
        try:
            documents = pd.read_parquet(run / "documents.parquet")
            texts = pd.read_parquet(run / "texts.parquet")
        except FileNotFoundError:  # a set two swaps old is removed; the reader resolves again
            continue
        assert list(documents.doc_id) == list(texts.doc_id)
        seen += 1
        time.sleep(0.02)
    assert [writer.returncode for writer in writers] == [0, 0]
    documents = pd.read_parquet(out / "documents.parquet")
    assert len(documents) == 1 and documents.doc_id[0][0] in "ab" and seen > 0
    assert len([p for p in runs_folder(out).iterdir() if p.is_dir()]) <= 2


def test_a_plain_folder_of_earlier_tables_becomes_the_previous_run(tmp_path: Path):
    out = tmp_path / "parquet"
    out.mkdir()
    (out / "documents.parquet").write_bytes(b"an earlier run")
    _publish_one(out, "cccccccccccccccc")
    assert out.is_symlink() and len(pd.read_parquet(out / "documents.parquet")) == 1


def test_tables_are_readable_as_the_umask_allows(tmp_path: Path):
    previous = os.umask(0o002)
    try:
        _publish_one(tmp_path / "parquet", "dddddddddddddddd")
    finally:
        os.umask(previous)
    for name in TABLES:
        assert stat.S_IMODE((tmp_path / "parquet" / f"{name}.parquet").stat().st_mode) == 0o664, name
    assert stat.S_IMODE((tmp_path / "parquet").resolve().stat().st_mode) == 0o775


def test_a_run_that_reads_no_document_leaves_the_previous_tables(tmp_path: Path, capsys):
    out = tmp_path / "parquet"
    _publish_one(out, "eeeeeeeeeeeeeeee")
    before = _tables(out)
    empty = tmp_path / "empty folder"
    empty.mkdir()
    for inputs in ([tmp_path / "typo.txt"], [empty], [tmp_path / "typo.txt", empty]):
        report = run_batch(inputs, out)
        assert not report.published
        assert _tables(out) == before
    assert main(["extract", str(tmp_path / "typo.txt"), "--out", str(out)]) == 1
    printed = capsys.readouterr()
    assert "no document was read" in printed.out and "cannot open: No such file or directory" in printed.err
    assert _tables(out) == before


@pytest.mark.parametrize(
    "out",
    [
        "/proc/vnplan/parquet",
        "{tmp}/input.txt",
        "{tmp}/input.txt/parquet",
        "{tmp}",  # a folder holding other files
    ],
    ids=["under /proc", "an input file", "under a file", "a folder of other files"],
)
def test_an_output_that_cannot_hold_the_tables_is_refused_before_any_work(tmp_path: Path, capsys, out: str):
    (tmp_path / "input.txt").write_text("Kế hoạch", encoding="utf-8")
    before = (tmp_path / "input.txt").read_bytes()
    assert main(["extract", str(tmp_path / "input.txt"), "--out", out.format(tmp=tmp_path)]) == 2
    printed = capsys.readouterr()
    assert printed.out == "" and len(printed.err.splitlines()) == 1 and printed.err.startswith("vnplan: ")
    assert (tmp_path / "input.txt").read_bytes() == before


def test_an_unwritable_cache_is_refused_before_any_work(tmp_path: Path, capsys):
    (tmp_path / "input.txt").write_text("Kế hoạch", encoding="utf-8")
    arguments = ["extract", str(tmp_path / "input.txt"), "--out", str(tmp_path / "out"), "--cache", "/proc/cache"]
    assert main(arguments) == 2
    assert capsys.readouterr().err.startswith("vnplan: cannot write the cache to /proc/cache")


def test_check_writable_accepts_a_new_folder_and_a_link_to_a_run(tmp_path: Path):
    check_writable(tmp_path / "new" / "parquet")
    _publish_one(tmp_path / "parquet", "1111111111111111")
    check_writable(tmp_path / "parquet")
    with pytest.raises(OutputError):
        check_writable(Path("/proc/self/status"))


def test_a_disk_full_while_the_tables_are_written_is_an_output_error_and_the_previous_set_stays(
    tmp_path: Path, monkeypatch
):
    out = tmp_path / "parquet"
    _publish_one(out, "cccccccccccccccc")
    before = _tables(out)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.txt").write_text("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2026\n", encoding="utf-8")

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outputs.run.parts, "table_writer", full)
    with pytest.raises(OutputError, match="cannot write the tables to .*No space left on device"):
        run_batch([corpus], out)
    assert _tables(out) == before
