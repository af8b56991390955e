"""The task table of seed 001 against its golden file: all 28 numbered tasks."""
from __future__ import annotations

from rules import tasks
from rules.agencies import agency_key
from tests.seed_golden import load, missing_and_spurious, rows_of

FIELDS = ("task_id", "text", "lead_agencies", "coordinating_agencies", "timeframe")


def test_tasks_match_golden() -> None:
    golden = load("tasks_001")
    found = rows_of(golden.ctx, tasks.parse(golden.ctx), FIELDS)
    assert len(golden.expected) == 28
    assert missing_and_spurious(found, golden.expected) == ([], [])


def test_every_agency_of_the_task_table_is_known_to_the_gazetteer() -> None:
    golden = load("tasks_001")
    named = {a for t in tasks.parse(golden.ctx) for a in (*t.lead_agencies, *t.coordinating_agencies)}
    assert {a for a in named if agency_key(a) is None} == set()


def test_documents_without_tab_separated_rows_have_no_tasks() -> None:
    for seed in ("000", "004"):
        assert tasks.parse(load(f"assignments_{seed}").ctx) == ()
