"""The batch runner: incremental runs from the cache, per-document limits, crashes, staged publishing."""

from __future__ import annotations

import faulthandler
import gc
import os
import shutil
import signal
import time
import weakref
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import outputs.run.cache
from normalize import default_steps
from normalize.offsets import Edit
from normalize.steps import NamedStep
from outputs.dataset import read_table_dataset
from outputs.run.batch import run_batch
from outputs.run.cache import pipeline_version
from outputs.run.limits import Job, Limits
from outputs.run.local_engine import run_local
from outputs.run.parts import DATASET
from outputs.run.publish import runs_folder
from outputs.run.settings import RunSettings
from outputs.schema import TABLES

pytestmark = pytest.mark.slow  # whole batches, each document in its own process

# A document holding this word misbehaves in the steps below; the others must not notice.
MARKER = "HỎNGHÓC"


def _corpus(source: Path, folder: Path, extra: dict[str, str] | None = None) -> Path:
    shutil.copytree(source, folder)
    for name, text in (extra or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _misbehaving(name: str, action) -> list[NamedStep]:  # type: ignore[no-untyped-def]
    def step(text: str) -> list[Edit]:
        if MARKER in text:
            action()
        return []

    return [NamedStep(name, step), *default_steps()]


def _documents(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "documents.parquet").set_index("path")


def test_a_second_run_processes_nothing_and_writes_identical_tables(clean_corpus: Path, tmp_path: Path):
    settings = RunSettings(cache_dir=tmp_path / "cache")
    first = run_batch([clean_corpus], tmp_path / "first", settings=settings)
    second = run_batch([clean_corpus], tmp_path / "second", settings=settings)
    assert (first.processed, first.cached) == (4, 0)
    assert (second.processed, second.cached) == (0, 4)
    for name in TABLES:
        table = f"{name}.parquet"
        assert (tmp_path / "second" / table).read_bytes() == (tmp_path / "first" / table).read_bytes(), name


def test_force_processes_every_document_again(clean_corpus: Path, tmp_path: Path):
    settings = RunSettings(cache_dir=tmp_path / "cache")
    run_batch([clean_corpus], tmp_path / "out", settings=settings)
    forced = run_batch([clean_corpus], tmp_path / "out", settings=RunSettings(cache_dir=tmp_path / "cache", force=True))
    assert (forced.processed, forced.cached) == (4, 0)


def test_only_a_changed_document_is_processed_again_and_moved_files_keep_their_new_path(
    clean_corpus: Path, tmp_path: Path
):
    corpus = _corpus(clean_corpus, tmp_path / "corpus")
    settings = RunSettings(cache_dir=tmp_path / "cache")
    run_batch([corpus], tmp_path / "out", settings=settings)
    changed = corpus / "002_a722a371755104b7.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nPhụ lục bổ sung.\n", encoding="utf-8")
    moved = corpus.rename(tmp_path / "moved corpus")
    report = run_batch([moved], tmp_path / "out", settings=settings)
    assert (report.processed, report.cached) == (1, 3)
    assert set(_documents(tmp_path / "out").index) == {str(p) for p in moved.glob("*.txt")}


def test_the_cache_key_changes_with_the_steps_and_their_model(clean_corpus: Path, tmp_path: Path):
    run_batch([clean_corpus], tmp_path / "out", settings=RunSettings(cache_dir=tmp_path / "cache"))
    retrained = RunSettings(cache_dir=tmp_path / "cache", steps_key="repair model trained on batch 2")
    assert run_batch([clean_corpus], tmp_path / "out", settings=retrained).processed == 4


def test_the_pipeline_version_follows_every_source_file_and_data_table(tmp_path: Path, monkeypatch):
    for package in outputs.run.cache.PIPELINE_PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "module.py").write_text("X = 1\n")
    (tmp_path / "rules" / "patterns.tsv").write_text("a\tb\n")
    monkeypatch.setattr(outputs.run.cache, "ROOT", tmp_path)
    versions = []
    for edit in (None, "rules/patterns.tsv", "extract/module.py", "data/parquet/documents.py"):
        if edit:
            (tmp_path / edit).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / edit).write_text("changed\n")
        pipeline_version.cache_clear()
        versions.append(pipeline_version())
    pipeline_version.cache_clear()
    assert len(set(versions[:3])) == 3, "a changed table or module must change the version"
    assert versions[3] == versions[2], "what a run writes (data/) is not part of the version"


def test_a_document_over_the_time_limit_fails_and_the_batch_goes_on(clean_corpus: Path, tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "slow.txt").write_text(f"Kế hoạch {MARKER}\n", encoding="utf-8")
    good = clean_corpus / "002_a722a371755104b7.txt"  # the smallest seed: well inside the limit even on a busy machine
    shutil.copy(good, corpus)
    steps = _misbehaving("hang", lambda: time.sleep(600))
    run_batch([corpus], tmp_path / "out", steps, RunSettings(workers=2, limits=Limits(seconds=8)))
    documents = _documents(tmp_path / "out")
    slow = documents.loc[str(corpus / "slow.txt")]
    assert (slow.status, slow.reason) == ("failed", "over the time limit of 8 s")
    assert documents.loc[str(corpus / good.name)].status == "ok"  # the seed has no header: no warning, nothing else


def test_a_document_over_the_memory_limit_fails_and_the_batch_goes_on(clean_corpus: Path, tmp_path: Path):
    corpus = _corpus(clean_corpus, tmp_path / "corpus", {"huge.txt": f"Kế hoạch {MARKER}\n"})
    steps = _misbehaving("hog", lambda: bytearray(8 << 30))
    run_batch([corpus], tmp_path / "out", steps, RunSettings(limits=Limits(memory_mb=3072)))
    documents = _documents(tmp_path / "out")
    assert documents.loc[str(corpus / "huge.txt")].reason == "over the memory limit of 3072 MB"
    assert (documents.drop(index=str(corpus / "huge.txt")).status != "failed").all()


def test_a_reader_that_crashes_fails_only_its_document(clean_corpus: Path, tmp_path: Path):
    corpus = _corpus(clean_corpus, tmp_path / "corpus", {"crash.txt": f"Kế hoạch {MARKER}\n"})
    steps = _misbehaving("segfault", lambda: (faulthandler.disable(), os.kill(os.getpid(), signal.SIGSEGV)))
    run_batch([corpus], tmp_path / "out", steps)
    documents = _documents(tmp_path / "out")
    assert documents.loc[str(corpus / "crash.txt")].reason == f"the reader crashed (exit code -{signal.SIGSEGV:d})"
    assert (documents.status != "failed").sum() == 4


def test_a_killed_run_leaves_no_folder_behind_after_the_next_run(clean_corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    abandoned = runs_folder(out) / f".20260101T000000-{2**22 + 7}-x"  # above any pid this machine hands out
    abandoned.mkdir(parents=True)
    (abandoned / "documents.parquet").write_bytes(b"half written")
    run_batch([clean_corpus], out)
    assert not abandoned.exists()
    assert [p.resolve() for p in runs_folder(out).iterdir() if p.is_dir()] == [out.resolve()]
    assert sorted(p.name for p in out.iterdir()) == sorted([*(f"{name}.parquet" for name in TABLES), DATASET])


def test_parallel_workers_give_the_same_tables(clean_corpus: Path, tmp_path: Path):
    run_batch([clean_corpus], tmp_path / "one", settings=RunSettings(workers=1))
    run_batch([clean_corpus], tmp_path / "three", settings=RunSettings(workers=3))
    for name in TABLES:
        table = f"{name}.parquet"
        assert (tmp_path / "three" / table).read_bytes() == (tmp_path / "one" / table).read_bytes(), name


def test_the_local_engine_writes_the_dataset_and_the_single_files_with_the_same_rows(clean_tables: Path):
    for name in TABLES:
        rows = pq.read_metadata(clean_tables / f"{name}.parquet").num_rows
        assert read_table_dataset(clean_tables / DATASET, name).count_rows() == rows, name
    assert not list(clean_tables.rglob(".results*"))  # the run's spilled results are not published


def test_no_finished_result_is_kept_while_a_run_goes_on(clean_corpus: Path):
    """Each outcome is let go once the batch has spilled it: memory stays flat in the corpus's size."""
    jobs = [Job(path, "0" * 64) for path in sorted(clean_corpus.iterdir())]
    outcomes = run_local(jobs, 2, Limits())
    first = weakref.ref(next(outcomes)[1])
    next(outcomes)
    gc.collect()
    assert first() is None  # while the run still goes on
    assert len(list(outcomes)) == len(jobs) - 2


def test_a_damaged_cache_entry_is_processed_again(clean_corpus: Path, tmp_path: Path):
    settings = RunSettings(cache_dir=tmp_path / "cache")
    run_batch([clean_corpus], tmp_path / "out", settings=settings)
    entry = next((tmp_path / "cache").rglob("*.json.gz"))
    entry.write_bytes(b"not gzip")
    report = run_batch([clean_corpus], tmp_path / "out", settings=settings)
    assert (report.processed, report.cached) == (1, 3)
    assert not report.failures
