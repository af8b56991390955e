"""Build normalize/tables/repair_ngrams.tsv, the bundled repair model, from the clean seed documents.

Usage: .venv/bin/python scripts/build_repair_table.py [clean.txt ...]   (default: the clean seeds)
"""
from __future__ import annotations

import sys
from pathlib import Path

from normalize.repair.model import BUNDLED_TABLE, RepairModel

CLEAN_SEEDS = ("000", "001", "002", "004")  # 003 is the damaged one
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def clean_seed_paths() -> list[Path]:
    return [path for prefix in CLEAN_SEEDS for path in sorted(CORPUS.glob(f"{prefix}_*.txt"))]


def main(arguments: list[str]) -> None:
    paths = [Path(argument) for argument in arguments] or clean_seed_paths()
    model = RepairModel.train(path.read_text(encoding="utf-8") for path in paths)
    model.save(BUNDLED_TABLE)
    print(f"{BUNDLED_TABLE}: {len(model.unigrams)} units, {len(model.bigrams)} bigrams from {len(paths)} documents")


if __name__ == "__main__":
    main(sys.argv[1:])
