"""Phrases that still match where a PDF font dropped glyphs (seed 003): each dropped letter became one
space, and the spaces step then folded runs of spaces. So a damaged phrase differs from the clean one
only by letters turned into spaces (substitutions by " ") or vanished into a neighbouring space
(deletions). A third of the letters may be missing; anything else is not a match.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex


@cache
def lenient_pattern(phrase: str) -> regex.Pattern[str]:
    budget = sum(char.isalpha() for char in phrase) // 3
    body = regex.escape(phrase).replace(r"\ ", " ")
    fuzzy = f"{{s<={budget},d<={budget},e<={budget}}}" if budget else ""
    # BESTMATCH prefers the exact form on clean text; the look-arounds keep matches to whole words.
    return regex.compile(rf"(?<!\w)(?:{body}){fuzzy}(?!\w)", regex.BESTMATCH | regex.IGNORECASE)


def find_lenient(phrase: str, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
    """Matches of `phrase` in text[pos:endpos], exact or damaged only by dropped glyphs."""
    end = len(text) if endpos is None else endpos
    for match in lenient_pattern(phrase).finditer(text, pos, end, overlapped=False):
        if _only_dropped_glyphs(match, text):
            yield match


def is_lenient(phrase: str, text: str) -> bool:
    """Whether the whole of `text` is `phrase`, exact or damaged only by dropped glyphs."""
    match = lenient_pattern(phrase).fullmatch(text)
    return match is not None and _only_dropped_glyphs(match, text)


def _only_dropped_glyphs(match: regex.Match[str], text: str) -> bool:
    substituted, inserted, _deleted = match.fuzzy_changes
    return not inserted and all(text[index] == " " for index in substituted) and bool(match.group().strip())
