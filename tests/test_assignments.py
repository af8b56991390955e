"""Indicator-to-agency and plan links of the organisation sections of 000, 002 and 004, and task links of 001."""
from __future__ import annotations

import pytest

from rules import assignments, tasks
from tests.seed_golden import load, missing_and_spurious, rows_of

FIELDS = ("agency", "agency_key", "role", "goal_no", "target_no", "task_id")


@pytest.mark.parametrize("seed", ["000", "002", "004"])
def test_organisation_links_match_golden(seed: str) -> None:
    golden = load(f"assignments_{seed}")
    found = rows_of(golden.ctx, assignments.parse(golden.ctx, ()), FIELDS)
    assert missing_and_spurious(found, golden.expected) == ([], [])


def test_task_links_are_the_agencies_of_the_task_table() -> None:
    golden = load("tasks_001")
    found = assignments.parse(golden.ctx, tasks.parse(golden.ctx))
    expected = {
        (agency, role, row["task_id"])
        for row in golden.expected
        for role, column in (("lead", "lead_agencies"), ("coordinate", "coordinating_agencies"))
        for agency in row[column]
    }
    assert {(a.agency, a.role, a.task_id) for a in found} == expected
    assert all(a.agency_key for a in found)


def test_the_organisation_section_is_found_without_an_outline() -> None:
    golden = load("assignments_000")
    start, end = assignments.organisation_section(golden.ctx) or (0, 0)
    assert golden.ctx.text[start:end].lstrip().startswith("1. Trách nhiệm của các sở, ban, ngành tỉnh")


def test_agency_level_is_the_level_the_name_states() -> None:
    golden = load("assignments_000")
    levels = {a.agency: a.agency_level for a in assignments.parse(golden.ctx, ())}
    assert levels["Sở Nội vụ"] == levels["Thống kê tỉnh"] == "province"
    # "xã hội" (society) is no commune: the trailing "tỉnh" gives the level
    assert levels["các tổ chức chính trị- xã hội tỉnh"] == "province"
