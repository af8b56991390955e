"""The agency gazetteer: names as written → a level-free key and an administrative level.

Matching runs on a key of the text (lowercase, one tone placement) that has exactly the text's
length, so every match is also a span of the normalized text.
"""
from __future__ import annotations

from rules.agencies.gazetteer import (
    AgencyMention,
    agency_key,
    agency_level,
    find_agencies,
    matching_key,
    split_agencies,
    starts_with_agency_head,
)

__all__ = [
    "AgencyMention",
    "agency_key",
    "agency_level",
    "evaluate",
    "find_agencies",
    "matching_key",
    "split_agencies",
    "starts_with_agency_head",
]


def evaluate(text: str) -> list[dict[str, str | None]]:
    """The agencies of a list as written in a table cell or heading, one dict per agency."""
    return [{"agency": m.name, "agency_key": m.key, "level": m.level} for m in split_agencies(text)]
