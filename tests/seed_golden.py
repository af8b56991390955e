"""Golden findings of the seed documents: load a seed as the rules see it and compare rows to a golden file.

A golden file (tests/golden/<table>_<seed>.json) is written by reading the seed, not by running the
rules: {"seed": file name, "meta": DocumentMeta fields, "rows": [...]}. A row marked
"status": "known_failure" is a finding the rules do not make yet; it is left out of the expected rows,
and the tests check it stays missing, so fixing it means updating the golden file.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from normalize import normalize
from rules.context import Context
from rules.findings import DocumentMeta

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


@dataclass(frozen=True)
class Golden:
    ctx: Context
    expected: list[dict[str, Any]]
    known_failures: list[dict[str, Any]]


def load(name: str) -> Golden:
    data = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    raw = (ROOT / "corpus" / data["seed"]).read_text(encoding="utf-8")
    meta = DocumentMeta(**data.get("meta", {}))
    rows = data["rows"]
    known = [_row(r) for r in rows if r.get("status") == "known_failure"]
    return Golden(Context(normalize(raw).text, meta, ()), [_row(r) for r in rows if "status" not in r], known)


def _row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "status"}


def plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value


def rows_of(ctx: Context, findings: tuple[Any, ...], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """Findings as golden rows: the named fields, plus the snippet their offsets point at."""
    return [{"snippet": ctx.text[f.start : f.end]} | {k: plain(getattr(f, k)) for k in fields} for f in findings]


def _key(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def precision_recall(found: list[dict[str, Any]], expected: list[dict[str, Any]]) -> tuple[float, float]:
    hits = sum((Counter(map(_key, found)) & Counter(map(_key, expected))).values())
    return (hits / len(found) if found else 1.0), (hits / len(expected) if expected else 1.0)


def missing_and_spurious(found: list[dict[str, Any]], expected: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    found_keys, expected_keys = Counter(map(_key, found)), Counter(map(_key, expected))
    return sorted((expected_keys - found_keys).elements()), sorted((found_keys - expected_keys).elements())
