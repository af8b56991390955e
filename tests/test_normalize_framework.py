"""The normalize framework: offsets back to the raw text, repair bookkeeping, declared steps only."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize import normalize
from normalize.offsets import NO_REPAIR, Edit, apply_edits
from normalize.steps import NamedStep, blank_lines, line_joins, lookalikes, nfc, spaces
from tests.paths import SEEDS
from tests.seeds import damaged_marked_slow

SEED_PATHS = list(SEEDS.values())


def test_nfc_composes_decomposed_vietnamese():
    raw = unicodedata.normalize("NFD", "Uỷ ban nhân dân tỉnh Lai Châu")
    assert normalize(raw, [nfc]).text == "Uỷ ban nhân dân tỉnh Lai Châu"


def test_lookalike_eth_becomes_d_with_stroke():
    assert normalize("\u00d0ảng và \u00f0oàn thể\u200b", [lookalikes]).text == "Đảng và đoàn thể"


def test_layout_steps_make_one_paragraph_per_line():
    raw = " 1. Mục đích \n\n- Triển khai thực hiện   các mục tiêu của Chiến lược quốc \n\ngia về bình đẳng giới \n\n"
    text = normalize(raw, [spaces, blank_lines, line_joins]).text
    assert text == "1. Mục đích\n- Triển khai thực hiện các mục tiêu của Chiến lược quốc gia về bình đẳng giới"


def test_list_labels_are_not_joined_to_the_line_before():
    assert normalize("Mục tiêu:\na) Mục tiêu 1", [line_joins]).text == "Mục tiêu:\na) Mục tiêu 1"


def test_tabs_of_table_rows_are_kept():
    row = "1\tRà soát văn bản\tSở Tư pháp\t\tTrong năm"
    assert normalize(row).text == row


@pytest.mark.parametrize("seed", damaged_marked_slow(SEED_PATHS), ids=lambda p: p.name[:3])
def test_every_normalized_character_points_back_to_its_raw_character(seed):
    raw = seed.read_text(encoding="utf-8")
    result = normalize(raw)
    for index, char in enumerate(result.text):
        if result.repair_of[index] != NO_REPAIR:
            continue  # a restored character stands where the source had a lost one
        source = raw[result.origin[index]]
        if char in " \n":
            assert source.isspace() or char == " ", (index, char, source)
        else:
            assert unicodedata.normalize("NFD", char)[0] == unicodedata.normalize("NFD", source)[0]


@pytest.mark.parametrize("seed", damaged_marked_slow(SEED_PATHS), ids=lambda p: p.name[:3])
def test_normalizing_twice_changes_nothing_more(seed):
    once = normalize(seed.read_text(encoding="utf-8")).text
    assert normalize(once).text == once


def test_a_repair_is_logged_with_its_final_span_and_confidence():
    restore = NamedStep("restore_test", lambda t: [Edit(t.index("C ỉ"), t.index("C ỉ") + 3, "Chỉ", 0.7)])
    result = normalize("Mục tiêu 1\n\nC ỉ tiêu 1: Tăng", [restore, blank_lines])
    (repair,) = result.repairs
    assert result.text[repair.start : repair.end] == "Chỉ"
    assert (repair.before, repair.after, repair.confidence) == ("C ỉ", "Chỉ", 0.7)
    assert result.raw[repair.raw_start : repair.raw_end] == "C ỉ"
    assert result.confidence(repair.start, repair.end + 5) == 0.7
    assert result.confidence(0, repair.start) == 1.0
    assert result.repaired_chars == 3


def test_overlapping_edits_are_a_step_bug():
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


@given(st.text())
@pytest.mark.slow
def test_any_text_normalizes_and_maps_back_in_order(raw):
    result = normalize(raw)
    assert len(result.origin) == len(result.text) + 1
    assert list(result.origin) == sorted(result.origin)
    assert all(0 <= offset <= len(raw) for offset in result.origin)
