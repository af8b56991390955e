"""The bundled repair model is what scripts/build_repair_table.py builds, and it never saw a held-out document."""
from __future__ import annotations

import sys

import pytest

from evaluation.corpus import training_documents, unseen_documents
from tests.conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "scripts"))

from build_repair_table import is_whole_word, main  # noqa: E402

needs_shared = pytest.mark.skipif(
    not (SHARED / "real-files/plans-dev").exists(), reason="shared real files not present"
)


@needs_shared
def test_bundled_table_equals_the_build_output():
    assert main(["--check"]) == 0


@needs_shared
def test_held_out_documents_are_outside_the_training_set():
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
def test_broken_words_are_kept_out_of_training(core, suffix, whole):
    assert is_whole_word(core, suffix) is whole
