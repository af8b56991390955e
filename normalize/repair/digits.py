"""Lost digits pinned by the document's own numbers: a number with lost digits is restored only when the
document states exactly one number that fits ("    -2025" next to "giai đoạn 2021-2025" elsewhere)."""
from __future__ import annotations

from collections import Counter

import regex

from extract.marks import UNKNOWN

PINNED_DIGIT_CONFIDENCE = 0.8
PINNED_YEAR_CONFIDENCE = 0.6
_PIN_MIN_COUNT = 2  # times the document states a number before it may pin one with lost digits
_NUMBER_IN_TEXT = regex.compile(r"(?<![\d.,/\-])\d[\d.,/\-]*\d(?![\d.,/\-]*\d)|(?<![\d.,/\-])\d(?![\d.,/\-])")
_NUMBER_WITH_UNKNOWNS = regex.compile(rf"[\d{UNKNOWN}](?:[\d{UNKNOWN}.,/\-]*[\d{UNKNOWN}])?")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NAMING = regex.compile(r"[/\-]")  # the separators of periods, dates and references, not of measures
_PERIOD = regex.compile(r"(?<!\d)((?:19|20)\d\d) ?[-–] ?((?:19|20)\d\d)(?!\d)")


def document_numbers(text: str) -> frozenset[str]:
    """The numbers that may pin one with lost digits: periods, dates and references ("2021-2025",
    "6/5/2021", "45/KH") the document writes whole at least twice, and its own period, the one it states
    most, with its years. A number stated once may belong to anything ("2018-2025", another programme's
    period); a lone number or year is too common to pin one; and a measure ("16,4%", "1.500") is what the
    text is about: another one that fits is no evidence ("1�,4%" beside "16,4%" was "12,4%")."""
    written = Counter(match.group() for match in _NUMBER_IN_TEXT.finditer(text) if _NAMING.search(match.group()))
    pinning = {number for number, count in written.items() if count >= _PIN_MIN_COUNT}
    periods = Counter(match.groups() for match in _PERIOD.finditer(text))
    if periods:
        (first, last), _ = periods.most_common(1)[0]
        pinning |= {first, last} | {number for number in written if number.startswith(first) and number.endswith(last)}
    return frozenset(pinning)


def pin_digits(text: str, numbers: frozenset[str]) -> tuple[str, float]:
    """Fill unknown digits from the one number of the document that fits, else leave them flagged."""
    number = _NUMBER_WITH_UNKNOWNS.search(text)
    assert number is not None  # called only on readings with an unknown digit
    pattern = regex.compile(regex.escape(number.group()).replace(UNKNOWN, r"[\d.,/\-]"))
    fits = [written for written in numbers if pattern.fullmatch(written)]
    unknown = number.group().count(UNKNOWN)
    seen = sum(char.isdigit() for char in number.group())
    # Only a distinctive number pins: long enough, and more of its digits seen than lost ("����-2025",
    # not "�8", nor "���/KH-UBND", whose letters fit every plan of the issuer); a year of the document's
    # periods pins with fewer digits seen ("năm ���5": 2025), less surely.
    if len(fits) != 1 or len(number.group()) < 4:
        return text, 0.0
    pinned = text[: number.start()] + fits[0] + text[number.end() :]
    if unknown <= seen:
        return pinned, PINNED_DIGIT_CONFIDENCE
    return (pinned, PINNED_YEAR_CONFIDENCE) if _YEAR.fullmatch(fits[0]) else (text, 0.0)


