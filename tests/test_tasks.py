"""The task table of seed 001 against its golden file: all 28 numbered tasks, from text, DOCX and PDF."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extract import extract
from normalize import normalize
from rules import deadlines, tasks
from rules.agencies import agency_key
from rules.context import Context
from tests.docs_builders import BuiltPdf
from tests.seed_golden import load, missing_and_spurious, rows_of

pytest_plugins = ["tests.docs_fixtures"]

FIELDS = ("task_id", "text", "lead_agencies", "coordinating_agencies", "timeframe")
DEADLINE_FIELDS = ("subject_kind", "subject_ref", "kind", "start_date", "end_date", "recurrence", "condition")


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


def _without_snippets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k != "snippet"} for row in rows]


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_the_docx_and_pdf_tables_of_001_give_the_same_tasks_and_deadlines(
    form: str, seed_docx: dict[str, Path], seed_pdfs: dict[str, BuiltPdf]
) -> None:
    """The appendix drawn as real tables (the header repeated per page) reads like the text seed."""
    path = seed_docx["001"] if form == "docx" else seed_pdfs["001"].path
    golden = load("tasks_001")
    ctx = Context(normalize(extract(path).text).text, golden.ctx.meta, ())
    found_tasks = tasks.parse(ctx)
    found = _without_snippets(rows_of(ctx, found_tasks, FIELDS))
    assert missing_and_spurious(found, _without_snippets(golden.expected)) == ([], [])
    linked = _without_snippets(rows_of(ctx, deadlines.parse(ctx, found_tasks), DEADLINE_FIELDS))
    assert missing_and_spurious(linked, _without_snippets(load("deadlines_001").expected)) == ([], [])
