"""Cited documents: by their number, with the kind before it and the date, issuer and subject after it
(numbered.py); or by their title alone ("Luật Bình đẳng giới", "Chiến lược quốc gia về bình đẳng giới
giai đoạn 2021-2030"; titled.py).

The document's own number is never a citation of it (a page's title line "Kế hoạch 301/KH-UBND năm 2022
..." or an appendix's "kèm theo Quyết định số ..." name the document itself).

One row per mention. A mention that leaves out what another mention of the same document in the
document gives (its date, or the number of a titled law) takes it from there: one number, or one
title, names one document.
"""
from __future__ import annotations

import dataclasses
from itertools import pairwise
from typing import Any

from rules import metadata
from rules.agencies import matching_key
from rules.context import Context
from rules.findings import Reference
from rules.references.numbered import pattern, reference, written_number
from rules.references.titled import titled_references


def _documents(references: list[Reference]) -> dict[str, Reference]:
    """Each numbered document's fullest citation (the first with a date), under its number and its title."""
    known: dict[str, Reference] = {}
    for cited in (r for r in references if r.number):
        for key in filter(None, (cited.number, matching_key(cited.title or ""))):
            if key not in known or (cited.issue_date and not known[key].issue_date):
                known[key] = cited
    return known


def _complete(references: list[Reference]) -> tuple[Reference, ...]:
    """A document cited again by number alone ("Nghị quyết số 28/NQ-CP") or by title alone ("Luật Bình đẳng
    giới") takes the number, title, date and issuer of its fullest citation."""
    known = _documents(references)
    completed = []
    for cited in references:
        full = known.get(cited.number or matching_key(cited.title or ""))
        if full is not None and cited.issue_date is None:
            cited = dataclasses.replace(
                cited,
                number=cited.number or full.number,
                title=cited.title or full.title,
                issue_date=full.issue_date,
                issuer=cited.issuer or full.issuer,
            )
        completed.append(cited)
    return tuple(completed)


def parse(ctx: Context) -> tuple[Reference, ...]:
    own = "".join((ctx.meta.doc_number or "").split()).casefold()
    matches = [m for m in pattern().finditer(ctx.text) if not own or written_number(m).casefold() != own]
    numbered = [reference(ctx.text, m, n.start() if n else len(ctx.text)) for m, n in pairwise([*matches, None])]
    taken = [(r.start, r.end) for r in numbered]
    found = sorted([*numbered, *titled_references(ctx.text, taken)], key=lambda r: r.start)
    return _complete(found)


def evaluate(text: str) -> list[dict[str, Any]]:
    found = parse(Context(text, metadata.parse(text), ()))
    return [{"snippet": text[r.start : r.end]} | _values(r) for r in found]


def _values(cited: Reference) -> dict[str, Any]:
    return {
        "ref_type": cited.ref_type,
        "title": cited.title,
        "number": cited.number,
        "issue_date": cited.issue_date,
        "issuer": cited.issuer,
    }
