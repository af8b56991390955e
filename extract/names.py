"""File names as text that is safe to print and store, whatever bytes the file system holds.

A name that is not valid UTF-8 reaches Python with surrogate escapes, which no Parquet writer or
terminal accepts; a newline or an escape sequence in a name could forge a line of the console
summary. Both become visible backslash escapes, the same for the same bytes on every run.
"""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

# Control and format characters (newlines, ESC, bidi overrides such as U+202E), line/paragraph separators.
UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def _escaped(char: str) -> str:
    if unicodedata.category(char) not in UNPRINTABLE_CATEGORIES:
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with undecodable bytes as `\\xNN` and control/format characters as `\\xNN` or `\\uNNNN`."""
    decoded = os.fsencode(text).decode("utf-8", "backslashreplace") if _has_surrogates(text) else text
    return "".join(map(_escaped, decoded))


def printable_path(path: str | Path) -> str:
    return printable(os.fspath(path))


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in text)
