"""Find cited documents by their number, then read the kind before it and the date and issuer after it."""
from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import Any

import regex

from rules.agencies import AgencyMention, find_agencies
from rules.context import Context
from rules.dates import safe_date
from rules.findings import DocumentMeta, Reference
from rules.vocab import read_table

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


def _reference(text: str, match: regex.Match[str]) -> Reference:
    issued = None
    if match.group("day"):
        issued = safe_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    written_issuer = match.group("issuer")
    end = match.end()
    if written_issuer is None and (agency := _gazetteer_issuer(text, end)):
        written_issuer, end = agency.name, agency.end
    number = match.group("number")
    return Reference(
        start=match.start(),
        end=end,
        rule_id="references.numbered_named" if match.group("named") else "references.numbered",
        ref_type=match.group("type") or match.group("named"),
        number=number,
        issue_date=issued,
        issuer=" ".join(written_issuer.split()) if written_issuer else issuer_from_number(number),
    )


def _complete(references: list[Reference]) -> tuple[Reference, ...]:
    """A document cited again by number alone ("Nghị quyết số 28/NQ-CP") takes the date and issuer of its
    full citation: one number names one document."""
    known: dict[str, Reference] = {}
    for reference in references:
        if reference.number and reference.issue_date and reference.number not in known:
            known[reference.number] = reference
    completed = []
    for reference in references:
        full = known.get(reference.number or "")
        if full is not None and reference.issue_date is None:
            issuer = reference.issuer or full.issuer
            reference = dataclasses.replace(reference, issue_date=full.issue_date, issuer=issuer)
        completed.append(reference)
    return tuple(completed)


def parse(ctx: Context) -> tuple[Reference, ...]:
    return _complete([_reference(ctx.text, m) for m in _pattern().finditer(ctx.text)])


def evaluate(text: str) -> list[dict[str, Any]]:
    found = parse(Context(text, DocumentMeta(), ()))
    return [{"snippet": text[r.start : r.end]} | _values(r) for r in found]


def _values(reference: Reference) -> dict[str, Any]:
    return {
        "ref_type": reference.ref_type,
        "number": reference.number,
        "issue_date": reference.issue_date,
        "issuer": reference.issuer,
    }
