"""The references family's tables, and how a title may run over a line break."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import regex

from rules.tables import read_table

TABLES = Path(__file__).parent

# A line break inside a title: the next line goes on in lowercase ("giai\nđoạn"), a title in capitals goes on
# in capitals or digits ("TRẺ\nEM", "NĂM\n2030"), or a word is followed by its year ("năm\n2030").
LINE_BREAK = (
    r"(?:[^\S\n]*\n[^\S\n]*(?=\p{Ll})|(?<=\p{Lu})[^\S\n]*\n[^\S\n]*(?=[\p{Lu}\d])"
    r"|(?<=\p{L})[^\S\n]*\n[^\S\n]*(?=\d))"
)
# The space between two words of a title: spaces within a line, or a line break as above.
SPACE = rf"(?:[^\S\n]+|{LINE_BREAK})"


def rows(name: str) -> list[dict[str, str]]:
    return read_table(TABLES / name)


@cache
def laws() -> str:
    """The known law titles of laws.tsv as one alternation, their first letter in any case."""
    titles = (r["title"].split() for r in rows("laws.tsv"))
    return "|".join(f"(?i:{regex.escape(words[0][0])}){regex.escape(words[0][1:])}" + "".join(
        SPACE + regex.escape(word) for word in words[1:]) for words in titles)
