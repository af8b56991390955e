"""Steps that grew with the square of a word or a run of marks stay linear: one 40,000-letter word cost
~75 s in each of tone_style, restore_glyphs and vni, and 100,000 combining marks 11 s in nfc."""
from __future__ import annotations

import time

import pytest

from normalize import default_steps
from tests.paths import SEEDS

# Each took over a minute before; a busy machine gives well under a second now.
SECONDS = 5.0
HOSTILE = {
    "40k-letter word": "a" * 40_000,
    "40k letters of oa pairs": "hoà" * 13_000,
    "100k combining marks": "a" + "\u0301\u0323" * 50_000,
    "20k-word line": " ".join(["năm"] * 20_000),
}


@pytest.mark.parametrize("step", default_steps(), ids=lambda step: step.name)
@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_no_step_grows_faster_than_its_input(step, hostile: str):
    text = SEEDS["000"].read_text(encoding="utf-8")[:2000] + "\n" + HOSTILE[hostile] + "\n"
    started = time.perf_counter()
    step(text)
    assert time.perf_counter() - started < SECONDS
