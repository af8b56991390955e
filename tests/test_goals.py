"""Goals of the seeds' objectives sections, read by hand, and the objectives section's bounds."""
from __future__ import annotations

import pytest

from rules import goals, metadata, outline
from rules.context import Context
from tests.seeds import damaged_marked_slow, normalized_seed

DOMAINS = ["politics", "economy_labour", "family_gbv", "health", "education", "information_media"]
# (goal_no, domain, rule_id) per seed, 003 as restored (its health heading lost glyphs: "Tron lĩn v c t").
EXPECTED = {
    seed: [(n, d, "goals.heading_domain") for n, d in enumerate(DOMAINS, 1)]
    for seed in ("000_9d0e9e449bb4ec6b.txt", "003_a9439903c9056b27.txt", "004_99ace7ec0c5e6e1c.txt")
}
# 003's objectives heading says "Mục tiêu cụ thể đến năm 2025" but lost the digits "202"; the restored text
# gives them back. Should a restoration lose them again, the year must be unknown, not guessed: name the gap.
OBJECTIVES_YEAR_003_KNOWN_GAP: str | None = None


def context(seed: str, with_outline: bool = True) -> Context:
    text = normalized_seed(seed)
    return Context(text, metadata.parse(text), outline.parse(text) if with_outline else ())


@pytest.mark.parametrize("seed", damaged_marked_slow(sorted(EXPECTED)))
def test_seed_goals(seed: str) -> None:
    ctx = context(seed)
    found = goals.parse(ctx)
    assert [(g.goal_no, g.domain, g.rule_id) for g in found] == EXPECTED[seed]
    assert all(ctx.text[g.start : g.end].endswith(g.heading) for g in found)


@pytest.mark.parametrize("seed", damaged_marked_slow(sorted(EXPECTED)))
def test_objectives_section_is_the_same_with_or_without_an_outline(seed: str) -> None:
    with_outline = goals.find_objectives(context(seed))
    without = goals.find_objectives(context(seed, with_outline=False))
    assert with_outline is not None and without is not None
    assert (with_outline.start, with_outline.end) == (without.start, without.end)


def test_objectives_heading_year() -> None:
    text = "I. MỤC TIÊU\n1. Mục tiêu chung\nx\n2. Mục tiêu cụ thể đến năm 2025\nII. NHIỆM VỤ"
    ctx = Context(text, metadata.parse(""), ())
    objectives = goals.find_objectives(ctx)
    assert objectives is not None and objectives.year == 2025
    assert ctx.text[objectives.end :].startswith("II. NHIỆM VỤ")


@pytest.mark.slow
def test_seed_003_objectives_year_is_the_truth_or_a_known_gap_left_unknown() -> None:
    objectives = goals.find_objectives(context("003_a9439903c9056b27.txt"))
    assert objectives is not None
    assert objectives.year == (None if OBJECTIVES_YEAR_003_KNOWN_GAP else 2025)  # never a guessed year


def test_plan_without_objectives_section_has_no_goals() -> None:
    assert goals.parse(context("002_a722a371755104b7.txt")) == ()
