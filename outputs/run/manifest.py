"""corpus/manifest.csv: facts about corpus files that the documents themselves may not state."""
from __future__ import annotations

import csv
from pathlib import Path

from outputs.run.result import ManifestFacts

MANIFEST_NAME = "manifest.csv"


def _year(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def read_manifest(path: Path) -> dict[str, ManifestFacts]:
    """File name → facts. Columns: file, province, district, admin_level, period, description."""
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    facts = {}
    for row in rows:
        first, _, last = (row.get("period") or "").partition("-")
        facts[row["file"]] = ManifestFacts(
            province=row.get("province") or None,
            district=row.get("district") or None,
            admin_level=row.get("admin_level") or None,
            period_start=_year(first),
            period_end=_year(last or first),
            note=row.get("description") or None,
        )
    return facts
