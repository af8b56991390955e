"""metadata: issuer, level, province, district, number, dates, period, signer and title of a plan."""
from __future__ import annotations

import dataclasses
from typing import Any

from rules.metadata.parse import HeaderShape, header_shape, parse

__all__ = ["HeaderShape", "evaluate", "header_shape", "parse"]


def evaluate(text: str) -> dict[str, Any] | None:
    """The fields found in a snippet (nulls left out), or None when nothing is found; for examples.jsonl."""
    found = {name: value for name, value in dataclasses.asdict(parse(text)).items() if value is not None}
    return found or None
