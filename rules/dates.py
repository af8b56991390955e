"""Calendar helpers shared by the rules: Vietnamese day/month/year, quarters, and the document's year.

Every resolution is relative to the document (its issue year and plan period), never to today.
"""
from __future__ import annotations

import calendar
from datetime import date

from rules.findings import DocumentMeta

ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the numbers do not name a real day (e.g. 31/4)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_bounds(year: int, first_month: int, last_month: int | None = None) -> tuple[date, date]:
    """First day of `first_month` to last day of `last_month` (the same month by default)."""
    last = last_month or first_month
    return date(year, first_month, 1), date(year, last, calendar.monthrange(year, last)[1])


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first_month = 3 * (quarter - 1) + 1
    return month_bounds(year, first_month, first_month + 2)


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def quarter_number(label: str) -> int | None:
    """'II' or '2' → 2; None for anything that is not a quarter."""
    number = ROMAN_QUARTERS.get(label.upper()) or (int(label) if label.isdigit() else None)
    return number if number in (1, 2, 3, 4) else None


def expand_year(written: str) -> int:
    """A written year; two-digit years ('25') belong to the 2000s, as in every plan of this corpus."""
    year = int(written)
    return year + 2000 if year < 100 else year


def document_year(meta: DocumentMeta) -> int | None:
    """The year a plan's undated expressions ('Trong năm', '10/12') refer to.

    An annual plan names its year as its period; a multi-year plan starts at `period_start`;
    without a period, the year of issue.
    """
    return meta.period_start or meta.issue_year
