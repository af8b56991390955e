"""Golden findings of the seed documents: load a seed as the rules see it and compare rows to a golden file.

A golden file (tests/golden/<table>_<seed>.json) is written by reading the seed, not by running the
rules: {"seed": file name, "note": how it was read, "meta": DocumentMeta fields, "rows": [...]}, and for a
damaged seed "min_accuracy": {field: share of the rows that must read right}. A row marked
"status": "known_failure" is a finding the rules do not make yet; it is left out of the expected rows,
and the tests check it stays missing, so fixing it means updating the golden file.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rules.context import Context
from rules.findings import DocumentMeta
from tests.paths import GOLDEN
from tests.seeds import normalized_seed


@dataclass(frozen=True)
class Golden:
    ctx: Context
    expected: list[dict[str, Any]]
    known_failures: list[dict[str, Any]]


@dataclass(frozen=True)
class GoldenFile:
    """A golden file as written."""

    seed: str
    note: str
    meta: dict[str, Any]
    rows: list[dict[str, Any]]
    min_accuracy: dict[str, float] = field(default_factory=dict)


def read_golden(name: str) -> GoldenFile:
    """tests/golden/<name>.json, e.g. read_golden("targets_003")."""
    return GoldenFile(**json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8")))


def load(name: str) -> Golden:
    """A golden file with the seed's context as the rules see it, its known failures apart."""
    data = read_golden(name)
    rows = data.rows
    known = [_row(r) for r in rows if r.get("status") == "known_failure"]
    ctx = Context(normalized_seed(data.seed), DocumentMeta(**data.meta), ())
    return Golden(ctx, [_row(r) for r in rows if "status" not in r], known)


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


# Damaged seeds (003): the golden rows are the truth, read by hand. Text the rules cannot read right yet is
# named per row under "known_gap": {field: reason}, or {"row": reason} for a row not found at all. Every
# other field must read right, and every known gap must still read wrong, so that a better restoration
# fails the test until the gap is struck from the golden file (like a strict xfail).
GAP = "known_gap"
ROW = "row"


@dataclass(frozen=True)
class TruthCheck:
    accuracy: dict[str, float]  # per field: share of the truth rows read right
    regressions: list[str]  # fields not listed as known gaps that read wrong
    closed_gaps: list[str]  # known gaps that now read right: strike them from the golden file
    spurious: list[dict[str, Any]]  # found rows that are no truth row

    def report(self) -> str:
        return f"regressions {self.regressions}\nclosed gaps {self.closed_gaps}\nspurious {self.spurious}"


def check_truth(
    found: list[dict[str, Any]],
    truth: list[dict[str, Any]],
    fields: tuple[str, ...],
    row_id: Any,
    same: Any = None,
    identity: tuple[str, ...] = (),
) -> TruthCheck:
    """Pair found rows with truth rows in document order, then compare them field by field.

    A found row stands for a truth row when most of their fields agree, or one of the `identity` fields
    does; `same(field, truth, found)` says whether two values agree (equality unless given).
    `row_id(truth_row)` names a row in messages.
    """
    agree = same or (lambda _field, expected, value: expected == value)

    def score(f: dict[str, Any], t: dict[str, Any]) -> int:
        return sum(agree(k, t[k], f.get(k)) for k in fields)

    def pairable(f: dict[str, Any], t: dict[str, Any]) -> bool:
        return score(f, t) * 2 > len(fields) or any(agree(k, t[k], f.get(k)) for k in identity)

    pairs = _align(found, truth, pairable, score)
    right = {k: 0 for k in fields}
    regressions, closed = [], []
    for index, expected in enumerate(truth):
        gaps = expected.get(GAP, {})
        row = pairs.get(index)
        if row is None:
            if ROW not in gaps:
                regressions.append(f"{row_id(expected)}: not found")
            continue
        if ROW in gaps:
            closed.append(f"{row_id(expected)}: found")
        for k in fields:
            ok = agree(k, expected[k], row.get(k))
            right[k] += ok
            if ok and k in gaps:
                closed.append(f"{row_id(expected)}.{k} = {expected[k]!r}")
            elif not ok and k not in gaps and ROW not in gaps:
                regressions.append(f"{row_id(expected)}.{k}: {row.get(k)!r} for {expected[k]!r}")
    paired = {id(row) for row in pairs.values()}
    spurious = [row for row in found if id(row) not in paired]
    return TruthCheck({k: right[k] / len(truth) for k in fields}, regressions, closed, spurious)


def _align(found: list[Any], truth: list[Any], pairable: Any, score: Any) -> dict[int, Any]:
    """The order-keeping pairing of truth and found rows with the most agreeing fields (edit-distance table)."""
    best = [[0] * (len(found) + 1) for _ in range(len(truth) + 1)]
    for i in range(len(truth) - 1, -1, -1):
        for j in range(len(found) - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            if pairable(found[j], truth[i]):
                options.append(score(found[j], truth[i]) + best[i + 1][j + 1])
            best[i][j] = max(options)
    pairs, i, j = {}, 0, 0
    while i < len(truth) and j < len(found):
        if pairable(found[j], truth[i]) and best[i][j] == score(found[j], truth[i]) + best[i + 1][j + 1]:
            pairs[i] = found[j]
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs
