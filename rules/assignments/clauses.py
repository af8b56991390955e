"""Lead clauses outside a plan's organisation section: a decision's articles ("Điều 2. Giao Giám đốc Sở
Lao động - Thương binh và Xã hội chủ trì, phối hợp với Thủ trưởng các sở, ban, ngành tỉnh có liên quan
...") and a national text's duties ("2. Bộ Nông nghiệp và Môi trường:" / "a) Chủ trì, phối hợp với các
bộ, cơ quan trung ương liên quan ..."). The agency before "chủ trì" leads; with none written there, the
agencies the clause opens with ("Các Bộ: Nội vụ, Công an, ... căn cứ chức năng ... chủ trì"), else the
heading's agency the clause is listed under; the agencies after "phối hợp với" coordinate.
Inside the organisation section the indicator links of parse.py apply instead."""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import regex

from rules.agencies import AgencyMention, find_agencies, split_agencies, starts_with_agency_head
from rules.agencies.enumeration import enumerated_departments
from rules.findings import Assignment
from rules.span import lines
from rules.tables import read_table

TABLES = Path(__file__).parent
_CLAUSE_REACH = 300  # how far back a clause's subject may stand from its "chủ trì"
_HEADING_REACH = 3000  # how far back the heading of a lettered duty may stand
_HEADING_MAX_CHARS = 100


@cache
def _pattern(name: str) -> regex.Pattern[str]:
    written = {row["name"]: row["pattern"] for row in read_table(TABLES / "patterns.tsv")}[name]
    return regex.compile(written, regex.I | regex.M)


def lead_clause_links(text: str, skipped: list[tuple[int, int]]) -> Iterator[Assignment]:
    """Lead and coordinate rows of every "chủ trì, phối hợp với" clause outside the `skipped` spans."""
    for clause in _pattern("lead_clause").finditer(text):
        if any(start <= clause.start() < end for start, end in skipped):
            continue
        start = _clause_start(text, clause.start())
        written = _subject(text, start, clause.start())
        if written:
            yield from (_row(mention, "lead") for mention in written)
        else:  # the heading's agency, tied to this clause's "chủ trì" (one row per duty)
            lead_word = (clause.start(), clause.start() + len("chủ trì"))
            yield from (_row(mention, "lead", lead_word) for mention in _heading_agencies(text, start))
        for mention in _chain(text, clause.end(), _clause_end(text, clause.end())):
            yield _row(mention, "coordinate")


def assignment_list_links(text: str, skipped: list[tuple[int, int]]) -> Iterator[Assignment]:
    """Rows of the lettered items after "Điều N. Giao:" outside the `skipped` spans, but for items that
    hold a lead clause (read by lead_clause_links)."""
    for opened in _pattern("assign_list").finditer(text):
        if any(start <= opened.start() < end for start, end in skipped):
            continue
        for start, end in _list_items(text, opened.end()):
            if _pattern("lead_clause").search(text, start, end):
                continue
            yield from (_row(mention, "implement") for mention in _chain(text, start, end))
            partners = _pattern("partners").search(text, start, end)
            if partners:
                yield from (_row(mention, "coordinate") for mention in _chain(text, partners.end(), end))


def _list_items(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Spans of the lettered items from `start` (each after its letter) up to the next article."""
    article = _pattern("article").search(text, start)
    stop = article.start() if article else len(text)
    items = list(_pattern("list_item").finditer(text, start, stop))
    for item, following in zip(items, [*items[1:], None], strict=True):
        yield item.end(), following.start() if following else stop


def _clause_start(text: str, position: int) -> int:
    boundaries = list(_pattern("clause_start").finditer(text, max(0, position - _CLAUSE_REACH), position))
    return boundaries[-1].end() if boundaries else max(0, position - _CLAUSE_REACH)


def _clause_end(text: str, position: int) -> int:
    found = _pattern("clause_start").search(text, position)
    return found.start() if found else len(text)


def _subject(text: str, start: int, lead_word: int) -> tuple[AgencyMention, ...]:
    """Who the clause says leads: the agencies written just before "chủ trì", else those it opens with;
    () when it names none (its heading's agency leads)."""
    before = _chain_ending(text, start, lead_word)
    if before:
        return before
    enumerated = enumerated_departments(text, start, lead_word)
    if enumerated:
        return enumerated
    opening = _pattern("clause_opening").match(text, start, lead_word)
    return _chain(text, opening.end() if opening else start, lead_word)


def _chain(text: str, start: int, end: int) -> tuple[AgencyMention, ...]:
    """The known agencies a stretch opens with, chained by commas, "và" and heads' titles ("Chủ tịch")."""
    chained: list[AgencyMention] = []
    cursor = start
    for mention in find_agencies(text, start, end):
        if not _pattern("chain_separator").fullmatch(text, cursor, mention.start):
            break
        chained.append(mention)
        cursor = mention.end
    return tuple(chained)


def _chain_ending(text: str, start: int, end: int) -> tuple[AgencyMention, ...]:
    """The known agencies chained right before `end` (spaces between)."""
    mentions = find_agencies(text, start, end)
    if not mentions or text[mentions[-1].end : end].strip():
        return ()
    chained = [mentions[-1]]
    for mention in reversed(mentions[:-1]):
        if not _pattern("chain_separator").fullmatch(text, mention.end, chained[0].start):
            break
        chained.insert(0, mention)
    return tuple(chained)


def _heading_agencies(text: str, position: int) -> tuple[AgencyMention, ...]:
    """The agencies of the nearest numbered heading above (within its article) that names agencies; a unit
    named with its ministry ("Vụ Kế hoạch - Tài chính, Bộ Nội vụ") is the unit."""
    reach = max(0, position - _HEADING_REACH)
    for line in reversed([line for line in lines(text, reach, position) if line.end <= position]):
        if _pattern("article").match(line.text):
            return ()
        numbered = _pattern("agency_heading").match(text, line.start, line.end)
        rest = numbered.group("rest").strip() if numbered else ""
        if numbered and starts_with_agency_head(rest) and len(rest) <= _HEADING_MAX_CHARS and not rest.endswith("."):
            named = split_agencies(text, numbered.start("rest"), line.end)
            if len(named) > 1 and _pattern("parent_unit").match(named[0].name):
                return named[:1]
            return named
    return ()


def _row(mention: AgencyMention, role: str, span: tuple[int, int] | None = None) -> Assignment:
    """An assignment of `mention` in `role`, its provenance the mention or the given `span`."""
    start, end = span or (mention.start, mention.end)
    return Assignment(
        start=start,
        end=end,
        rule_id="assignments.clause_" + role,
        agency=" ".join(mention.name.split()),
        agency_key=mention.key,
        agency_level=mention.level,
        role=role,
        goal_no=None,
        target_no=None,
        task_id=None,
    )
