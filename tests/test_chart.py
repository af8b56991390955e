"""Comparison charts: one PNG and SVG per indicator family, Vietnamese labels with English keys."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from outputs.cli import main
from tests.factories import document, finding, write_run

TEXT = "đạt 70% lãnh đạo; trên 40% lao động; 90% nạn nhân"


def comparison(doc_id: str, province: str, key: str, value: str, national: str, vs: str) -> object:
    return finding(
        "comparison", TEXT, 0, 7, doc_id=doc_id, province=province, admin_level="province", period_end=2030,
        indicator_key=key, comparator=">=", value=Decimal(value), unit="percent", target_year=2030,
        national_value=Decimal(national), national_comparator=">=", vs_national=vs,
    )


@pytest.mark.slow
def test_a_chart_per_family_with_every_province_beside_the_national_target(tmp_path: Path, capsys):
    rows = [
        comparison("a" * 16, "Lai Châu", "women_key_leaders", "70", "75", "less"),
        comparison("b" * 16, "Lạng Sơn", "women_key_leaders", "75", "75", "equal"),
        comparison("a" * 16, "Lai Châu", "female_wage_workers", "40", "60", "less"),
        comparison("b" * 16, "Lạng Sơn", "gbv_victims_supported", "90", "90", "equal"),
    ]
    documents = [document("a" * 16, TEXT), document("b" * 16, TEXT)]
    tables = write_run(tmp_path / "tables", documents, {"comparison": rows})
    assert main(["compare-chart", "--tables", str(tables), "--out", str(tmp_path / "charts")]) == 0
    assert "3 charts" in capsys.readouterr().out
    names = sorted(p.name for p in (tmp_path / "charts").iterdir())
    families = ("economy_labour", "family_gbv", "politics")
    assert names == [f"{family}.{ext}" for family in families for ext in ("png", "svg")]
    svg = (tmp_path / "charts" / "politics.svg").read_text(encoding="utf-8")
    for label in ("Mục tiêu 1: chính trị (politics)", "lãnh đạo chủ chốt là nữ (women_key_leaders)",
                  "Lai Châu", "Lạng Sơn", "≥70", "≥75", "Mục tiêu toàn quốc (national target)", "% (percent)"):
        assert label in svg, label
    assert (tmp_path / "charts" / "politics.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    first = svg
    main(["compare-chart", "--tables", str(tables), "--out", str(tmp_path / "charts")])
    assert (tmp_path / "charts" / "politics.svg").read_text(encoding="utf-8") == first, "charts must be reproducible"


def test_missing_comparison_table_is_reported(tmp_path: Path, capsys):
    assert main(["compare-chart", "--tables", str(tmp_path), "--out", str(tmp_path / "charts")]) == 2
    assert "make extract" in capsys.readouterr().err
