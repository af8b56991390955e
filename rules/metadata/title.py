"""The document's title and the period it covers.

The title is the type line ("KẾ HOẠCH", "QUYẾT\\nĐỊNH") and the subject under it, which a page may break
over several lines: in capitals it goes on while the lines stay in capitals, in sentence case while a
line goes on in lowercase. It stops at the preamble, a heading, the issuing authority's line or a rule.
A document without a type line takes the first line in capitals under its header's date as its subject.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from rules.metadata.grammar import doc_types, patterns, spaced
from rules.span import lines

_MARKUP = regex.compile(r"^\#{1,6}\s+|\*\*|__")
# Lines that are not part of a title: the preamble, a heading ("PHẦN I.", "I.", "1."), the issuing
# authority above the preamble ("ỦY BAN NHÂN DÂN TỈNH ...", "CHỦ TỊCH ...", "BỘ TRƯỞNG ...", "THỦ TƯỚNG
# CHÍNH PHỦ"), the operative word of a decision ("QUYẾT ĐỊNH:"), a rule of dashes or a lone cell mark.
_STOP = regex.compile(
    r"^\s*(?:Căn\s+cứ|Thực\s+hiện|Theo|Xét|PHẦN|Phần|[IVX]+\.|\d+\.|[UỦ][YỶ]\s+BAN\s+NHÂN|HỘI\s+ĐỒNG|CHỦ\s+TỊCH"
    r"|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|QUYẾT\s+(?:ĐỊNH|NGHỊ)\s*:|[-—–_=|]+\s*$)"
)


@dataclass(frozen=True)
class TypeLine:
    start: int
    end: int
    doc_type: str
    text: str  # the line without markup; "PHỤ LỤC: NHIỆM VỤ ..." keeps its subject


@cache
def _type_line() -> regex.Pattern[str]:
    types = "|".join(spaced(doc_type) for doc_type in sorted(doc_types(), key=len, reverse=True))
    markup = r"(?:\#{1,6}\s+|\*\*|__)?"
    return regex.compile(rf"^{markup}(?P<type>{types})(?:\*\*|__)?[^\S\n]*(?P<rest>:[^\S\n]*\S[^\n]*)?$", regex.M)


def type_line(preamble: str) -> TypeLine | None:
    match = _type_line().search(preamble)
    if match is None:
        return None
    doc_type = " ".join(match.group("type").split())
    text = _MARKUP.sub("", doc_type + (match.group("rest") or "")).strip()
    return TypeLine(match.start(), match.end(), doc_type, text)


def title(preamble: str, after_date: int | None) -> str | None:
    """The type and subject ("KẾ HOẠCH Thực hiện ..."), or, when no type line heads the subject, the
    subject alone: the first line in capitals after the header's date (`after_date`)."""
    found = type_line(preamble)
    if found is not None and found.text != found.doc_type:
        return found.text
    if found is not None:
        return f"{found.doc_type} {_subject(preamble, found.end, in_capitals_only=False) or ''}".strip()
    return _subject(preamble, after_date, in_capitals_only=True) if after_date is not None else None


def _subject(preamble: str, start: int, in_capitals_only: bool) -> str | None:
    """The subject's lines from `start`: the first non-empty one (in capitals, of three words or more,
    when `in_capitals_only`), then the lines that go on with it."""
    taken: list[str] = []
    for line in lines(preamble, min(start + 1, len(preamble))):
        text = _MARKUP.sub("", line.text).strip()
        if not taken:
            if in_capitals_only and patterns()["preamble_opener"].match(text):
                break
            if text and (not in_capitals_only or _opens_capital_subject(text)):
                taken.append(text)
            continue
        if not text or _STOP.match(text) or not _continues(taken[-1], text):
            break
        taken.append(text)
    return " ".join(taken) or None


def _opens_capital_subject(text: str) -> bool:
    return _capitals(text) and len(text.split()) >= 3 and not _STOP.match(text)


def _capitals(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def _continues(previous: str, line: str) -> bool:
    """A line goes on with the title: a title in capitals with a line in capitals (or without letters:
    "2025”"), or a line starting in lowercase."""
    return (_capitals(previous) and line == line.upper()) or line[0].islower()


def period(text: str, issue_year: int | None) -> tuple[int | None, int] | None:
    """First and last year a title covers; the last period named wins, as the title ends with the plan's
    own scope ("... Chiến lược giai đoạn 2021-2030 năm 2026" is a 2026 plan). A horizon ("định hướng
    đến năm 2030", "tầm nhìn đến năm 2045") is not the period; a period "đến năm 2025" starts in the
    year of issue."""
    text = patterns()["period_horizon"].sub(lambda m: " " * len(m.group()), text)
    found: list[tuple[int, int | None, int]] = []
    for match in patterns()["period_range"].finditer(text):
        found.append((match.start(), int(match.group("start")), int(match.group("end"))))
    for match in patterns()["period_until"].finditer(text):
        end = int(match.group("end"))
        found.append((match.start(), issue_year if issue_year and issue_year <= end else None, end))
    for match in patterns()["period_year"].finditer(text):
        found.append((match.start(), int(match.group("start")), int(match.group("start"))))
    if not found:
        return None
    _, start, end = max(found, key=lambda item: item[0])
    return start, end
