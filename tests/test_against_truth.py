"""Scoring a restoration against a manual one: the counts on a hand-made example, the rule checks, bad input."""
from __future__ import annotations

from collections import Counter

import pytest

from evaluation.against_truth import (
    WrongWord,
    error_kinds,
    main,
    masked,
    report,
    restoration_steps,
    violations,
    wrong_words,
)
from evaluation.damaged_seeds import score
from normalize.steps import NamedStep

# Lost: g, ệ, 8, X, h (line 1) and á (line 2); the four spaces of line 1 are real ones.
TRUTH = "Tăng lệ 38%, Xã hội\nCác"
DAMAGED = "Tăn  l  3 %,  ã  ội\nC c"
# Right: g, X. Wrong: ê for ệ, a flagged digit, a real space filled with x, H for h, ú for á.
RESTORED = "Tăng lê 3\ufffd%,xXã Hội\nCúc"


def test_score_counts_words_characters_digits_and_filled_spaces():
    counts = score(TRUTH, DAMAGED, RESTORED)
    assert (counts["damaged_syllables"], counts["exact_syllables"]) == (5, 2)  # Tăng, Xã exact; lệ, hội, Các not
    assert (counts["damaged_other_words"], counts["exact_other_words"]) == (1, 0)  # "38%,"
    assert (counts["lost_chars"], counts["restored_chars"]) == (5, 2)
    assert (counts["lost_digits"], counts["restored_digits"], counts["flagged_digits"]) == (1, 0, 1)
    assert counts["spaces_filled"] == 1


def test_error_kinds_tell_marks_case_letters_digits_and_spaces_apart():
    assert error_kinds(TRUTH, DAMAGED, RESTORED) == Counter(
        {
            "wrong tone or vowel mark": 1,
            "digit flagged": 1,
            "real space filled": 1,
            "wrong case": 1,
            "wrong character": 1,
        }
    )


def test_wrong_words_carry_their_line():
    assert wrong_words(TRUTH, DAMAGED, RESTORED) == [
        WrongWord(1, "l ", "lê", "lệ"),
        WrongWord(1, "3 %,", "3\ufffd%,", "38%,"),
        WrongWord(1, " ội", "Hội", "hội"),
        WrongWord(2, "C c", "Cúc", "Các"),
    ]


def test_report_lists_wrong_words_only_when_asked():
    brief, shown = report(TRUTH, DAMAGED, RESTORED), report(TRUTH, DAMAGED, RESTORED, show=True)
    assert "damaged syllables restored exactly: 40.00% (2/5)" in brief
    assert "all damaged words exact: 33.33% (2/6)" in brief
    assert "truth 'Các'" not in brief and "line 2: raw 'C c' got 'Cúc' truth 'Các'" in shown


def test_digits_the_truth_cannot_know_are_left_out_of_the_score():
    truth, damaged = "năm 202\ufffd và 20\ufffd5", "năm 202  và 20 5"
    restored_damaged, restored, unknown = masked(truth, damaged, "năm 2021 và 20\ufffd5")
    assert unknown == Counter({"guessed": 1, "flagged": 1})
    assert score(truth, restored_damaged, restored)["lost_digits"] == 0


def test_violations_name_each_break_of_the_rule():
    raw = "C c t  c\nab"
    assert violations(raw, "Các thực\nab") == []
    assert violations(raw, "Các thực") == ["1 lines, the raw text has 2"]
    assert violations(raw, "Các thực \nab") == ["line 1: 9 characters, the raw line has 8"]
    assert violations(raw, "Cáo thực\nab") == ["line 1, column 3: visible 'c' changed to 'o'"]
    assert violations("a  b", "a\u0301\u0301b") == ["line 1: not NFC"]
    assert violations("a b", "a\tb") == ["line 1, column 2: a lost character restored as whitespace '\\t'"]


def test_restoration_steps_stop_at_glyph_restoration():
    steps = [NamedStep(name, lambda text: []) for name in ("nfc", "restore_glyphs", "spaces")]
    assert [step.name for step in restoration_steps(steps)] == ["nfc", "restore_glyphs"]
    with pytest.raises(ValueError, match="restore_glyphs"):
        restoration_steps(steps[:1])


def test_a_truth_that_does_not_fit_the_document_is_refused(tmp_path, capsys):
    truth = tmp_path / "003_restored.txt"
    truth.write_text("one line only", encoding="utf-8")
    assert main([str(truth)]) == 2
    assert str(truth) in capsys.readouterr().err
