"""The seeds' normalized texts, normalized once per test session: restoring 003's glyphs takes seconds,
and a dozen test modules read it."""
from __future__ import annotations

from functools import cache

from normalize import normalize
from tests.paths import CORPUS


@cache
def normalized_seed(filename: str) -> str:
    return normalize((CORPUS / filename).read_text(encoding="utf-8")).text
