"""Goals of the seeds' objectives sections, read by hand, and the objectives section's bounds."""
from __future__ import annotations

from pathlib import Path

import pytest

from normalize import normalize
from rules import goals, metadata, outline
from rules.context import Context

ROOT = Path(__file__).resolve().parent.parent
DOMAINS = ["politics", "economy_labour", "family_gbv", "health", "education", "information_media"]
# (goal_no, domain, rule_id) per seed; 003's health heading is damaged past reading ("Tron lĩn v c t").
EXPECTED = {
    "000_9d0e9e449bb4ec6b.txt": [(n, d, "goals.heading_domain") for n, d in enumerate(DOMAINS, 1)],
    "004_99ace7ec0c5e6e1c.txt": [(n, d, "goals.heading_domain") for n, d in enumerate(DOMAINS, 1)],
    "003_a9439903c9056b27.txt": [
        (n, d, "goals.national_goal_order" if d == "health" else "goals.heading_domain")
        for n, d in enumerate(DOMAINS, 1)
    ],
}


def context(seed: str, with_outline: bool = True) -> Context:
    text = normalize((ROOT / "corpus" / seed).read_text(encoding="utf-8")).text
    return Context(text, metadata.parse(text), outline.parse(text) if with_outline else ())


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_goals(seed: str) -> None:
    ctx = context(seed)
    found = goals.parse(ctx)
    assert [(g.goal_no, g.domain, g.rule_id) for g in found] == EXPECTED[seed]
    assert all(ctx.text[g.start : g.end].endswith(g.heading) for g in found)


@pytest.mark.parametrize("seed", sorted(EXPECTED))
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


def test_damaged_heading_year_is_unknown_rather_than_guessed() -> None:
    objectives = goals.find_objectives(context("003_a9439903c9056b27.txt"))
    assert objectives is not None and objectives.year is None  # "Mục tiêu cụ thể đến năm 5"


def test_plan_without_objectives_section_has_no_goals() -> None:
    assert goals.parse(context("002_a722a371755104b7.txt")) == ()
