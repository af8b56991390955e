"""Cited documents of every seed against the golden files written from the seed text."""
from __future__ import annotations

import pytest

from rules import references
from tests.seed_golden import load, missing_and_spurious, rows_of
from tests.seeds import damaged_marked_slow

FIELDS = ("ref_type", "title", "number", "issue_date", "issuer")


@pytest.mark.parametrize("seed", damaged_marked_slow(["000", "001", "002", "003", "004"]))
def test_references_match_golden(seed: str) -> None:
    golden = load(f"references_{seed}")
    found = rows_of(golden.ctx, references.parse(golden.ctx), FIELDS)
    assert missing_and_spurious(found, golden.expected) == ([], [])


def test_a_number_cited_again_takes_the_date_of_its_full_citation() -> None:
    golden = load("references_004")
    cited = [r for r in references.parse(golden.ctx) if r.number == "28/NQ-CP"]
    assert len(cited) == 2 and {r.issue_date for r in cited} == {cited[0].issue_date} != {None}


def test_a_law_cited_again_by_title_takes_the_number_of_its_full_citation() -> None:
    golden = load("references_004")
    cited = [r for r in references.parse(golden.ctx) if r.title == "Luật Bình đẳng giới"]
    assert [(r.rule_id, r.number) for r in cited] == [
        ("references.numbered_named", "73/2006/QH11"),
        ("references.titled_law", "73/2006/QH11"),
    ]
