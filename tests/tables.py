"""Comparing tables whose row order depends on the engine."""
from __future__ import annotations

from typing import Any

import pyarrow as pa


def sorted_rows(table: pa.Table) -> list[tuple[Any, ...]]:
    """The rows in a stable order; values are made comparable (None before anything, all as repr)."""
    return sorted(tuple(repr(value) for value in row.values()) for row in table.to_pylist())
