"""Diff of thresholds: two runs, or a run against a reviewer's filled-in review sheet (precision, recall).

Targets are matched within a document by position (goal_no, target_no, seq) or by indicator
(indicator_key, seq); a key that repeats within a document (unnumbered indicators) is told apart by
its order of appearance. A review sheet is the CSV `vnplan review-sheet` exports: reviewers fill
`verdict` (right / wrong / missing) and, for a wrong value, the `corrected_*` columns.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from outputs.tools.review import show

KEY_FIELDS = {"position": ("goal_no", "target_no", "seq"), "indicator": ("indicator_key", "seq")}
VALUE_FIELDS = ("indicator_key", "comparator", "value", "unit", "target_year")
SHEET_FIELDS = ("doc_id", "province", "page", "goal_no", "target_no", "seq", "snippet", *VALUE_FIELDS)
CORRECTED = tuple(f"corrected_{name}" for name in VALUE_FIELDS)
SHEET_COLUMNS = (*SHEET_FIELDS, "verdict", *CORRECTED, "note")
RIGHT, WRONG, MISSING = "right", "wrong", "missing"
INTEGER_FIELDS = {"goal_no", "target_no", "seq", "target_year", "page"}


@dataclass(frozen=True)
class Threshold:
    doc_id: str
    goal_no: int | None
    target_no: int | None
    seq: int
    indicator_key: str | None
    comparator: str | None
    value: Decimal | None
    unit: str | None
    target_year: int | None
    snippet: str = dataclasses.field(default="", compare=False)

    @classmethod
    def of(cls, row: dict[str, Any]) -> Threshold:
        values: dict[str, Any] = {f.name: row.get(f.name) for f in dataclasses.fields(cls)}
        return cls(**values)

    def label(self) -> str:
        target = "–" if self.target_no is None else self.target_no
        return f"goal {show(self.goal_no) or '–'} · target {target} · #{self.seq}"

    def statement(self) -> str:
        parts = (self.indicator_key or "(no indicator)", self.comparator, show(self.value), self.unit)
        year = f" by {self.target_year}" if self.target_year else ""
        return " ".join(p for p in parts if p) + year


Key = tuple[Any, ...]


def keyed(thresholds: Iterable[Threshold], mode: str) -> dict[Key, Threshold]:
    """(doc_id, key fields…, occurrence) → threshold, in the order given."""
    seen: Counter[Key] = Counter()
    out = {}
    for threshold in thresholds:
        key = (threshold.doc_id, *(getattr(threshold, name) for name in KEY_FIELDS[mode]))
        seen[key] += 1
        out[(*key, seen[key])] = threshold
    return out


@dataclass(frozen=True)
class Change:
    kind: str  # added, removed or changed
    before: Threshold | None
    after: Threshold | None
    fields: tuple[str, ...] = ()

    @property
    def either(self) -> Threshold:
        found = self.after or self.before
        assert found is not None
        return found


def compare(before: dict[Key, Threshold], after: dict[Key, Threshold], mode: str) -> list[Change]:
    compared = [name for name in VALUE_FIELDS if name not in KEY_FIELDS[mode]]
    changes = []
    for key in sorted(before.keys() | after.keys(), key=_sortable):
        old, new = before.get(key), after.get(key)
        if old is None or new is None:
            changes.append(Change("added" if old is None else "removed", old, new))
            continue
        differing = tuple(name for name in compared if getattr(old, name) != getattr(new, name))
        if differing:
            changes.append(Change("changed", old, new, differing))
    return changes


def _sortable(key: Key) -> tuple[Any, ...]:
    return tuple((value is None, str(value) if value is not None else "") for value in key)


# ---- reading runs and sheets ----


def read_run(tables_dir: Path) -> list[dict[str, Any]]:
    """Targets of a run, with the province of their document, in document order."""
    documents = {d["doc_id"]: d for d in pq.read_table(tables_dir / "documents.parquet").to_pylist()}
    targets = sorted(pq.read_table(tables_dir / "targets.parquet").to_pylist(), key=lambda r: (r["doc_id"], r["start"]))
    return [row | {"province": documents.get(row["doc_id"], {}).get("province")} for row in targets]


def write_sheet(tables_dir: Path, out: Path) -> int:
    """The review sheet: one row per target, verdict and corrections left empty for the reviewer."""
    rows = read_run(tables_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    # utf-8-sig: spreadsheet programs then read the Vietnamese text correctly
    with open(out, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, SHEET_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({name: show(row.get(name)) for name in SHEET_FIELDS})
    return len(rows)


def _typed(name: str, text: str, where: str) -> Any:
    text = text.strip()
    if not text:
        return None
    try:
        if name in INTEGER_FIELDS:
            return int(text)
        return Decimal(text.replace(",", ".")) if name == "value" else text
    except (ValueError, InvalidOperation):
        raise SheetError(f"{where}: {name} {text!r} is not a number") from None


class SheetError(ValueError):
    """A review sheet that cannot be scored; the message names the line."""


@dataclass(frozen=True)
class Sheet:
    truth: list[Threshold]  # what the reviewers say the reviewed documents state
    reviewed_docs: frozenset[str]
    unreviewed: list[Threshold]  # rows left without a verdict: neither right nor wrong


def read_sheet(path: Path) -> Sheet:
    truth, unreviewed, docs = [], [], set()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path}:{line}"
            values = {name: _typed(name, row.get(name) or "", where) for name in SHEET_FIELDS}
            verdict = (row.get("verdict") or "").strip().lower()
            if not verdict:
                unreviewed.append(Threshold.of(values))
                continue
            if verdict not in (RIGHT, WRONG, MISSING):
                raise SheetError(f"{where}: verdict {verdict!r} is not one of {RIGHT}, {WRONG}, {MISSING}")
            docs.add(values["doc_id"])
            corrections = {name: _typed(name, row.get(f"corrected_{name}") or "", where) for name in VALUE_FIELDS}
            if verdict == WRONG and not any(v is not None for v in corrections.values()):
                continue  # wrong and nothing to correct: the run found a threshold the document does not set
            truth.append(Threshold.of(values | {k: v for k, v in corrections.items() if v is not None}))
    return Sheet(truth, frozenset(docs), unreviewed)


# ---- the command ----


@dataclass(frozen=True)
class Score:
    true_positives: int
    found: int
    expected: int

    def line(self) -> str:
        precision = self.true_positives / self.found if self.found else 1.0
        recall = self.true_positives / self.expected if self.expected else 1.0
        return (
            f"precision {precision:.3f} ({self.true_positives}/{self.found}), "
            f"recall {recall:.3f} ({self.true_positives}/{self.expected})"
        )


def score_against_sheet(run: Sequence[Threshold], sheet: Sheet, mode: str) -> tuple[list[Change], Score]:
    skipped = keyed(sheet.unreviewed, mode).keys()
    found = {k: t for k, t in keyed(run, mode).items() if t.doc_id in sheet.reviewed_docs and k not in skipped}
    expected = keyed(sheet.truth, mode)
    changes = compare(found, expected, mode)
    wrong = sum(1 for change in changes if change.before is not None)  # removed or changed: not as reviewed
    return changes, Score(len(found) - wrong, len(found), len(expected))


def render(changes: Sequence[Change]) -> str:
    lines: list[str] = []
    document = None
    for change in changes:
        if change.either.doc_id != document:
            document = change.either.doc_id
            lines.append(f"doc {document}")
        lines.append(_line(change))
    counts = Counter(c.kind for c in changes)
    lines.append(f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed")
    return "\n".join(lines)


def _line(change: Change) -> str:
    threshold = change.either
    if change.kind == "changed":
        assert change.before is not None and change.after is not None
        what = ", ".join(
            f"{name} {show(getattr(change.before, name)) or '∅'} → {show(getattr(change.after, name)) or '∅'}"
            for name in change.fields
        )
        return f"  ~ {threshold.label()}  {change.before.statement()}: {what}"
    sign = "+" if change.kind == "added" else "-"
    return f"  {sign} {threshold.label()}  {threshold.statement()}  «{threshold.snippet}»"


CSV_COLUMNS = ("change", "doc_id", "goal_no", "target_no", "seq", "fields",
               *(f"a_{n}" for n in VALUE_FIELDS), *(f"b_{n}" for n in VALUE_FIELDS), "snippet")


def write_csv(changes: Sequence[Change], out: Path) -> None:
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, CSV_COLUMNS)
        writer.writeheader()
        for change in changes:
            threshold = change.either
            row = {"change": change.kind, "fields": ";".join(change.fields), "snippet": threshold.snippet}
            row |= {n: show(getattr(threshold, n)) for n in ("doc_id", "goal_no", "target_no", "seq")}
            for prefix, side in (("a", change.before), ("b", change.after)):
                row |= {f"{prefix}_{n}": show(getattr(side, n)) if side else "" for n in VALUE_FIELDS}
            writer.writerow(row)


def run_diff(a: Path, b: Path, mode: str, csv_out: Path | None) -> int:
    """Print the differences (and write them as CSV); 0 when A and B agree, 1 when they differ."""
    run = [Threshold.of(row) for row in read_run(a)]
    if b.is_dir():
        changes = compare(keyed(run, mode), keyed((Threshold.of(r) for r in read_run(b)), mode), mode)
        score = None
    else:
        changes, score = score_against_sheet(run, read_sheet(b), mode)
    print(render(changes))
    if score is not None:
        print(score.line())
    if csv_out is not None:
        write_csv(changes, csv_out)
    return 1 if changes else 0


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = commands.add_parser("diff", help="changed thresholds: two runs, or a run vs a review sheet")
    diff.add_argument("a", type=Path, help="folder of a run's tables")
    diff.add_argument("b", type=Path, help="folder of another run, or a filled-in review sheet (CSV)")
    diff.add_argument("--csv", type=Path, help="also write the differences to this CSV file")
    diff.add_argument("--key", choices=tuple(KEY_FIELDS), default="position",
                      help="match targets on goal_no+target_no+seq (position) or indicator_key+seq (indicator)")
    diff.set_defaults(run=lambda args: _guarded("diff", lambda: run_diff(args.a, args.b, args.key, args.csv)))
    sheet = commands.add_parser("review-sheet", help="CSV of every target for reviewers to mark right or wrong")
    sheet.add_argument("--tables", type=Path, default=Path("data/parquet"), help="folder of Parquet tables")
    sheet.add_argument("--out", type=Path, required=True, help="CSV file to write")
    sheet.set_defaults(run=lambda args: _guarded("review-sheet", lambda: _sheet(args.tables, args.out)))


def _sheet(tables: Path, out: Path) -> int:
    print(f"{write_sheet(tables, out)} targets to review in {out}")
    return 0


def _guarded(command: str, action: Callable[[], int]) -> int:
    """Missing tables or a malformed sheet are the user's to fix: one line, exit code 2."""
    try:
        return action()
    except (FileNotFoundError, SheetError) as error:
        print(f"vnplan {command}: {error}", file=sys.stderr)
        return 2
