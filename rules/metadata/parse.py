"""Document metadata from the header, the title, the preamble and the signature block.

Every field is read from the text; a field the source leaves blank ("Số: /KH-UBND",
"ngày tháng 12 năm 2025") stays null. The issuer is read, in order of trust, from the header
("ỦY BAN NHÂN DÂN" / "TỈNH LAI CHÂU"), from the preamble ("UBND huyện Mường Tè xây dựng Kế hoạch"),
from an appendix's "kèm theo ... của UBND tỉnh Lai Châu", and last from a plan signed on behalf of
the people's committee ("TM. ỦY BAN NHÂN DÂN") whose subject names its territory ("trên địa bàn
tỉnh Lạng Sơn"): the committee that signs for a territory is that territory's committee.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from rules.dates import safe_date
from rules.findings import DocumentMeta
from rules.outline import parse as parse_outline
from rules.span import Line, lines
from rules.tables import read_table

HERE = Path(__file__).parent
_MARKUP = regex.compile(r"^\#{1,6}\s+|\*\*|__")


@dataclass(frozen=True)
class Issuer:
    unit: str  # the unit word as it names the level: "tỉnh", "huyện"
    name: str  # the unit's proper name: "Lai Châu"
    admin_level: str

    def __str__(self) -> str:
        return f"UBND {self.unit} {self.name}"


@dataclass(frozen=True)
class Province:
    name: str
    kind: str  # "tỉnh" or "thành phố"


def fold(name: str) -> str:
    """A key for comparing names: case and line breaks do not count ("LAI CHÂU", "Lai\\nChâu")."""
    return " ".join(name.split()).casefold()


def _spaced(words: str) -> str:
    """A literal name as a pattern that allows any whitespace, a line break included, between words."""
    return r"\s+".join(regex.escape(word) for word in words.split())


@cache
def admin_units() -> dict[str, str]:
    """Unit word ("huyện") → admin level ("district")."""
    return {row["word"]: row["admin_level"] for row in read_table(HERE / "admin_units.tsv")}


@cache
def provinces() -> dict[str, Province]:
    """Every spelling of a province or centrally-run city (folded) → the province."""
    found = {}
    for row in read_table(HERE / "provinces.tsv"):
        province = Province(row["name"], row["kind"])
        for spelling in [row["name"], *filter(None, row["variants"].split("|"))]:
            found[fold(spelling)] = province
    return found


@cache
def patterns() -> dict[str, regex.Pattern[str]]:
    units = sorted(admin_units(), key=len, reverse=True)
    parts = {"unit": "(?i:" + "|".join(map(_spaced, units)) + ")"}
    for row in read_table(HERE / "patterns.tsv"):
        parts[row["name"]] = row["pattern"] % parts
    del parts["unit"]
    return {name: regex.compile(pattern, regex.MULTILINE) for name, pattern in parts.items()}


@cache
def _province_mention() -> regex.Pattern[str]:
    names = sorted(provinces(), key=len, reverse=True)
    alternatives = "|".join(map(_spaced, names))
    return regex.compile(rf"(?P<unit>(?i:tỉnh|thành\s+phố))\s+(?P<name>(?i:{alternatives}))(?!\p{{L}})")


@cache
def _doc_types() -> tuple[str, ...]:
    return tuple(row["doc_type"] for row in read_table(HERE / "doc_types.tsv"))


@cache
def _authority_line() -> regex.Pattern[str]:
    prefixes = "|".join(row["prefix"] for row in read_table(HERE / "signing.tsv"))
    return regex.compile(rf"^(?:{prefixes})\.\s")


def parse(text: str) -> DocumentMeta:
    sections = parse_outline(text)
    preamble = text[: sections[0].start] if sections else text
    title = _title(preamble)
    header, appendix_line = _identity_lines(preamble)
    issuer = _issuer(preamble, title or "", text)
    year, month, day = _issue_date(header, appendix_line)
    period = _period(title or "")
    signer_title, signer_name = _signer(text)
    return DocumentMeta(
        title=title,
        issuer=str(issuer) if issuer else None,
        admin_level=issuer.admin_level if issuer else None,
        province=_province(issuer, preamble),
        district=issuer.name if issuer and issuer.admin_level == "district" else None,
        doc_number=_first_group(patterns()["doc_number"], f"{header}\n{appendix_line}", "number"),
        issue_date=safe_date(year, month, day) if year and month and day else None,
        issue_year=year,
        issue_month=month,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        signer_name=signer_name,
        signer_title=signer_title,
    )


def _doc_type_line(preamble: str) -> tuple[Line, str, str] | None:
    """The line naming the document type, with the type and the line's text without markup."""
    for line in lines(preamble):
        plain = _MARKUP.sub("", line.text).strip()
        for doc_type in _doc_types():
            if plain == doc_type or plain.startswith(doc_type + ":"):
                return line, doc_type, plain
    return None


def _title(preamble: str) -> str | None:
    """The type line and, when the type stands alone ("KẾ HOẠCH"), the subject line under it."""
    found = _doc_type_line(preamble)
    if not found:
        return None
    line, doc_type, plain = found
    if plain != doc_type:
        return plain
    subject = next((s.text.strip() for s in lines(preamble, min(line.end + 1, len(preamble))) if s.text.strip()), "")
    return f"{doc_type} {subject}".strip()


def _identity_lines(preamble: str) -> tuple[str, str]:
    """The lines that carry the document's own number and date: the header above the type line
    (or above the preamble when there is no type line), and an appendix's "kèm theo" line. Numbers
    and dates in the preamble itself belong to the documents it cites."""
    type_line = _doc_type_line(preamble)
    opener = patterns()["preamble_opener"].search(preamble)
    header_end = min(type_line[0].start if type_line else len(preamble), opener.start() if opener else len(preamble))
    appendix = patterns()["appendix_line"].search(preamble)
    return preamble[:header_end], appendix.group() if appendix else ""


def _issuer(preamble: str, title: str, text: str) -> Issuer | None:
    for name, region in (("header_issuer", preamble), ("self_issuer", preamble), ("appendix_issuer", preamble)):
        match = patterns()[name].search(region)
        if match:
            return _issuer_of(match)
    territory = patterns()["territory"].search(title)
    if territory and patterns()["signed_for_committee"].search(text):
        return _issuer_of(territory)
    return None


def _issuer_of(match: regex.Match[str]) -> Issuer:
    unit = fold(match.group("unit"))
    written = " ".join(match.group("name").split())
    province = provinces().get(fold(written))
    name = province.name if province else (written.title() if written.isupper() else written)
    level = admin_units()[unit]
    if unit == "thành phố" and not (province and province.kind == "thành phố"):
        level = "district"  # a city under a province ("thành phố Lai Châu"), not a centrally-run city
    return Issuer(unit, name, level)


def _province(issuer: Issuer | None, preamble: str) -> str | None:
    """The issuer's province; for a district or commune, the province its preamble names."""
    if issuer and issuer.admin_level == "province":
        return issuer.name
    for mention in _province_mention().finditer(preamble):
        province = provinces()[fold(mention.group("name"))]
        if fold(mention.group("unit")) == province.kind:  # "thành phố Lai Châu" is a city, not the province
            return province.name
    return None


def _first_group(pattern: regex.Pattern[str], region: str, group: str) -> str | None:
    match = pattern.search(region)
    return match.group(group) if match else None


def _issue_date(header: str, appendix_line: str) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of issue, from the header's place-and-date line or the date of the plan an
    appendix belongs to; each None when left blank."""
    for name, region in (("place_date", header), ("date_words", appendix_line), ("date_slashes", appendix_line)):
        match = patterns()[name].search(region)
        if match:
            day, month, year = (int(part) if part else None for part in match.group("day", "month", "year"))
            return year, month, day
    return None, None, None


def _period(title: str) -> tuple[int, int] | None:
    """First and last year the plan covers, from its title; the last period named wins, as the title
    ends with the plan's own scope ("... Chiến lược giai đoạn 2021-2030 năm 2026" is a 2026 plan)."""
    found = [*patterns()["period_range"].finditer(title), *patterns()["period_year"].finditer(title)]
    if not found:
        return None
    last = max(found, key=lambda match: match.start())
    start = int(last.group("start"))
    return start, int(last.groupdict().get("end") or start)


def _signer(text: str) -> tuple[str | None, str | None]:
    """Title and name under the last authority line ("KT. CHỦ TỊCH"): the title is the last line in
    capitals, the name the line after it. Notes such as "(Đã ký)" are skipped."""
    authority = [line for line in lines(text) if _authority_line().match(line.text)]
    if not authority:
        return None, None
    below = [line.text.strip() for line in lines(text, authority[-1].end + 1) if line.text.strip()]
    below = [line for line in below if not line.startswith("(")]
    capitals = 0
    while capitals < len(below) and below[capitals].isupper():
        capitals += 1
    title = below[capitals - 1] if capitals else None
    name = below[capitals] if capitals < len(below) else None
    is_name = name is not None and patterns()["proper_name"].fullmatch(name) is not None
    return title, name if is_name else None
