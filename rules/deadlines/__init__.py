"""Deadlines and time expressions, from prose and from task timeframes."""
from __future__ import annotations

from rules.deadlines.parse import evaluate, parse, resolve_timeframe

__all__ = ["evaluate", "parse", "resolve_timeframe"]
