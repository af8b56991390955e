"""Document metadata from the header, the title, the preamble and the signature block.

Every field is read from the text; a field the source leaves blank ("Số: /KH-UBND",
"ngày tháng 12 năm 2025") stays null. The issuer is read, in order of trust, from the header
(header.py: a committee, council, national body or steering committee in capitals), from the preamble
("UBND huyện Mường Tè xây dựng Kế hoạch"), from an appendix's "kèm theo ... của UBND tỉnh Lai Châu",
and last from a plan signed on behalf of the people's committee ("TM. ỦY BAN NHÂN DÂN") whose subject
names its territory ("trên địa bàn tỉnh Lạng Sơn"): the committee that signs for a territory is that
territory's committee. The number and date are the header's own (a citation's never count), or those
of the plan an appendix belongs to. A page's first line naming the document by type and number
("Kế hoạch 202/KH-UBND năm 2025 thực hiện ...") gives the period when the title in the text does not.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from rules.findings import DocumentMeta
from rules.metadata import header
from rules.metadata.grammar import Issuer, authority_prefix, fold, local_issuer, patterns, province_mention, provinces
from rules.metadata.title import period, title, type_line
from rules.outline import parse as parse_outline
from rules.span import lines

# A web page's first line naming the document by its type and number.
_PAGE_TITLE = regex.compile(r"\A\s*(?:Kế\s+hoạch|Quyết\s+định|Nghị\s+quyết|Chương\s+trình|Đề\s+án)\s+\d+[^\n]*")


def parse(text: str) -> DocumentMeta:
    preamble = _preamble(text)
    head, appendix_line = _identity_lines(preamble)
    dated = header.place_and_date(head)
    date_match = patterns()["place_date"].search(head)
    doc_title = title(preamble, date_match.end() if date_match else None)
    if not dated.year and (appendix_dated := _appendix_date(appendix_line)):
        dated = appendix_dated
    issuer = header.issuer(head, dated, doc_title or "") or _issuer(preamble, doc_title or "", text)
    covered = _period(preamble, doc_title, text, dated.year)
    signer_title, signer_name = _signer(text)
    return DocumentMeta(
        title=doc_title,
        issuer=issuer.name if issuer else None,
        admin_level=issuer.admin_level if issuer else None,
        province=_province(issuer, preamble),
        district=issuer.place if issuer and issuer.admin_level == "district" else None,
        doc_number=header.own_number(head) or _appendix_number(appendix_line),
        issue_date=dated.date,
        issue_year=dated.year,
        issue_month=dated.month,
        period_start=covered[0] if covered else None,
        period_end=covered[1] if covered else None,
        signer_name=signer_name,
        signer_title=signer_title,
    )


@dataclass(frozen=True)
class HeaderShape:
    """Whether a document opens with a header (the national motto or a "Số:" cell above its title or
    preamble; a decree's text starting at its title, a table of figures have none), and which of its
    fields the source leaves blank, as a form does ("Tên đơn vị:", "....., ngày    tháng    năm"):
    a blank field is read, not missed."""

    present: bool
    issuer_blank: bool
    date_blank: bool


def header_shape(text: str) -> HeaderShape:
    head, _ = _identity_lines(_preamble(text))
    return HeaderShape(
        present=any(patterns()[name].search(head) for name in ("motto", "number_line")),
        issuer_blank=patterns()["blank_issuer"].search(head) is not None,
        date_blank=patterns()["blank_date"].search(head) is not None,
    )


def _preamble(text: str) -> str:
    sections = parse_outline(text)
    return text[: sections[0].start] if sections else text


def _identity_lines(preamble: str) -> tuple[str, str]:
    """The lines that carry the document's own number and date: the header above the type line
    (or above the preamble when there is no type line), and an appendix's "kèm theo" line. Numbers
    and dates in the preamble itself belong to the documents it cites."""
    found = type_line(preamble)
    opener = patterns()["preamble_opener"].search(preamble)
    header_end = min(found.start if found else len(preamble), opener.start() if opener else len(preamble))
    appendix = patterns()["appendix_line"].search(preamble)
    return preamble[:header_end], appendix.group() if appendix else ""


def _appendix_number(appendix_line: str) -> str | None:
    match = patterns()["doc_number"].search(appendix_line)
    return "".join(match.group("number").split()) if match else None


def _appendix_date(appendix_line: str) -> header.Dated | None:
    """The date of the plan an appendix belongs to ("kèm theo Kế hoạch số ... ngày 22/4/2026")."""
    for name in ("date_words", "date_slashes"):
        match = patterns()[name].search(appendix_line)
        if match:
            day, month, year = (int(part) if part else None for part in match.group("day", "month", "year"))
            return header.Dated(year, month, day, None)
    return None


def _issuer(preamble: str, title: str, text: str) -> Issuer | None:
    for name in ("self_issuer", "appendix_issuer"):
        match = patterns()[name].search(preamble)
        if match:
            return local_issuer("UBND", match.group("unit"), match.group("name"))
    territory = patterns()["territory"].search(title)
    if territory and patterns()["signed_for_committee"].search(text):
        return local_issuer("UBND", territory.group("unit"), territory.group("name"))
    return None


def _province(issuer: Issuer | None, preamble: str) -> str | None:
    """The issuer's province; for a district or commune, the province its preamble names; none for a
    national body."""
    if issuer and issuer.admin_level == "province":
        return issuer.place
    if issuer and issuer.admin_level == "national":
        return None
    for mention in province_mention().finditer(preamble):
        province = provinces()[fold(mention.group("name"))]
        if fold(mention.group("unit")) == province.kind:  # "thành phố Lai Châu" is a city, not the province
            return province.name
    return None


def _period(preamble: str, doc_title: str | None, text: str, issue_year: int | None) -> tuple[int | None, int] | None:
    """The period of the title under a type line; without a type line, the page's own title line is
    surer than the first line in capitals (which may be a heading of the body). Last, the preamble's
    sentence issuing the plan ("UBND tỉnh xây dựng Kế hoạch ... giai đoạn 2021 - 2025 ...")."""
    page_title = _PAGE_TITLE.match(text)
    from_page = period(page_title.group(), issue_year) if page_title else None
    from_title = period(doc_title or "", issue_year)
    statement = patterns()["self_statement"].search(preamble)
    from_statement = period(statement.group(), issue_year) if statement else None
    if type_line(preamble) is not None:
        return from_title or from_page or from_statement
    return from_page or from_title or from_statement


def _signer(text: str) -> tuple[str | None, str | None]:
    """Title and name under the last authority line ("KT. CHỦ TỊCH"): the title is the last line in
    capitals, the name the line after it. Notes such as "(Đã ký)" are skipped."""
    authority = [line for line in lines(text) if authority_prefix().match(line.text)]
    if not authority:
        return None, None
    below = [line.text.strip() for line in lines(text, authority[-1].end + 1) if line.text.strip()]
    below = [line for line in below if not line.startswith("(")]
    capitals = 0
    while capitals < len(below) and below[capitals].isupper():
        capitals += 1
    signer_title = below[capitals - 1] if capitals else None
    name = below[capitals] if capitals < len(below) else None
    is_name = name is not None and patterns()["proper_name"].fullmatch(name) is not None
    return signer_title, name if is_name else None
