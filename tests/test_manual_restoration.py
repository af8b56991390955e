"""The manual restoration of seed 003 (evaluation truth for glyph restoration) obeys the rule of the damage."""
from __future__ import annotations

from functools import cache

import pytest

from evaluation.against_truth import violations
from extract import extract
from tests.paths import CORPUS, GOLDEN

pytestmark = pytest.mark.slow  # restores seed 003

RESTORED_003 = GOLDEN / "003_restored.txt"


@cache
def raw_003() -> str:
    return extract(next(CORPUS.glob("003_*.txt"))).text


def test_every_line_keeps_its_length_its_visible_characters_and_is_nfc():
    assert violations(raw_003(), RESTORED_003.read_text(encoding="utf-8")) == []


# The examples of damage the task was given, each at the place the raw text shows it.
@pytest.mark.parametrize(
    "damaged, restored",
    [
        ("C ỉ t êu 1: Tăn  tỷ l  lao đ n  nữ làm côn   ưởn  lư n  lên 38%.",
         "Chỉ tiêu 1: Tăng tỷ lệ lao động nữ làm công hưởng lương lên 38%."),
        ("U N   u  n Tu n    o", "UBND huyện Tuần Giáo"),
        ("giai đoạn     -2025", "giai đoạn 2021-2025"),
    ],
)
def test_known_damage_is_restored_where_it_occurs(damaged, restored):
    start = raw_003().index(damaged)
    assert RESTORED_003.read_text(encoding="utf-8")[start : start + len(restored)] == restored
