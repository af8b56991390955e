"""goals: the Mục tiêu headings of a plan's objectives section, each with its domain."""
from __future__ import annotations

from typing import Any

from rules.context import Context
from rules.findings import DocumentMeta
from rules.goals.parse import Objectives, find_objectives, parse

__all__ = ["Objectives", "evaluate", "find_objectives", "parse"]


def evaluate(text: str) -> list[dict[str, Any]]:
    """Goals of a standalone snippet, read as if it were the objectives section of a plan."""
    ctx = Context(f"II. MỤC TIÊU\n{text}", DocumentMeta(), ())
    return [{"goal_no": g.goal_no, "domain": g.domain, "heading": g.heading} for g in parse(ctx)]
