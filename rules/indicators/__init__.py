"""indicators: the national indicators, their Vietnamese phrases and national targets; mapping text to a key."""
from __future__ import annotations

from typing import Any

from rules.indicators.parse import Indicator, NationalTarget, indicator_key, indicators, national_targets

__all__ = ["Indicator", "NationalTarget", "evaluate", "indicator_key", "indicators", "national_targets"]


def evaluate(text: str) -> dict[str, Any] | None:
    """The indicator a standalone indicator text maps to, among all domains."""
    key = indicator_key(text)
    return {"indicator_key": key} if key else None
