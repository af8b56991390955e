"""Where the tests find their files: the repository's seeds and goldens, and the shared folder's real documents."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
RULES = ROOT / "rules"
GOLDEN = ROOT / "tests" / "golden"
# The seeds by their number: "000" → corpus/000_9d0e9e449bb4ec6b.txt.
SEEDS = {path.name[:3]: path for path in sorted(CORPUS.glob("00*.txt"))}
# The project's shared folder (real documents, reference facts) sits beside the repository, in CI too.
SHARED = Path(os.environ.get("VNPLAN_SHARED", ROOT.parent / "shared"))
REAL_PDF = SHARED / "real-files" / "pdf"
LEGACY = SHARED / "real-files" / "legacy_encoding"
