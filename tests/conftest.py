"""Shared fixtures: the seed corpus run once per test session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from outputs.run.batch import BatchReport, run_batch
from tests.paths import CORPUS


@pytest.fixture(scope="session")
def clean_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds without 003, for tests of batch behaviour: restoring 003's lost glyphs takes seconds
    per run, and what those tests check does not depend on it."""
    folder = tmp_path_factory.mktemp("clean_corpus")
    for path in CORPUS.iterdir():
        if not path.name.startswith("003_"):
            shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def clean_tables(clean_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean_tables")
    run_batch([clean_corpus], out)
    return out


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[BatchReport, Path]:
    """The bundled corpus through the whole pipeline: (report, folder of Parquet tables)."""
    out = tmp_path_factory.mktemp("seed_tables")
    return run_batch([CORPUS], out), out


@pytest.fixture(scope="session")
def seed_tables(seed_run: tuple[BatchReport, Path]) -> Path:
    return seed_run[1]
