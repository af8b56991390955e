"""Cited documents: by their number, with the kind before it and the date, issuer and subject after it; or by
their title alone ("Luật Bình đẳng giới", "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030").

The subject a numbered citation states ("... của Chính phủ ban hành Chiến lược quốc gia về bình đẳng giới
giai đoạn 2021 - 2030") is its title and part of its span, so a strategy named there is not cited again.

One row per mention. A mention that leaves out what another mention of the same document in the
document gives (its date, or the number of a titled law) takes it from there: one number, or one
title, names one document.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import regex

from rules.agencies import AgencyMention, find_agencies, matching_key
from rules.context import Context
from rules.dates import safe_date
from rules.findings import DocumentMeta, Reference
from rules.tables import read_table

TABLES = Path(__file__).parent


def _rows(name: str) -> list[dict[str, str]]:
    return read_table(TABLES / name)


# A document number has digits and at least one code: "28/NQ-CP", "73/2006/QH11", "21-CT/TW".
_NUMBER = r"\d+(?:/\d{4})?[/-](?=[\p{L}\d&]*\p{L})[\p{L}\d&]+(?:[-/][\p{L}\d&]+)*"
# The issuer as written after "của": a government level with its place, or a named body.
_ISSUER = (
    r"(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|HĐND)\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|xã)"
    r"(?:\s+\p{Lu}\p{Ll}*){0,3}"
    r"|Thủ\s+tướng\s+Chính\s+phủ|Chính\s+phủ|Quốc\s+hội|Ban\s+Bí\s+thư|Ban\s+Chấp\s+hành\s+Trung\s+ương"
)
# A ministry or other agency after "của" is read with the agency gazetteer ("của Bộ Nội vụ").
_OF = regex.compile(r"\s*của\s+")


@cache
def _pattern() -> regex.Pattern[str]:
    plain = "|".join(regex.escape(r["ref_type"]) for r in _rows("types.tsv") if r["named"] == "no")
    named = "|".join(regex.escape(r["ref_type"]) for r in _rows("types.tsv") if r["named"] == "yes")
    return regex.compile(
        rf"(?<!\w)(?:(?P<type>{plain})\s+(?:số\s+)?|(?P<named>{named})\s[^;.\n]{{1,80}}?\s+số\s+)"
        rf"(?P<number>{_NUMBER})"
        r"(?:\s+ngày\s+(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4}))?"
        rf"(?:\s*của\s+(?P<issuer>{_ISSUER}))?",
        regex.VERSION1,
    )


@cache
def _issuer_codes() -> dict[str, str]:
    return {r["code"]: r["issuer"] for r in _rows("issuers.tsv")}


@cache
def _doc_type_codes() -> frozenset[str]:
    return frozenset(r["code"] for r in _rows("doc_type_codes.tsv"))


def issuer_from_number(number: str) -> str | None:
    """The issuer a number's codes name: the code after the document kind ("NQ-CP"), or the first one."""
    codes = [regex.sub(r"\d+$", "", c) for c in regex.split(r"[/-]", number) if not c.isdigit()]
    codes = [c for c in codes if c]
    issuer_code = codes[1] if len(codes) > 1 and codes[0] in _doc_type_codes() else codes[0] if codes else None
    return _issuer_codes().get(issuer_code) if issuer_code else None


def _gazetteer_issuer(text: str, end: int) -> AgencyMention | None:
    of = _OF.match(text, end)
    if of is None:
        return None
    found = find_agencies(text, of.end(), min(len(text), of.end() + 80))
    return found[0] if found and found[0].start == of.end() else None


def _reference(text: str, match: regex.Match[str], limit: int) -> Reference:
    """The citation of `match`; its subject, if it states one, ends before `limit` (the next citation)."""
    issued = None
    if match.group("day"):
        issued = safe_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    written_issuer = match.group("issuer")
    end = match.end()
    if written_issuer is None and (agency := _gazetteer_issuer(text, end)):
        written_issuer, end = agency.name, agency.end
    number = match.group("number")
    law = _LAW_TITLE.match(match.group()) if match.group("named") else None
    title = " ".join(law.group().split()) if law else None
    if title is None and (subject := _subject(text, end, limit)):
        title, end = " ".join(text[subject[0] : subject[1]].split()), subject[1]
    return Reference(
        start=match.start(),
        end=end,
        rule_id="references.numbered_named" if match.group("named") else "references.numbered",
        ref_type=match.group("type") or match.group("named"),
        title=title,
        number=number,
        issue_date=issued,
        issuer=" ".join(written_issuer.split()) if written_issuer else issuer_from_number(number),
    )


# The title of a law cited with its number: the words before "số".
_LAW_TITLE = regex.compile(r".+?(?=\s+số\s)", regex.S)


@cache
def _cue() -> regex.Pattern[str]:
    """A subject cue of subjects.tsv right after a citation; group `kept` holds a cue that is part of the subject."""
    def alternatives(kept: str) -> str:
        cues = (r["cue"].split() for r in _rows("subjects.tsv") if r["kept"] == kept)
        return "|".join(r"\s+".join(map(regex.escape, words)) for words in cues)

    return regex.compile(rf"\s+(?:(?:{alternatives('no')})\s+|(?P<kept>{alternatives('yes')})(?!\w))", regex.I)


_SUBJECT_MAX = 300
# Where a subject's clause ends: punctuation, a table cell, or a new line, unless the line is wrapped (the next
# one goes on in lowercase, or the break falls inside a range: "giai đoạn 2021-\n2025").
_CLAUSE_END = regex.compile(r"\.(?!\d)|[;:\t()“”]|(?<![-–])\n(?![^\S\n]*\p{Ll})")
# Words a subject may hold commas within: a quoted title, a known law title ("Luật Phòng, chống ...").
_UNIT = "“[^”\n]*”|{laws}"
# A title closed by its period ("giai đoạn 2021 - 2025") reads on past its commas
# ("phê duyệt Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới giai đoạn 2021-2025").
_PERIOD = regex.compile(r"(?:giai\s+đoạn|đến\s+năm|năm)\s+\d{4}(?:\s*[-–]\s*\d{4})?(?!\d)")
_TRAILING_LINK = regex.compile(r"(?:\s+(?:và|hoặc))*\s*$")


def _subject(text: str, start: int, limit: int) -> tuple[int, int] | None:
    """Offsets of the subject a citation ending at `start` goes on to state, within `limit`; None without a cue."""
    cue = _cue().match(text, start, limit)
    if cue is None:
        return None
    begin = cue.start("kept") if cue.group("kept") else cue.end()
    # Units are masked (same length, no punctuation, no spaces) so that only the clause's own punctuation counts.
    window = regex.sub(_units(), lambda unit: "_" * len(unit.group()), text[begin : min(limit, begin + _SUBJECT_MAX)])
    clause = _CLAUSE_END.search(window)
    clause_end = clause.start() if clause else len(window)
    comma = window.find(",", 0, clause_end)
    end = clause_end if comma == -1 else comma
    if comma != -1 and not _PERIOD.search(window, 0, comma) and (period := _PERIOD.search(window, comma, clause_end)):
        end = period.end()
    end = _TRAILING_LINK.search(window, 0, end).start()
    return (begin, begin + end) if end > 0 else None


@cache
def _units() -> regex.Pattern[str]:
    return regex.compile(_UNIT.replace("{laws}", _laws()))


@cache
def _laws() -> str:
    """The known law titles of laws.tsv as one alternation; a space stands for any spaces within a line."""
    return "|".join(r"[^\S\n]+".join(map(regex.escape, r["title"].split())) for r in _rows("laws.tsv"))


@cache
def _titled() -> tuple[tuple[str, str | None, regex.Pattern[str]], ...]:
    """(rule_id, issuer, pattern) of titled.tsv; a space in a pattern stands for any spaces within a line."""
    written = ((r, r["pattern"].replace(" ", r"[^\S\n]+").replace("{laws}", _laws())) for r in _rows("titled.tsv"))
    return tuple((r["rule_id"], r["issuer"] or None, regex.compile(pattern)) for r, pattern in written)


def _titled_references(text: str, numbered: list[Reference]) -> Iterator[Reference]:
    """Documents named by title where no numbered citation, nor an earlier titled rule, covers the words."""
    taken = [(r.start, r.end) for r in numbered]
    for rule_id, issuer, pattern in _titled():
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            yield Reference(
                start=match.start(),
                end=match.end(),
                rule_id="references.titled_" + rule_id,
                ref_type=" ".join(match.group("type").split()),
                title=" ".join(match.group("title").split()),
                number=None,
                issue_date=None,
                issuer=issuer,
            )


def _documents(references: list[Reference]) -> dict[str, Reference]:
    """Each numbered document's fullest citation (the first with a date), under its number and its title."""
    known: dict[str, Reference] = {}
    for reference in (r for r in references if r.number):
        for key in filter(None, (reference.number, matching_key(reference.title or ""))):
            if key not in known or (reference.issue_date and not known[key].issue_date):
                known[key] = reference
    return known


def _complete(references: list[Reference]) -> tuple[Reference, ...]:
    """A document cited again by number alone ("Nghị quyết số 28/NQ-CP") or by title alone ("Luật Bình đẳng
    giới") takes the number, title, date and issuer of its fullest citation."""
    known = _documents(references)
    completed = []
    for reference in references:
        full = known.get(reference.number or matching_key(reference.title or ""))
        if full is not None and reference.issue_date is None:
            reference = dataclasses.replace(
                reference,
                number=reference.number or full.number,
                title=reference.title or full.title,
                issue_date=full.issue_date,
                issuer=reference.issuer or full.issuer,
            )
        completed.append(reference)
    return tuple(completed)


def parse(ctx: Context) -> tuple[Reference, ...]:
    matches = list(_pattern().finditer(ctx.text))
    numbered = [_reference(ctx.text, m, n.start() if n else len(ctx.text)) for m, n in pairwise([*matches, None])]
    found = sorted([*numbered, *_titled_references(ctx.text, numbered)], key=lambda r: r.start)
    return _complete(found)


def evaluate(text: str) -> list[dict[str, Any]]:
    found = parse(Context(text, DocumentMeta(), ()))
    return [{"snippet": text[r.start : r.end]} | _values(r) for r in found]


def _values(reference: Reference) -> dict[str, Any]:
    return {
        "ref_type": reference.ref_type,
        "title": reference.title,
        "number": reference.number,
        "issue_date": reference.issue_date,
        "issuer": reference.issuer,
    }
