"""The header's own facts: its issuer, number, place and date.

A header is a two-column table whatever the page made of it: cells on separate lines, on one line
between "|" or tabs, or broken across lines ("ỦY BAN NHÂN\\nDÂN\\nTỈNH TRÀ VINH"). The left column
names the issuer in capitals (a people's committee or council with its unit, a national body, a
steering committee) and the number ("Số: 45/KH-UBND"); the right one the motto and the place and
date ("Hòa Bình, ngày 12 tháng 5 năm 2022"). A committee written without its unit ("ỦY BAN NHÂN
DÂN") is the committee of the province its place line names.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from rules.dates import safe_date
from rules.metadata.grammar import (
    Issuer,
    fold,
    local_issuer,
    national_issuers,
    patterns,
    province_mention,
    province_names,
    provinces,
    spaced,
)

_BODY_ABBREVIATION = {
    "ủy ban nhân dân": "UBND", "uỷ ban nhân dân": "UBND", "hội đồng nhân dân": "HĐND", "ubnd": "UBND", "hđnd": "HĐND"
}


@dataclass(frozen=True)
class Dated:
    year: int | None
    month: int | None
    day: int | None
    place: str | None  # the place line's name: "Hòa Bình", "Hồ Chí Minh"

    @property
    def date(self) -> date | None:
        return safe_date(self.year, self.month, self.day) if self.year and self.month and self.day else None


@cache
def _national() -> regex.Pattern[str]:
    names = "|".join(spaced(name) for name in sorted(national_issuers(), key=len, reverse=True))
    after = r"(?=\s*(?:$|[|\t-]|(?i:cộng\s)))"  # the end of its cell, or the motto of the other column
    return regex.compile(rf"{patterns()['cell_start'].pattern}(?P<name>(?i:{names})){after}", regex.M)


@cache
def _local() -> regex.Pattern[str]:
    return regex.compile(patterns()["cell_start"].pattern + patterns()["header_body"].pattern, regex.M)


def issuer(header: str, dated: Dated, title: str) -> Issuer | None:
    """The issuer heading the header: the first body in capitals opening a cell."""
    found = []
    if body := _local().search(header):
        found.append((body.start("body"), _local_body(header, body, dated, title)))
    if national := _national().search(header):
        name = national_issuers()[fold(national.group("name"))]
        found.append((national.start("name"), Issuer(name, "national")))
    if steering := patterns()["steering_committee"].search(header):
        rest = " ".join(w if regex.search(r"\d", w) else w.lower() for w in steering.group("rest").split())
        found.append((steering.start(), Issuer(f"Ban Chỉ đạo {rest}".strip(), "national")))
    candidates = [(start, found_issuer) for start, found_issuer in found if found_issuer]
    return min(candidates, key=lambda pair: pair[0])[1] if candidates else None


def _local_body(header: str, body: regex.Match[str], dated: Dated, title: str) -> Issuer | None:
    """The committee or council with the unit under it, else of the province of the place line or title."""
    abbreviation = _BODY_ABBREVIATION[fold(body.group("body"))]
    unit = _unit_under(header, body.end())
    if unit:
        name = _province_name().match(header, unit.end()) or patterns()["unit_name"].match(header, unit.end())
        if name:
            return local_issuer(abbreviation, unit.group("unit"), name.group())
    province = provinces().get(fold(dated.place or ""))
    if province is None and (mention := province_mention().search(title)):
        province = provinces()[fold(mention.group("name"))]
    return local_issuer(abbreviation, province.kind, province.name) if province else None


def _unit_under(header: str, body_end: int) -> regex.Match[str] | None:
    """The unit word under the body: right after it; behind the motto when the page put the left column's
    second line after the right column's first ("ủy Ban Nhân Dân \t Cộng hòa xã hội chủ nghĩa việt nam
    thành phố cần thơ"); or opening the next line when both columns share each line."""
    line_end = header.find("\n", body_end)
    motto = patterns()["motto"].search(header, body_end, len(header) if line_end == -1 else line_end)
    starts = [body_end, *([motto.end()] if motto else []), *([line_end] if line_end != -1 else [])]
    return next(filter(None, (patterns()["header_unit"].match(header, start) for start in starts)), None)


@cache
def _province_name() -> regex.Pattern[str]:
    return regex.compile(province_names() + r"(?!\p{L})")


def own_number(header: str) -> str | None:
    """The number opening a header cell ("Số: 1137/QĐ-TTg"), without stray spaces."""
    match = patterns()["own_number"].search(header)
    return "".join(match.group("number").split()) if match else None


def place_and_date(header: str) -> Dated:
    match = patterns()["place_date"].search(header)
    if match is None:
        return Dated(None, None, None, None)
    day, month, year = (int(part) if part else None for part in match.group("day", "month", "year"))
    place = " ".join(match.group("place").split()) if match.group("place") else None
    return Dated(year, month, day, place)
