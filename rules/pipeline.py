"""All rule families over one document's normalized text, in dependency order."""
from __future__ import annotations

from dataclasses import dataclass

from rules import assignments, deadlines, goals, metadata, outline, references, tasks, thresholds
from rules.context import Context
from rules.findings import Assignment, Deadline, DocumentMeta, Goal, Reference, Section, Target, Task


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


def run(text: str) -> Findings:
    context = Context(text, metadata.parse(text), outline.parse(text))
    goal_rows = goals.parse(context)
    task_rows = tasks.parse(context)
    return Findings(
        meta=context.meta,
        sections=context.sections,
        goals=goal_rows,
        targets=thresholds.parse(context, goal_rows),
        tasks=task_rows,
        deadlines=deadlines.parse(context, task_rows),
        assignments=assignments.parse(context, task_rows),
        references=references.parse(context),
    )
