"""All rule families over one document's normalized text, in dependency order, and what they missed.

A plan states its issuer and date in its header and its targets in its objectives section; when the
rules find such a part but read nothing from it (a header whose issuer or date is neither read nor left
blank, an objectives section stating figures none of which is read as a target), the document carries a
warning, so that a layout the rules do not know yet is reported instead of giving quietly empty tables.
A document without a header (a decree's text starting at its title, a table of figures) misses none.
"""
from __future__ import annotations

from dataclasses import dataclass

from rules import assignments, deadlines, goals, metadata, outline, references, tasks, thresholds
from rules.context import Context
from rules.findings import Assignment, Deadline, DocumentMeta, Goal, Reference, Section, Target, Task
from rules.goals.parse import find_objectives
from rules.thresholds.values import read_values

NO_TARGET = "the objectives section yields no target"
NO_ISSUER = "the header yields no issuer"
NO_ISSUE_DATE = "the header yields no issue date"


@dataclass(frozen=True)
class Findings:
    meta: DocumentMeta
    sections: tuple[Section, ...]
    goals: tuple[Goal, ...]
    targets: tuple[Target, ...]
    tasks: tuple[Task, ...]
    deadlines: tuple[Deadline, ...]
    assignments: tuple[Assignment, ...]
    references: tuple[Reference, ...]
    warnings: tuple[str, ...] = ()


def run(text: str) -> Findings:
    context = Context(text, metadata.parse(text), outline.parse(text))
    goal_rows = goals.parse(context)
    task_rows = tasks.parse(context)
    target_rows = thresholds.parse(context, goal_rows)
    return Findings(
        meta=context.meta,
        sections=context.sections,
        goals=goal_rows,
        targets=target_rows,
        tasks=task_rows,
        deadlines=deadlines.parse(context, task_rows),
        assignments=assignments.parse(context, task_rows),
        references=references.parse(context),
        warnings=document_warnings(context, target_rows),
    )


def document_warnings(context: Context, target_rows: tuple[Target, ...]) -> tuple[str, ...]:
    header = metadata.header_shape(context.text)
    missing = (
        (NO_TARGET, not target_rows and _states_figures(context)),
        (NO_ISSUER, header.present and not header.issuer_blank and context.meta.issuer is None),
        (NO_ISSUE_DATE, header.present and not header.date_blank and context.meta.issue_year is None),
    )
    return tuple(warning for warning, missed in missing if missed)


def _states_figures(context: Context) -> bool:
    """Whether the objectives section states a figure ("50%", "ít nhất 03 lớp"): a section of
    qualitative aims only has no target to miss."""
    objectives = find_objectives(context)
    return objectives is not None and bool(read_values(context.text, objectives.start, objectives.end))
