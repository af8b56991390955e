"""The bundled repair model (normalize/tables/repair_ngrams.tsv) is what its build script makes of the clean seeds."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from normalize.repair.model import BUNDLED_TABLE
from tests.paths import ROOT


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_repair_table", ROOT / "scripts" / "build_repair_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundled_repair_table_is_rebuilt_byte_for_byte(tmp_path: Path) -> None:
    script = _build_script()
    rebuilt = tmp_path / "repair_ngrams.tsv"
    script.build(script.clean_seed_paths()).save(rebuilt)
    assert rebuilt.read_bytes() == BUNDLED_TABLE.read_bytes(), "run scripts/build_repair_table.py and commit the table"
