"""Task tables: tab-separated rows (from text, DOCX or PDF tables) → one `Task` per numbered row."""
from __future__ import annotations

from rules.tasks.parse import Cell, TaskRow, evaluate, parse, rows

__all__ = ["Cell", "TaskRow", "evaluate", "parse", "rows"]
