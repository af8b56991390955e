"""Documents cited by their title alone (titled.tsv): laws by name (with their date when the citation gives
it), strategies, programmes and projects by a title closed by its period or in quotes."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache

import regex

from rules.dates import safe_date
from rules.findings import Reference
from rules.references.vocabulary import LINE_BREAK, SPACE, laws, rows

_TRAILING = regex.compile(r"[\s,]+$")


@cache
def _titled() -> tuple[tuple[str, str | None, regex.Pattern[str]], ...]:
    """(rule_id, issuer, pattern) of titled.tsv."""
    def compiled(pattern: str) -> regex.Pattern[str]:
        written = pattern.replace(" ", SPACE).replace("{laws}", laws()).replace("{nl}", LINE_BREAK)
        return regex.compile(written, regex.VERSION1)

    return tuple((r["rule_id"], r["issuer"] or None, compiled(r["pattern"])) for r in rows("titled.tsv"))


def titled_references(text: str, taken: list[tuple[int, int]]) -> Iterator[Reference]:
    """Documents named by title where no numbered citation (`taken`), nor an earlier titled rule, covers the
    words."""
    taken = list(taken)
    for rule_id, issuer, pattern in _titled():
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            kind = " ".join(match.group("type").split())
            yield Reference(
                start=match.start(),
                end=match.end(),
                rule_id="references.titled_" + rule_id,
                ref_type=kind[0] + kind[1:].lower(),
                title=_TRAILING.sub("", " ".join(match.group("title").split())),
                number=None,
                issue_date=_date(match),
                issuer=issuer,
            )


def _date(match: regex.Match[str]) -> date | None:
    groups = match.groupdict()
    if not groups.get("year"):
        return None
    return safe_date(int(groups["year"]), int(groups["month"]), int(groups["day"]))
