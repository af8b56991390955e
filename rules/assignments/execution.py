"""A text's closing execution article: "Chánh Văn phòng UBND tỉnh, Giám đốc các sở, Chủ tịch UBND các
huyện, thị xã, thành phố và Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định
này" (also "... chịu trách nhiệm tổ chức thực hiện Quyết định này", "... căn cứ Quyết định thi hành", and
"Các cơ quan, đơn vị sau đây chịu trách nhiệm thi hành Quyết định này:" with the agencies listed after).
Every agency it names carries the text out: an implement row with no goal, indicator or task. The heads'
titles ("Chánh", "Giám đốc", "Thủ trưởng") mark where one agency ends and the next begins and are left out
("Chánh Văn phòng UBND tỉnh" is "Văn phòng UBND tỉnh"); a title with no agency after it ("Bộ trưởng, Thủ
trưởng cơ quan ngang bộ") names none; a group named by its ministry ("các đơn vị thuộc Bộ Nội vụ") is one."""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import regex

from rules.agencies import AgencyMention, agency_key, agency_level, starts_with_agency_head
from rules.agencies.enumeration import enumerated_departments
from rules.findings import Assignment
from rules.tables import read_table

TABLES = Path(__file__).parent
_SUBJECT_REACH = 800  # how far back an execution clause's subject may begin


@cache
def _pattern(name: str) -> regex.Pattern[str]:
    written = {row["name"]: row["pattern"] for row in read_table(TABLES / "execution.tsv")}
    return regex.compile(written[name].replace("{title_word}", written["title_word"]), regex.I | regex.M)


def execution_links(text: str, skipped: list[tuple[int, int]]) -> Iterator[Assignment]:
    """Implement rows of every execution clause outside the `skipped` spans."""
    for clause in _pattern("execution").finditer(text):
        if any(start <= clause.start() < end for start, end in skipped):
            continue
        subject = _subject_start(text, clause.start())
        if _pattern("listed_below").search(text, subject, clause.start()):
            for start, end in _listed_items(text, clause.end()):
                yield from _agencies(text, start, end)
        else:
            yield from _agencies(text, subject, clause.start())


def _subject_start(text: str, position: int) -> int:
    """Where the clause's subject begins: after the last sentence end or new article, item or paragraph
    before it (a line break inside a name is no boundary), and after an address ("Các ông (bà):") or a
    number."""
    reach = max(0, position - _SUBJECT_REACH)
    ends = list(_pattern("subject_boundary").finditer(text, reach, position))
    start = ends[-1].end() if ends else reach
    opening = _pattern("subject_opening").match(text, start, position)
    return opening.end() if opening else start


def _listed_items(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Spans of the agencies listed after "... sau đây chịu trách nhiệm ...:", on the same line after the
    colon or one per following marked line ("- Sở Nội vụ;", "1. Văn phòng UBND tỉnh;")."""
    colon = _pattern("list_colon").match(text, start)
    if colon is None:
        return
    line_end = text.find("\n", colon.end())
    line_end = len(text) if line_end == -1 else line_end
    yield colon.end(), line_end
    for item in _pattern("list_line").finditer(text, line_end):
        if item.start() != line_end:
            break
        yield item.start("item"), item.end("item")
        line_end = item.end()


def _agencies(text: str, start: int, end: int) -> Iterator[Assignment]:
    """The agencies of a subject, cut before each head's title and at "và các ..." groups."""
    cursor = start
    for cut in _pattern("piece_separator").finditer(text, start, end):
        yield from _piece_agencies(text, cursor, cut.start())
        cursor = cut.end()
    yield from _piece_agencies(text, cursor, end)


def _piece_agencies(text: str, start: int, end: int) -> Iterator[Assignment]:
    """The agency one piece names after its title; the departments of an enumeration ("Giám đốc các Sở:
    Nội vụ, Tài chính"); none when only a title is written or the rest is no agency's name."""
    title = _pattern("title").match(text, start, end)
    name_start = title.end() if title else start
    trailing = _pattern("piece_end").search(text, name_start, end)
    stop = trailing.start() if trailing else end
    enumerated = enumerated_departments(text, name_start, stop)
    if enumerated:
        yield from (_row(mention) for mention in enumerated)
    elif stop > name_start and starts_with_agency_head(text[name_start:stop]):
        name = " ".join(text[name_start:stop].split())
        yield _row(AgencyMention(name, agency_key(name), agency_level(name), name_start, stop))


def _row(mention: AgencyMention) -> Assignment:
    return Assignment(
        start=mention.start,
        end=mention.end,
        rule_id="assignments.execution_implement",
        agency=" ".join(mention.name.split()),
        agency_key=mention.key,
        agency_level=mention.level,
        role="implement",
        goal_no=None,
        target_no=None,
        task_id=None,
    )
