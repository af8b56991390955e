"""The comparison table over the seeds, and the more/equal/less rule on its own."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from outputs.compare import ComparisonRow, build_comparison, vs_national
from rules import goals, metadata, outline, thresholds
from rules.context import Context
from rules.indicators import NationalTarget
from tests.seeds import normalized_seed

pytestmark = pytest.mark.slow  # every seed normalized, 003's restoration included

SEEDS = {
    "000_9d0e9e449bb4ec6b.txt": "lai_chau",
    "003_a9439903c9056b27.txt": "tuan_giao",
    "004_99ace7ec0c5e6e1c.txt": "lang_son",
}


@dataclass(frozen=True)
class TargetRow:
    """A targets-table row as the batch builds it: the finding plus its document and snippet."""

    doc_id: str
    page: int | None
    start: int
    end: int
    snippet: str
    rule_id: str
    indicator_key: str | None
    comparator: str | None
    value: Decimal | None
    unit: str | None
    target_year: int | None
    confidence: float = 1.0
    ocr: bool = False


@dataclass(frozen=True)
class DocumentRow:
    doc_id: str
    province: str | None
    admin_level: str | None
    period_end: int | None


@pytest.fixture(scope="module")
def comparison() -> dict[tuple[str, str], ComparisonRow]:
    targets, documents = [], []
    for seed, doc_id in SEEDS.items():
        text = normalized_seed(seed)
        ctx = Context(text, metadata.parse(text), outline.parse(text))
        documents.append(DocumentRow(doc_id, ctx.meta.province, ctx.meta.admin_level, ctx.meta.period_end))
        for t in thresholds.parse(ctx, goals.parse(ctx)):
            targets.append(TargetRow(doc_id, None, t.start, t.end, text[t.start : t.end], t.rule_id,
                                     t.indicator_key, t.comparator, t.value, t.unit, t.target_year))
    return {(row.doc_id, row.indicator_key): row for row in build_comparison(targets, documents)}


@pytest.mark.parametrize(
    ("doc_id", "key", "value", "national", "verdict"),
    [
        ("lai_chau", "women_key_leaders", "70", "75", "less"),
        ("lang_son", "women_key_leaders", "75", "75", "equal"),
        ("lai_chau", "female_wage_workers", "40", "60", "less"),
        ("lang_son", "female_wage_workers", "60", "60", "more"),  # "trên 60%" against "khoảng 60%"
        ("lai_chau", "female_agri_workers", "60", "25", "less"),  # a lower share is the ambition here
        ("lang_son", "female_agri_workers", "25", "25", "equal"),
        ("lai_chau", "unpaid_care_ratio", "1.4", "1.4", "equal"),
        ("lai_chau", "sex_ratio_at_birth", "109", "109", "more"),  # "dưới 109" against "about 109"
        ("lai_chau", "maternal_mortality", "50.15", "42", "less"),
        ("lang_son", "maternal_mortality", "42", "42", "less"),  # "còn 42" against "below 42"
        ("lai_chau", "gbv_victims_supported", "90", "90", "equal"),
        ("lang_son", "population_ge_knowledge", "80", "80", "equal"),
    ],
)
def test_seed_targets_against_the_nation(
    comparison, doc_id: str, key: str, value: str, national: str, verdict: str
) -> None:
    row = comparison[(doc_id, key)]
    assert (row.value, row.national_value, row.vs_national) == (Decimal(value), Decimal(national), verdict)
    assert row.target_year == 2030 and row.province


def test_every_shared_indicator_puts_the_three_plans_side_by_side(comparison) -> None:
    keys = {doc_id: {key for d, key in comparison if d == doc_id} for doc_id in SEEDS.values()}
    shared = keys["lai_chau"] & keys["lang_son"] & keys["tuan_giao"]
    assert len(shared) == 22  # every national key the three plans have in common (not Lạng Sơn's LGBT services)
    assert "lgbt_health_services" in keys["lang_son"] - shared


def test_indicators_without_a_national_number_are_not_comparable(comparison) -> None:
    assert comparison[("lang_son", "lgbt_health_services")].vs_national == "not_comparable"
    assert comparison[("lai_chau", "female_masters")].national_value is None
    assert comparison[("lai_chau", "gender_in_curriculum")].vs_national == "not_comparable"


def test_comparison_rows_keep_the_targets_provenance(comparison) -> None:
    for row in comparison.values():
        assert row.end > row.start and row.snippet and row.rule_id.startswith("thresholds.")


NATION = NationalTarget("k", 2030, ">=", Decimal(50), "percent", "higher", "test")
NATION_LOWER = NationalTarget("k", 2030, "<", Decimal(30), "percent", "lower", "test")


@pytest.mark.parametrize(
    ("comparator", "value", "unit", "reference", "verdict"),
    [
        (">=", "60", "percent", NATION, "more"),
        (">", "50", "percent", NATION, "more"),
        (">=", "50", "percent", NATION, "equal"),
        (">=", "40", "percent", NATION, "less"),
        ("<", "60", "percent", NATION, "not_comparable"),  # bounds the other way
        (">=", "50", "count", NATION, "not_comparable"),
        (None, None, None, NATION, "not_comparable"),
        ("<", "25", "percent", NATION_LOWER, "more"),
        ("<=", "30", "percent", NATION_LOWER, "less"),
        ("<", "35", "percent", NATION_LOWER, "less"),
        ("<", "30", "percent", None, "not_comparable"),
    ],
)
def test_more_equal_or_less_ambitious(comparator, value, unit, reference, verdict) -> None:
    row = TargetRow("d", None, 0, 1, "x", "r", "k", comparator, Decimal(value) if value else None, unit, 2030)
    assert vs_national(row, reference) == verdict
