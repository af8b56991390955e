"""Departments enumerated after one head: "Các Bộ: Nội vụ, Công an, Giáo dục và Đào tạo" names the
ministries "Bộ Nội vụ", "Bộ Công an", "Bộ Giáo dục và Đào tạo". Each mention's span is the function's
words as written ("Nội vụ"); its name is the head and those words, as a reader says it."""
from __future__ import annotations

import regex

from rules.agencies.gazetteer import AgencyMention, agency_level, find_agencies

# "Các Bộ:", "Các Sở:", "các Phòng:", then the functions, separated by commas.
_ENUMERATION = regex.compile(r"(?<!\w)các\s+(?P<head>bộ|sở|phòng)\s*:\s*", regex.I)


def enumerated_departments(text: str, start: int = 0, end: int | None = None) -> tuple[AgencyMention, ...]:
    """The departments of the first enumeration in text[start:end]; () when there is none. The list ends at
    the first piece that is no known department ("... Nông nghiệp và Môi trường căn cứ chức năng")."""
    stop = len(text) if end is None else end
    opened = _ENUMERATION.search(text, start, stop)
    if opened is None:
        return ()
    head = opened.group("head").capitalize()
    found: list[AgencyMention] = []
    cursor = opened.end()
    while cursor < stop:
        piece_end = text.find(",", cursor, stop)
        piece_end = stop if piece_end == -1 else piece_end
        named = _department(text, head, cursor, piece_end)
        if named is None:
            break
        found.append(named)
        if named.end < piece_end:  # the list ends inside this piece
            break
        cursor = piece_end + 1
        while cursor < stop and text[cursor].isspace():
            cursor += 1
    return tuple(found)


def _department(text: str, head: str, start: int, end: int) -> AgencyMention | None:
    """The department the words at text[start:] name after `head` ("Nội vụ": a function the gazetteer
    knows after a head; "Công an": a body it knows by itself), if the gazetteer knows it."""
    said = f"{head} {text[start:end]}"
    known = find_agencies(said)
    if known and known[0].start == 0:
        return AgencyMention(known[0].name, known[0].key, known[0].level, start, start + known[0].end - len(head) - 1)
    alone = find_agencies(text, start, end)
    if alone and alone[0].start == start:
        name = f"{head} {alone[0].name}"
        return AgencyMention(name, alone[0].key, agency_level(name), start, alone[0].end)
    return None
