"""Score the pipeline on real documents against hand-read goldens (`make eval-real`).

A golden is tests/golden/real/<table>/<stem>.json: {"source": path relative to the shared folder,
"note": ..., "fields": {...}} for `documents` (scored field by field), {"rows": [...]} for the
finding tables (scored as precision / recall / F1 of a multiset match on each table's key fields).
A source under "real-files/" is read from the shared folder; any other source is a path inside
the repository (plans found beyond the shared folder, kept with their origin in tests/real_plans/).
A table without a golden file for a document is not scored for it; an empty "rows" is: every
prediction there is a false positive. Seeds are never scored here: they are what the rules grew on.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "real"
SHARED = Path(os.environ.get("VNPLAN_SHARED", ROOT.parent / "shared"))

Row = Mapping[str, Any]
Key = tuple[Any, ...]


def _text(value: Any) -> str | None:
    return None if value is None else regex.sub(r"\s+", " ", str(value)).strip().casefold()


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return None


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _number(value: Any) -> str | None:
    return None if value is None else regex.sub(r"\s+", "", str(value)).upper()


def _reference_key(row: Row) -> Key:
    if row.get("number"):
        return (row.get("ref_type"), _number(row["number"]), _iso(row.get("issue_date")))
    return (row.get("ref_type"), _text(row.get("title")))


@dataclass(frozen=True)
class TableSpec:
    """How rows of one finding table are matched, and which other fields are checked among matches."""

    key: Callable[[Row], Key]
    checked: tuple[str, ...] = ()


TABLES: dict[str, TableSpec] = {
    "references": TableSpec(_reference_key, ("issuer", "title")),
    "targets": TableSpec(
        lambda r: (r.get("comparator"), _decimal(r.get("value")), r.get("unit")), ("target_year", "value_max")
    ),
    "deadlines": TableSpec(
        lambda r: (r.get("kind"), _iso(r.get("start_date")), _iso(r.get("end_date")), r.get("recurrence"))
    ),
    "assignments": TableSpec(lambda r: (_text(r.get("agency")), r.get("role"))),
}


@dataclass
class Tally:
    """Counts of one table, or of one checked field among matched rows."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    field_right: Counter[str] = field(default_factory=Counter)
    field_total: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        self.field_right.update(other.field_right)
        self.field_total.update(other.field_total)
        self.misses.extend(other.misses)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _comparable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal) or (isinstance(value, str) and _decimal(value) is not None):
        return _decimal(value)
    return _text(value) if isinstance(value, str) else value


def score_rows(name: str, spec: TableSpec, expected: list[Row], found: list[Row]) -> Tally:
    """Multiset match of expected against found rows on the table's key."""
    tally = Tally()
    pool: dict[Key, list[Row]] = {}
    for row in found:
        pool.setdefault(spec.key(row), []).append(row)
    for row in expected:
        candidates = pool.get(spec.key(row))
        if not candidates:
            tally.false_negatives += 1
            tally.misses.append(f"{name}: missed {_show(row)}")
            continue
        match = candidates.pop(0)
        tally.true_positives += 1
        for checked in spec.checked:
            if checked in row:
                tally.field_total[checked] += 1
                right = _comparable(row[checked]) == _comparable(match.get(checked))
                tally.field_right[checked] += right
                if not right:
                    wrong = f"{checked} {match.get(checked)!r} for {row[checked]!r}"
                    tally.misses.append(f"{name}: {wrong} in {_show(row)}")
    for rows in pool.values():
        for row in rows:
            tally.false_positives += 1
            tally.misses.append(f"{name}: extra {_show(row)}")
    return tally


def score_fields(name: str, expected: Mapping[str, Any], found: Row) -> Tally:
    tally = Tally()
    for column, value in expected.items():
        tally.field_total[column] += 1
        right = _comparable(value) == _comparable(found.get(column))
        tally.field_right[column] += right
        if not right:
            tally.misses.append(f"{name}: documents.{column} {found.get(column)!r}, expected {value!r}")
    return tally


SHOWN = frozenset({
    "snippet", "value", "unit", "comparator", "number", "ref_type", "title", "issue_date",
    "kind", "start_date", "end_date", "recurrence", "agency", "role",
})


def _show(row: Row) -> str:
    shown = {k: _iso(v) for k, v in row.items() if k in SHOWN}
    return json.dumps(shown, ensure_ascii=False, default=str)


def goldens(root: Path = GOLDEN) -> dict[str, dict[str, dict[str, Any]]]:
    """source → table → golden file content."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted(root.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.setdefault(data["source"], {})[path.parent.name] = data
    return found


def predicted_rows(source: Path) -> dict[str, list[Row]]:
    """Every table's rows for one document, as plain dicts, through the whole pipeline."""
    from outputs.run.build import process  # the pipeline is imported only when documents are scored

    result = process(source)
    tables: dict[str, list[Row]] = {"documents": [dataclasses.asdict(result.document)]}
    for name, rows in result.findings.items():
        tables[name] = [dataclasses.asdict(row) for row in rows]
    return tables


def _resolve(source: str, shared: Path) -> Path:
    return shared / source if source.startswith("real-files/") else ROOT / source


@dataclass
class Report:
    tables: dict[str, Tally] = field(default_factory=dict)
    documents: int = 0

    def tally(self, name: str) -> Tally:
        return self.tables.setdefault(name, Tally())


def evaluate(sources: Mapping[str, Mapping[str, Mapping[str, Any]]], shared: Path = SHARED) -> Report:
    report = Report()
    for source, by_table in sources.items():
        found = predicted_rows(_resolve(source, shared))
        report.documents += 1
        for name, golden in by_table.items():
            label = f"{Path(source).name}"
            if name == "documents":
                report.tally(name).add(score_fields(label, golden["fields"], found["documents"][0]))
            else:
                report.tally(name).add(score_rows(label, TABLES[name], golden["rows"], found.get(name, [])))
    return report


def format_report(report: Report, show: bool) -> Iterable[str]:
    yield f"real documents scored: {report.documents} (seeds excluded)"
    for name, tally in sorted(report.tables.items()):
        if name == "documents":
            right, total = sum(tally.field_right.values()), sum(tally.field_total.values())
            yield f"documents: {right}/{total} fields right ({_pct(right, total)})"
        else:
            yield (f"{name}: P {tally.precision:.2f}  R {tally.recall:.2f}  F1 {tally.f1:.2f}  "
                   f"(tp {tally.true_positives}, fp {tally.false_positives}, fn {tally.false_negatives})")
        for column in sorted(tally.field_total):
            right, total = tally.field_right[column], tally.field_total[column]
            yield f"    {column}: {right}/{total} ({_pct(right, total)})"
        if show:
            yield from (f"  - {miss}" for miss in tally.misses)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.real", description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list every miss, extra row and wrong field")
    parser.add_argument("--only", help="score only sources whose path contains this text")
    args = parser.parse_args(argv)
    sources = {s: t for s, t in goldens().items() if not args.only or args.only in s}
    if not SHARED.is_dir():
        print(f"eval-real: shared folder {SHARED} not found (set VNPLAN_SHARED)", file=sys.stderr)
        return 2
    for line in format_report(evaluate(sources), args.show):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
