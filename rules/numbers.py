"""Vietnamese numbers → Decimal: "," is the decimal mark, "." groups thousands, "04" is 4, and number
words ("một", "hai mươi lăm", "một trăm linh năm", "ba nghìn") for small counts written out.
"""
from __future__ import annotations

from decimal import Decimal

import regex

# "1.000" and "100.000,5" group thousands with "."; a bare "1.5" is not a Vietnamese number.
DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
DIGITS_PATTERN = regex.compile(rf"(?<![\d.,])(?:{DIGITS})(?![\d]|[.,]\d)")

# Word → its value as a digit; the multipliers are handled by _fold.
DIGIT_WORDS = {
    "không": 0, "linh": 0, "lẻ": 0,
    "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10,
}
MULTIPLIERS = {"mươi": 10, "trăm": 100, "nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
NUMBER_WORDS_PATTERN = regex.compile(
    r"(?<!\p{L})(?:" + "|".join(sorted({*DIGIT_WORDS, *MULTIPLIERS}, key=len, reverse=True)) + r")"
    r"(?:\s+(?:" + "|".join(sorted({*DIGIT_WORDS, *MULTIPLIERS}, key=len, reverse=True)) + r"))*(?!\p{L})",
    regex.IGNORECASE,
)


def parse_number(written: str) -> Decimal | None:
    """The value of a number written in digits or in words; None when `written` is not one number."""
    written = written.strip()
    if regex.fullmatch(DIGITS, written):
        return Decimal(written.replace(".", "").replace(",", "."))
    words = written.lower().split()
    if words and all(word in DIGIT_WORDS or word in MULTIPLIERS for word in words):
        return _fold(words)
    return None


def _fold(words: list[str]) -> Decimal | None:
    """Read number words left to right: a multiplier scales what precedes it ("hai mươi" = 20)."""
    total, group = 0, 0
    for word in words:
        if word in DIGIT_WORDS:
            group += DIGIT_WORDS[word]
        elif MULTIPLIERS[word] >= 1000:
            total += (group or 1) * MULTIPLIERS[word]
            group = 0
        else:
            group = _scale_last(group, MULTIPLIERS[word])
    return Decimal(total + group)


def _scale_last(group: int, factor: int) -> int:
    """ "một trăm hai mươi": "mươi" scales only the 2 after the hundreds, not the whole group."""
    hundreds, rest = divmod(group, 100) if factor == 10 else (0, group)
    return hundreds * 100 + (rest or 1) * factor
