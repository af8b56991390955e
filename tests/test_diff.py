"""Diff of thresholds between runs and against a reviewer's sheet; the review-sheet export."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from outputs.cli import main
from outputs.tools.diff import SHEET_COLUMNS
from tests.factories import document, target, write_run

DOC = "00000000000000aa"
TEXT = "Chỉ tiêu 1: đạt 70% lãnh đạo. Chỉ tiêu 2: trên 40% lao động. Chỉ tiêu 3: ít nhất 30% doanh nghiệp."


def targets(**overrides: dict) -> list:
    """The three targets of TEXT; `overrides` maps a phrase to changed values, or to None to drop it."""
    base = {
        "đạt 70%": {"value": "70", "target_no": 1, "indicator_key": "women_key_leaders"},
        "trên 40%": {"value": "40", "target_no": 2, "comparator": ">", "indicator_key": "female_wage_workers"},
        "ít nhất 30%": {"value": "30", "target_no": 3, "indicator_key": "female_business_owners"},
    }
    rows = []
    for phrase, values in base.items():
        change = overrides.get(phrase, {})
        if change is not None:
            rows.append(target(DOC, TEXT, phrase, **({"goal_no": 1} | values | change)))
    return rows


def run(path: Path, rows: list) -> Path:
    return write_run(path, [document(DOC, TEXT, province="Lai Châu")], {"targets": rows})


@pytest.fixture()
def before(tmp_path: Path) -> Path:
    return run(tmp_path / "before", targets())


def test_identical_runs_exit_0(before: Path, capsys):
    assert main(["diff", str(before), str(before)]) == 0
    assert "0 added, 0 removed, 0 changed" in capsys.readouterr().out


def test_added_removed_and_changed_thresholds(before: Path, tmp_path: Path, capsys):
    after_rows = targets(**{"trên 40%": None, "đạt 70%": {"value": "75", "target_year": 2025}})
    after_rows.append(target(DOC, TEXT, "Chỉ tiêu 3", goal_no=2, target_no=1, value="5", unit="count"))
    after = run(tmp_path / "after", after_rows)
    out = tmp_path / "diff.csv"
    assert main(["diff", str(before), str(after), "--csv", str(out)]) == 1
    printed = capsys.readouterr().out
    assert f"doc {DOC}" in printed
    changed = "women_key_leaders >= 70 percent by 2030: value 70 → 75, target_year 2030 → 2025"
    assert f"~ goal 1 · target 1 · #1  {changed}" in printed
    assert "- goal 1 · target 2 · #1  female_wage_workers > 40 percent by 2030  «trên 40%»" in printed
    assert "+ goal 2 · target 1 · #1" in printed
    assert "1 added, 1 removed, 1 changed" in printed
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["change"], r["target_no"], r["fields"]) for r in rows] == [
        ("changed", "1", "value;target_year"), ("removed", "2", ""), ("added", "1", "")]
    assert (rows[0]["a_value"], rows[0]["b_value"], rows[1]["b_value"]) == ("70", "75", "")


def test_matching_by_indicator_ignores_renumbering(before: Path, tmp_path: Path):
    renumbered = run(tmp_path / "renumbered", targets(**{"đạt 70%": {"target_no": 9, "goal_no": 4}}))
    assert main(["diff", str(before), str(renumbered)]) == 1
    assert main(["diff", str(before), str(renumbered), "--key", "indicator"]) == 0


def fill(sheet: Path, verdicts: dict[str, dict[str, str]], extra: list[dict[str, str]] = ()) -> Path:
    """The exported sheet with reviewer's columns filled for the rows whose snippet is named."""
    with sheet.open(encoding="utf-8-sig") as handle:
        rows = [row | verdicts.get(row["snippet"], {}) for row in csv.DictReader(handle)]
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows([*rows, *extra])
    return sheet


def test_review_sheet_scores_the_run(before: Path, tmp_path: Path, capsys):
    sheet = tmp_path / "sheet.csv"
    assert main(["review-sheet", "--tables", str(before), "--out", str(sheet)]) == 0
    with sheet.open(encoding="utf-8-sig") as handle:
        exported = list(csv.DictReader(handle))
    assert tuple(exported[0]) == SHEET_COLUMNS
    assert [(r["snippet"], r["value"], r["verdict"], r["province"]) for r in exported] == [
        ("đạt 70%", "70", "", "Lai Châu"), ("trên 40%", "40", "", "Lai Châu"), ("ít nhất 30%", "30", "", "Lai Châu")]
    missed = {"doc_id": DOC, "goal_no": "2", "target_no": "1", "seq": "1", "verdict": "missing", "value": "5",
              "comparator": ">=", "unit": "count", "indicator_key": "commune_news_per_quarter"}
    fill(sheet, {"đạt 70%": {"verdict": "right"}, "trên 40%": {"verdict": "wrong", "corrected_value": "45"},
                 "ít nhất 30%": {"verdict": "Right"}}, [missed])
    capsys.readouterr()
    assert main(["diff", str(before), str(sheet)]) == 1
    printed = capsys.readouterr().out
    assert "value 40 → 45" in printed and "+ goal 2 · target 1 · #1" in printed
    assert "precision 0.667 (2/3), recall 0.500 (2/4)" in printed


def test_a_sheet_marking_everything_right_agrees_with_the_run(before: Path, tmp_path: Path, capsys):
    sheet = tmp_path / "sheet.csv"
    main(["review-sheet", "--tables", str(before), "--out", str(sheet)])
    fill(sheet, {"đạt 70%": {"verdict": "right"}, "trên 40%": {"verdict": "right"}})  # third left unreviewed
    capsys.readouterr()
    assert main(["diff", str(before), str(sheet)]) == 0
    assert "precision 1.000 (2/2), recall 1.000 (2/2)" in capsys.readouterr().out


def test_a_spurious_threshold_lowers_precision_only(before: Path, tmp_path: Path, capsys):
    sheet = tmp_path / "sheet.csv"
    main(["review-sheet", "--tables", str(before), "--out", str(sheet)])
    right = {"verdict": "right"}
    fill(sheet, {"đạt 70%": right, "trên 40%": {"verdict": "wrong"}, "ít nhất 30%": right})
    capsys.readouterr()
    assert main(["diff", str(before), str(sheet)]) == 1
    assert "precision 0.667 (2/3), recall 1.000 (2/2)" in capsys.readouterr().out


def test_bad_input_is_reported_in_one_line(before: Path, tmp_path: Path, capsys):
    sheet = tmp_path / "sheet.csv"
    main(["review-sheet", "--tables", str(before), "--out", str(sheet)])
    fill(sheet, {"đạt 70%": {"verdict": "maybe"}})
    assert main(["diff", str(before), str(sheet)]) == 2
    assert f"{sheet}:2: verdict 'maybe'" in capsys.readouterr().err
    assert main(["diff", str(tmp_path / "nowhere"), str(before)]) == 2
