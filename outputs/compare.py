"""The comparison table: each document's threshold for an indicator beside the national target for the same year.

A pure function of the targets rows, the documents rows and the national table (rules/indicators/
national_targets.csv); the batch runner feeds it the rows it has just built.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from outputs.provenance import Provenance
from rules.findings import Finding, col
from rules.indicators import NationalTarget, national_targets

# Comparators that bound a value from below / from above; "=" (khoảng, ở mức) counts as either.
LOWER_BOUNDS = {">=", ">", "="}
UPPER_BOUNDS = {"<=", "<", "="}
STRICT = {">", "<"}


class TargetLike(Protocol):
    @property
    def doc_id(self) -> str: ...
    @property
    def page(self) -> int | None: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def snippet(self) -> str: ...
    @property
    def rule_id(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def ocr(self) -> bool: ...
    @property
    def indicator_key(self) -> str | None: ...
    @property
    def comparator(self) -> str | None: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def target_year(self) -> int | None: ...


class DocumentLike(Protocol):
    @property
    def doc_id(self) -> str: ...
    @property
    def province(self) -> str | None: ...
    @property
    def admin_level(self) -> str | None: ...
    @property
    def period_end(self) -> int | None: ...


@dataclass(frozen=True, kw_only=True)
class ComparisonRow(Finding, Provenance):
    """Provenance and offsets are the local target's."""

    province: str | None = col("province of the document")
    admin_level: str | None = col("level of the document's issuer", vocab="admin_level")
    period_end: int | None = col("last year of the period the document's plan covers")
    indicator_key: str = col("national indicator compared", vocab="indicator_key")
    comparator: str | None = col("how the local value bounds the indicator", vocab="comparator")
    value: Decimal | None = col("the local threshold value")
    unit: str | None = col("unit of the local value", vocab="unit")
    target_year: int | None = col("year by which the local value is to be reached")
    national_value: Decimal | None = col("the national strategy's value for the same indicator and year")
    national_comparator: str | None = col("how the national value bounds the indicator", vocab="comparator")
    vs_national: str = col(
        "local target against the national one: more, equal, less, not_comparable", vocab="vs_national"
    )


def build_comparison(
    targets: Iterable[TargetLike],
    documents: Iterable[DocumentLike],
    national: Iterable[NationalTarget] | None = None,
) -> tuple[ComparisonRow, ...]:
    """One row per (indicator_key, document): the document's threshold for that indicator against the nation's."""
    by_year = {(n.indicator_key, n.target_year): n for n in (national_targets() if national is None else national)}
    docs = {d.doc_id: d for d in documents}
    grouped: dict[tuple[str, str], list[TargetLike]] = {}
    for target in targets:
        if target.indicator_key and target.doc_id in docs:
            grouped.setdefault((target.doc_id, target.indicator_key), []).append(target)
    rows = [
        _row(_representative(group, docs[doc_id], by_year), docs[doc_id], by_year)
        for (doc_id, _key), group in grouped.items()
    ]
    return tuple(sorted(rows, key=lambda r: (r.indicator_key, r.doc_id)))


def _representative(
    group: list[TargetLike], document: DocumentLike, national: dict[tuple[str, int], NationalTarget]
) -> TargetLike:
    """The threshold to compare: in the national unit, for the plan's end year, else the latest; first in text."""

    def rank(t: TargetLike) -> tuple[bool, bool, bool, int, int]:
        reference = national.get((t.indicator_key or "", t.target_year or 0))
        return (
            t.value is not None,
            reference is not None and reference.unit == t.unit,
            t.target_year == document.period_end,
            t.target_year or 0,
            -t.start,
        )

    return max(group, key=rank)


def _row(target: TargetLike, document: DocumentLike, national: dict[tuple[str, int], NationalTarget]) -> ComparisonRow:
    reference = national.get((target.indicator_key or "", target.target_year or 0))
    return ComparisonRow(
        doc_id=target.doc_id,
        page=target.page,
        start=target.start,
        end=target.end,
        snippet=target.snippet,
        rule_id=target.rule_id,
        confidence=target.confidence,
        ocr=target.ocr,
        province=document.province,
        admin_level=document.admin_level,
        period_end=document.period_end,
        indicator_key=target.indicator_key or "",
        comparator=target.comparator,
        value=target.value,
        unit=target.unit,
        target_year=target.target_year,
        national_value=reference.value if reference else None,
        national_comparator=reference.comparator if reference else None,
        vs_national=vs_national(target, reference),
    )


def vs_national(target: TargetLike, reference: NationalTarget | None) -> str:
    """more / equal / less ambitious than the national target, or not_comparable (no value, other unit or bound)."""
    if reference is None or target.value is None or target.comparator is None or target.unit != reference.unit:
        return "not_comparable"
    bounds = LOWER_BOUNDS if reference.better == "higher" else UPPER_BOUNDS
    if target.comparator not in bounds or reference.comparator not in bounds:
        return "not_comparable"
    sign = 1 if reference.better == "higher" else -1
    difference = sign * (target.value - reference.value)
    if difference == 0:
        difference = Decimal((target.comparator in STRICT) - (reference.comparator in STRICT))
    return "more" if difference > 0 else "less" if difference < 0 else "equal"
