"""The seeds' normalized texts, normalized once per test session: restoring 003's glyphs takes seconds,
and a dozen test modules read it."""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from normalize import normalize
from tests.paths import CORPUS


@cache
def normalized_seed(filename: str) -> str:
    return normalize((CORPUS / filename).read_text(encoding="utf-8")).text


DAMAGED_SEED = "003"


def damaged_marked_slow(seeds: Iterable[Any]) -> list[Any]:
    """Test parameters (seed numbers, file names or paths) with the damaged seed's marked slow: restoring its
    lost glyphs takes half a minute on a busy machine."""
    def name(seed: Any) -> str:
        return seed.name if isinstance(seed, Path) else str(seed)

    return [pytest.param(seed, marks=pytest.mark.slow) if name(seed).startswith(DAMAGED_SEED) else seed
            for seed in seeds]
