"""The typed value of a time expression, by its kind: each resolver reads the named groups of its pattern
(day, month, year, months, quarter, condition; day2/month2/year2 for a window's end; see patterns.tsv)
against the document's year, for expressions that leave the year out."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import regex

from rules.dates import month_bounds, quarter_bounds, quarter_number, safe_date, year_bounds


@dataclass(frozen=True)
class Resolved:
    """The typed value of a time expression, before it is tied to a subject."""

    kind: str
    start_date: date | None
    end_date: date | None
    recurrence: str | None = None
    condition: str | None = None


def _int(match: regex.Match[str], group: str) -> int | None:
    """The number a group holds; None when the group is unmatched or not in the pattern."""
    written = match.groupdict().get(group)
    return int(written) if written else None


def _day(match: regex.Match[str], year: int | None, suffix: str = "") -> date | None:
    """The day of groups day/month (day2/month2 with suffix "2") in `year`; None without a year.
    A month without a day ("trước tháng 6/2026") is due when it begins: its first day."""
    if year is None:
        return None
    day = _int(match, "day" + suffix) if "day" + suffix in match.groupdict() else 1
    return safe_date(year, _int(match, "month" + suffix) or 0, day or 0)


def _due(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    """A day: "trước ngày 05/6/2025" (date) or "trước ngày 10/12 hàng năm" (each year; the first in the plan);
    a month's start: "trước tháng 6/2026"."""
    written_year = _int(match, "year")
    on = _day(match, written_year or year)
    if written_year is None and recurring:
        return Resolved("recurring_annual", on, on, recurrence="year")
    return Resolved("date", on, on)


def _window(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    """'từ ngày 15/11 đến ngày 15/12': without years, the window of every year, dated in the first one; a
    year written at either end dates the window once ('từ ngày 15/11 đến ngày 15/12/2024'), a window over
    a year's end starting the year before. A start without its month is in the end's month."""
    first_month, last_month = _int(match, "month") or _int(match, "month2"), _int(match, "month2")
    written_first, written_last = _int(match, "year"), _int(match, "year2")
    last_year = written_last or written_first or year
    crosses_year = (first_month or 0) > (last_month or 0)
    first_year = written_first or (last_year - crosses_year if last_year else None)
    start = safe_date(first_year, first_month or 0, _int(match, "day") or 0) if first_year else None
    end = _day(match, last_year, "2")
    if written_first is None and written_last is None:
        return Resolved("window_recurring", start, end, recurrence="year")
    return Resolved("date", start, end)


def _annual_day(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    """A day that comes back every year by its name ("ngày Quốc tế Phụ nữ (8/3)"), dated in the document's year."""
    on = _day(match, year)
    return Resolved("recurring_annual", on, on, recurrence="year")


def _year(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    return Resolved("year", *year_bounds(int(match.group("year"))))


def _month(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    """ "Tháng 4/2026"; a month without a year is in the document's year, or every year with a recurring cue."""
    written_year = _int(match, "year")
    in_year = written_year or year
    month = int(match.group("month"))
    if in_year is None or not 1 <= month <= 12:
        return Resolved("month", None, None)
    if written_year is None and recurring:
        return Resolved("window_recurring", *month_bounds(in_year, month), recurrence="year")
    return Resolved("month", *month_bounds(in_year, month))


def _month_range(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    """ "từ tháng 3 đến tháng 5/2026" (a range over a year's end takes the last month's year from the first);
    without years, the window of every year, dated in the document's year."""
    first, last = int(match.group("month")), int(match.group("month2"))
    if not (1 <= first <= 12 and 1 <= last <= 12):
        return Resolved("months", None, None)
    written_first, written_last = _int(match, "year"), _int(match, "year2")
    if written_first is None and written_last is None:
        if year is None:
            return Resolved("window_recurring", None, None, recurrence="year")
        last_year = year + (last < first)
        return Resolved("window_recurring", date(year, first, 1), month_bounds(last_year, last)[1], recurrence="year")
    last_year = written_last or written_first or 0
    first_year = written_first or last_year - (last < first)
    return Resolved("months", date(first_year, first, 1), month_bounds(last_year, last)[1])


def _months(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    if match.groupdict().get("month2"):
        return _month_range(match, year, recurring)
    months = sorted(int(m) for m in regex.findall(r"\d+", match.group("months")))
    if not 1 <= months[0] <= months[-1] <= 12:
        return Resolved("months", None, None)
    return Resolved("months", *month_bounds(int(match.group("year")), months[0], months[-1]))


def _quarter(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    """"Quý II/2026"; "Quý IV hằng năm" is the quarter of every year, dated in the document's year."""
    quarter, written_year = quarter_number(match.group("quarter")), _int(match, "year")
    in_year = written_year or year
    start, end = quarter_bounds(in_year, quarter) if quarter and in_year else (None, None)
    if written_year is None and recurring:
        return Resolved("window_recurring", start, end, recurrence="year")
    return Resolved("quarter", start, end)


def _within_year(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    """"Trong năm (2026)"; "Hằng năm" is within every year, dated in the document's year."""
    in_year = _int(match, "year") or year
    start, end = year_bounds(in_year) if in_year else (None, None)
    return Resolved("within_year", start, end, recurrence="year" if recurring else None)


def _ongoing(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    return Resolved("ongoing", None, None)


def _conditional(match: regex.Match[str], year: int | None, recurring: bool) -> Resolved:
    return Resolved("conditional", None, None, condition=match.group("condition").strip())


RESOLVERS: dict[str, Callable[[regex.Match[str], int | None, bool], Resolved]] = {
    "date": _due,
    "recurring_annual": _annual_day,
    "window_recurring": _window,
    "year": _year,
    "month": _month,
    "months": _months,
    "quarter": _quarter,
    "within_year": _within_year,
    "ongoing": _ongoing,
    "conditional": _conditional,
}
