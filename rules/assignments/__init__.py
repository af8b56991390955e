"""Agencies linked to goals, indicators and tasks, each in a role (lead, coordinate, data)."""
from __future__ import annotations

from rules.assignments.parse import evaluate, organisation_section, parse

__all__ = ["evaluate", "organisation_section", "parse"]
