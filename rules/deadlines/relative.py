"""Deadlines counted in days from the document itself (relative.tsv): "trong thời gian 90 ngày kể từ ngày
ban hành Quyết định này" is due 90 days after the issue date; "... kể từ ngày Quyết định này có hiệu lực
thi hành", 90 days after the day the document says it takes effect (on signing: the issue date)."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import regex

from rules.dates import safe_date
from rules.findings import DocumentMeta
from rules.tables import read_table

TABLES = Path(__file__).parent


@cache
def _patterns() -> dict[str, regex.Pattern[str]]:
    return {r["name"]: regex.compile(r["pattern"], regex.I) for r in read_table(TABLES / "relative.tsv")}


def effective_date(text: str, meta: DocumentMeta) -> date | None:
    """The day the document takes effect, as it states it; None when it does not say."""
    stated = _patterns()["effective"].search(text)
    if stated is None:
        return None
    if stated.group("signing"):
        return meta.issue_date
    return safe_date(int(stated.group("year")), int(stated.group("month")), int(stated.group("day")))


def counted_deadlines(text: str, meta: DocumentMeta) -> Iterator[tuple[regex.Match[str], str, date]]:
    """Each count of days from the document's issue or effect with its due day: (match, rule name, day)."""
    anchors = {"after_issue": meta.issue_date, "after_effect": effective_date(text, meta)}
    for name, anchor in anchors.items():
        if anchor is None:
            continue
        for match in _patterns()[name].finditer(text):
            yield match, name, anchor + timedelta(days=int(match.group("days")))
