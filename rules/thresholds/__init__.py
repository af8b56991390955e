"""thresholds: the numeric thresholds (and qualitative indicators) of a plan's objectives section."""
from __future__ import annotations

from typing import Any

from rules import goals
from rules.context import Context
from rules.findings import DocumentMeta
from rules.thresholds.parse import parse

__all__ = ["evaluate", "parse"]

# A standalone snippet is read as the text of one indicator under one goal of a plan for 2021-2030.
SNIPPET_PLAN = "II. MỤC TIÊU\na) Mục tiêu 1: Trong lĩnh vực chính trị\n- Chỉ tiêu 1: "


def evaluate(text: str) -> list[dict[str, Any]]:
    ctx = Context(SNIPPET_PLAN + text, DocumentMeta(period_end=2030), ())
    return [
        {
            "comparator": t.comparator,
            "value": t.value,
            "unit": t.unit,
            "target_year": t.target_year,
            "per_period": t.per_period,
            "baseline_value": t.baseline_value,
            "snippet": ctx.text[t.start : t.end],
        }
        for t in parse(ctx, goals.parse(ctx))
        if not t.qualitative
    ]
