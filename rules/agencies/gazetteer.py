"""Loading the agency tables and matching them against text."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from rules.tables import read_table

TABLES = Path(__file__).parent


@dataclass(frozen=True)
class AgencyMention:
    """An agency named in the text: `name` is text[start:end]; `key` is None when the gazetteer does not know it."""

    name: str
    key: str | None
    level: str | None
    start: int
    end: int


def _rows(name: str) -> list[dict[str, str]]:
    return read_table(TABLES / name)


@cache
def _tone_placement() -> dict[str, str]:
    return {row["written"]: row["matched"] for row in _rows("tone_placement.tsv")}


def matching_key(text: str) -> str:
    """Lowercase with one tone placement; same length as `text`, so offsets carry over."""
    lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    table = _tone_placement()
    return str(regex.sub("|".join(table), lambda m: table[m.group()], lowered))


def _alias_pattern(alias: str) -> str:
    """Tolerant spacing around the punctuation inside names ("Tài chính - Kế hoạch", "chính trị- xã hội")."""
    pattern = ""
    previous_is_word = False
    for token in regex.findall(r"[-–]|[,&]|[^\s,&\-–]+", matching_key(alias)):
        is_word = token not in "-–,&"
        if is_word:
            pattern += (r"\s+" if previous_is_word else "") + regex.escape(token)
        else:
            pattern += r"\s*" + ("[-–]" if token in "-–" else regex.escape(token)) + r"\s*"
        previous_is_word = is_word
    return pattern


def _group(key: str) -> str:
    return "k_" + key


@cache
def _heads() -> dict[str, tuple[bool, str | None]]:
    return {matching_key(r["head"]): (r["department"] == "yes", r["level"] or None) for r in _rows("heads.tsv")}


@cache
def _localities() -> dict[str, str | None]:
    return {matching_key(r["locality"]): r["level"] or None for r in _rows("localities.tsv")}


@cache
def _gazetteer() -> regex.Pattern[str]:
    """One pattern over every alias; POSIX (leftmost-longest) so the longest name wins across keys."""
    by_key: dict[tuple[str, str], list[str]] = {}
    for row in _rows("gazetteer.tsv"):
        by_key.setdefault((row["form"], row["key"]), []).append(_alias_pattern(row["alias"]))
    department_heads = "|".join(regex.escape(h) for h, (dept, _) in _heads().items() if dept)
    departments = "|".join(f"(?P<{_group(k)}>{'|'.join(a)})" for (form, k), a in by_key.items() if form == "department")
    bodies = "|".join(f"(?P<{_group(k)}>{'|'.join(a)})" for (form, k), a in by_key.items() if form == "body")
    localities = "|".join(_alias_pattern(locality) for locality in _localities())
    return regex.compile(
        rf"(?p)(?<!\w)(?:(?P<head>{department_heads})\s+(?:{departments})|(?:{bodies}))"
        rf"(?:\s+(?P<locality>{localities}))?(?!\w)"
    )


# A place name after an agency ("Báo và Phát thanh, truyền hình Lai Châu"): capitalised words.
_PLACE_NAME = regex.compile(r"(?: \p{Lu}\p{Ll}*){1,3}(?!\w)")


def _mention(text: str, match: regex.Match[str], stop: int) -> AgencyMention:
    key = next(name[2:] for name, value in match.groupdict().items() if value is not None and name.startswith("k_"))
    end = match.end()
    if place := _PLACE_NAME.match(text, end, stop):
        end = place.end()
    name = text[match.start() : end]
    return AgencyMention(name, key, agency_level(name), match.start(), end)


def find_agencies(text: str, start: int = 0, end: int | None = None) -> tuple[AgencyMention, ...]:
    """Every gazetteer agency in text[start:end], with offsets into `text`."""
    stop = len(text) if end is None else end
    return tuple(_mention(text, m, stop) for m in _gazetteer().finditer(matching_key(text), start, stop))


def agency_key(name: str) -> str | None:
    """The key of a name that is exactly one known agency; None otherwise."""
    found = find_agencies(name.strip())
    return found[0].key if len(found) == 1 and found[0].name == name.strip() else None


def agency_level(name: str) -> str | None:
    """province / district / commune / national, from the head word (Sở, Phòng, Bộ) or the locality."""
    key = matching_key(name)
    for head, (_, level) in _heads().items():
        if level and regex.match(rf"(?:các\s+)?{regex.escape(head)}\b", key):
            return level
    localities = _localities()
    for words in (locality for locality, level in localities.items() if not level):
        key = regex.sub(rf"(?<!\w){regex.escape(words)}(?!\w)", " ", key)
    for locality, level in localities.items():
        if level and regex.search(rf"(?<!\w){regex.escape(locality)}(?!\w)", key):
            return level
    return None


def starts_with_agency_head(text: str) -> bool:
    """Whether `text` opens like an agency's name (Sở, Phòng, Công an, Các, ...)."""
    key = matching_key(text.lstrip())
    return any(regex.match(rf"{regex.escape(head)}(?!\w)", key) for head in _heads())


# Separators between the agencies of a list; parenthesised remarks are not agencies.
_SEPARATOR = regex.compile(r"\s*(?:[;,]|\bvà\b)\s*")
_REMARK = regex.compile(r"\s*\([^)]*\)")


def split_agencies(text: str, start: int = 0, end: int | None = None) -> tuple[AgencyMention, ...]:
    """The agencies of a list in text[start:end] ("Các sở, ban, ngành; UBND các xã, phường").

    Known names are taken whole, commas and all; what lies between them, cut at ";" and ",", is an
    agency the gazetteer does not know, kept with a null key.
    """
    stop = len(text) if end is None else end
    # Blanking keeps offsets; names never overlap a remark, so they read the same in both texts.
    listed = _blank(text, [(m.start(), m.end()) for m in _REMARK.finditer(text, start, stop)])
    found: list[AgencyMention] = []
    cursor = start
    for mention in find_agencies(listed, start, stop):
        found += _unknown(listed, cursor, mention.start)
        found.append(mention)
        cursor = mention.end
    found += _unknown(listed, cursor, stop)
    return tuple(found)


def _unknown(text: str, start: int, end: int) -> Iterator[AgencyMention]:
    """The pieces between known names that look like an agency's name (they open with a head word);
    a qualifier ("thuộc tỉnh") or a damaged token ("hu ện") is no agency."""
    pieces = regex.split(r"[;,]", text[start:end])
    offset = start
    for piece in pieces:
        stripped = piece.strip(" \t.:-–")
        if starts_with_agency_head(stripped) and not _SEPARATOR.fullmatch(piece):
            first = offset + piece.index(stripped)
            name = text[first : first + len(stripped)]
            yield AgencyMention(name, None, agency_level(name), first, first + len(stripped))
        offset += len(piece) + 1


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given spans replaced by spaces (same length)."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text
