"""thresholds: the numeric thresholds (and qualitative indicators) of a plan's objectives section."""
from __future__ import annotations

from typing import Any

from rules import goals
from rules.context import Context
from rules.findings import DocumentMeta
from rules.thresholds.parse import parse
from rules.thresholds.regions import CELL_BREAK, NUMBERED, target_blocks

__all__ = ["evaluate", "parse"]

# A snippet is read as the text of one indicator under one goal of a plan for 2021-2030; a snippet of several
# lines opening with a heading (numbered, a lead-in ending with ":", a table row) or holding a line that
# introduces targets, as a plan's text of its own, whose headings and lead-in lines say where targets are.
SNIPPET_PLAN = "II. MỤC TIÊU\na) Mục tiêu 1: Trong lĩnh vực chính trị\n- Chỉ tiêu 1: "


def evaluate(text: str) -> list[dict[str, Any]]:
    first, _, rest = text.strip().partition("\n")
    heading = NUMBERED.match(first) or first.rstrip().endswith(":") or CELL_BREAK.search(first)
    opens_plan = rest and (heading or target_blocks(text))
    ctx = Context(text if opens_plan else SNIPPET_PLAN + text, DocumentMeta(period_end=2030), ())
    return [
        {
            "comparator": t.comparator,
            "value": t.value,
            "value_max": t.value_max,
            "unit": t.unit,
            "target_year": t.target_year,
            "per_period": t.per_period,
            "baseline_value": t.baseline_value,
            "snippet": ctx.text[t.start : t.end],
        }
        for t in parse(ctx, goals.parse(ctx))
        if not t.qualitative
    ]
