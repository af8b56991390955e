"""The bundled repair model (normalize/tables/repair_ngrams.tsv) is what its build script makes of the clean
real texts, and it never saw a document held out for the unseen-text evaluation."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from evaluation.corpus import training_documents, unseen_documents
from normalize.repair.model import BUNDLED_TABLE
from tests.paths import ROOT, SHARED

needs_shared = pytest.mark.skipif(
    not (SHARED / "real-files/plans-dev").exists(), reason="shared real files not present"
)


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_repair_table", ROOT / "scripts" / "build_repair_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared
def test_the_bundled_repair_table_is_rebuilt_byte_for_byte(tmp_path: Path) -> None:
    rebuilt = tmp_path / "repair_ngrams.tsv"
    _build_script().built_model().save(rebuilt)
    assert rebuilt.read_bytes() == BUNDLED_TABLE.read_bytes(), "run scripts/build_repair_table.py and commit the table"


@needs_shared
def test_held_out_documents_are_outside_the_training_set() -> None:
    held = [document.path for documents in unseen_documents().values() for document in documents]
    trained = {document.path for document in training_documents()}
    assert held and not trained & set(held)
    assert all(documents for documents in unseen_documents().values())


@pytest.mark.parametrize(
    ("core", "suffix", "whole"),
    [
        ("chỉ", "", True), ("UBND", "", True), ("QĐ-UBND", "", True), ("b", ")", True),
        ("ch", "", False), ("Ngh", ".", False),
    ],
)
def test_broken_words_are_kept_out_of_training(core: str, suffix: str, whole: bool) -> None:
    assert _build_script().is_whole_word(core, suffix) is whole
