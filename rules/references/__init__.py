"""Cited documents: "Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ" → type, number, date, issuer."""
from __future__ import annotations

from rules.references.parse import evaluate, parse

__all__ = ["evaluate", "parse"]
