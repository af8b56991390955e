"""outline: the section tree of a plan (I. / 1. / 2.1. / a) / - / +) over the normalized text."""
from __future__ import annotations

import dataclasses
from typing import Any

from rules.outline.parse import parse

__all__ = ["evaluate", "parse"]


def evaluate(text: str) -> list[dict[str, Any]]:
    """The sections of a snippet as dicts, for examples.jsonl."""
    return [dataclasses.asdict(section) for section in parse(text)]
