"""Documents cited by their number: the kind before it ("Quyết định số", "kế hoạch số", "Luật ... số"), the
date after it ("ngày 03/3/2021", "ngày 15 tháng 6 năm 2020"), then the issuer ("của Chính phủ") and the
subject it goes on to state ("về việc ban hành ...").

The subject is the citation's title and part of its span, so a strategy named there is not cited again.
"""
from __future__ import annotations

from functools import cache

import regex

from rules.agencies import AgencyMention, find_agencies
from rules.dates import safe_date
from rules.findings import Reference
from rules.references.subject import subject
from rules.references.vocabulary import rows

# A document number has digits and at least one code: "28/NQ-CP", "73/2006/QH11", "21-CT/TW", "30c/NQ-CP";
# a page may leave a space before a slash ("12 /BC-UBND") or after a hyphen before a code ("35/KH- UBND").
NUMBER = (
    r"\d+\p{Ll}?(?:/\d{4})?(?:[^\S\n]?/|-)(?=[\p{L}\d&]*\p{L})[\p{L}\d&]+"
    r"(?:(?:[-/](?:[^\S\n](?=\p{Lu}{2}))?|[^\S\n]/)[\p{L}\d&]+)*"
)
# A date after a number: "ngày 03/3/2021", "ngày 15 tháng 6 năm 2020", ", ngày 26/11/2003", "13 tháng 5 năm 2021",
# "ngày 22/8/ 2011" (a stray space),
# "NGÀY 04/02/2020" (in a title in capitals).
DATE = (
    r"(?:\s*,?\s*(?i:ngày)\s*(?P<day>\d{1,2})/[^\S\n]?(?P<month>\d{1,2})/[^\S\n]?(?P<year>\d{4})"
    r"|\s*,?\s*(?:(?i:ngày)\s*)?(?P<day>\d{1,2})\s+(?i:tháng)\s+(?P<month>\d{1,2})\s+(?i:năm)\s+(?P<year>\d{4}))"
)
_LOCAL_BODY = r"(?:UBND|[UỦ][yỷ]\s+ban\s+nhân\s+dân|HĐND|Hội\s+đồng\s+nhân\s+dân)"
# The issuer as written after "của": a government level with its place, its chairman, or a named body.
_ISSUER = (
    rf"(?:Chủ\s+tịch\s+)?{_LOCAL_BODY}\s+(?i:tỉnh|huyện|thành\s+phố|thị\s+xã|xã|quận|phường)"
    r"(?:\s+\p{Lu}\p{Ll}*){0,3}"
    r"|Thủ\s+[tT]ướng\s+Chính\s+phủ|Chính\s+phủ|Quốc\s+hội|Ban\s+Bí\s+thư|Ban\s+Chấp\s+hành\s+Trung\s+ương"
    r"|Ban\s+Thường\s+vụ\s+(?:Tỉnh|Thành)\s+[ủỦ]y"
)
# A ministry or other agency after "của" (its head's title left out: "của Bộ trưởng Bộ Y tế", "của Giám đốc Sở
# ...") is read with the agency gazetteer; "của" may be run together with the name ("củaBan Bí thư").
_OF = regex.compile(r"\s*của\s*(?:(?:Bộ\s+trưởng(?:,\s+Chủ\s+nhiệm)?|Giám\s+đốc)\s+)?")


@cache
def pattern() -> regex.Pattern[str]:
    plain = [r["ref_type"] for r in rows("types.tsv") if r["named"] == "no"]
    named = "|".join(regex.escape(r["ref_type"]) for r in rows("types.tsv") if r["named"] == "yes")
    lowered = "|".join(regex.escape(t[0].lower() + t[1:]) for t in plain)
    capitals = "|".join(regex.escape(t.upper()) for t in plain)
    kinds = "|".join(map(regex.escape, plain))
    return regex.compile(
        rf"(?<!\w)(?:(?P<type>{kinds})\s+(?:số\s+)?|(?P<lowered>{lowered})\s+số\s+"
        rf"|(?P<capitals>{capitals})\s+SỐ\s+"
        rf"|(?P<named>{named})\s(?:(?!{kinds})(?:[^;.\n]|\n(?=\p{{Ll}}))){{1,80}}?\s+số\s+)"
        rf"(?:(?P<number>{NUMBER})|(?<=số\s+)(?P<bare>\d+)(?![\d\p{{L}}/-]))"
        rf"{DATE}?"
        rf"(?:\s*của\s*(?P<issuer>{_ISSUER}))?",
        regex.VERSION1,
    )


@cache
def _issuer_codes() -> dict[str, str]:
    return {r["code"]: r["issuer"] for r in rows("issuers.tsv")}


@cache
def _known_issuers() -> dict[str, str]:
    return {r["issuer"].casefold(): r["issuer"] for r in rows("issuers.tsv")}


@cache
def _doc_type_codes() -> frozenset[str]:
    return frozenset(r["code"] for r in rows("doc_type_codes.tsv"))


def issuer_from_number(number: str) -> str | None:
    """The issuer a number's codes name: the code after the document kind ("NQ-CP"), or the first one."""
    codes = [regex.sub(r"\d+$", "", c) for c in regex.split(r"[/-]", number) if not c.isdigit()]
    codes = [c for c in codes if c]
    issuer_code = codes[1] if len(codes) > 1 and codes[0] in _doc_type_codes() else codes[0] if codes else None
    return _issuer_codes().get(issuer_code) if issuer_code else None


def written_number(match: regex.Match[str]) -> str:
    """The number as cited, without the spaces a page left in it."""
    return "".join((match.group("number") or match.group("bare")).split())


def _gazetteer_issuer(text: str, end: int) -> AgencyMention | None:
    of = _OF.match(text, end)
    if of is None:
        return None
    found = find_agencies(text, of.end(), min(len(text), of.end() + 80))
    return found[0] if found and found[0].start == of.end() else None


def _issuer_name(written: str) -> str:
    """The issuer as written, on one line; a national body as issuers.tsv names it ("Thủ Tướng Chính phủ" →
    "Thủ tướng Chính phủ")."""
    name = " ".join(written.split())
    return _known_issuers().get(name.casefold(), name)


def reference(text: str, match: regex.Match[str], subject_end: int) -> Reference:
    """The citation of `match`; its subject, if it states one, ends before `subject_end` (the next citation)."""
    issued = None
    if match.group("day"):
        issued = safe_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    written_issuer = match.group("issuer")
    end = match.end()
    if written_issuer is None and (agency := _gazetteer_issuer(text, end)):
        written_issuer, end = agency.name, agency.end
    number = written_number(match)
    law = _LAW_TITLE.match(match.group()) if match.group("named") else None
    title = " ".join(law.group().split()) if law else None
    if title is None and (stated := subject(text, end, subject_end)):
        title, end = " ".join(text[stated[0] : stated[1]].split()), stated[1]
    kind = match.group("type") or match.group("named") or match.group("lowered") or match.group("capitals")
    return Reference(
        start=match.start(),
        end=end,
        rule_id="references.numbered_named" if match.group("named") else "references.numbered",
        ref_type=kind[0].upper() + kind[1:].lower(),
        title=title,
        number=number,
        issue_date=issued,
        issuer=_issuer_name(written_issuer) if written_issuer else issuer_from_number(number),
    )


# The title of a law cited with its number: the words before "số" and the number ("Luật sửa đổi, bổ sung một
# số điều của Luật ... số 67/2020/QH14").
_LAW_TITLE = regex.compile(r".+?(?=\s+số\s+\d)", regex.S)
