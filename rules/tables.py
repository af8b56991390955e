"""The one reader of the rule families' data tables: tab-separated, a header line, "#" comment lines.

Quotes are data, not CSV quoting (a pattern may hold '"'), and blank lines are skipped.
"""
from __future__ import annotations

import csv
from pathlib import Path


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated table with a header line; lines starting with '#' are comments."""
    with open(path, encoding="utf-8", newline="") as handle:
        content = (line for line in handle if line.strip() and not line.startswith("#"))
        return [dict(row) for row in csv.DictReader(content, delimiter="\t", quoting=csv.QUOTE_NONE)]
