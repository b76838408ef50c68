"""Calendar arithmetic and TIMEX3 value spelling for the time stage.

A resolved date is a ``Period``: the calendar range it denotes, its granularity and its TIMEX3 value
("2022-09-13", "2022-W37", "2020-11", "2020", "199" for the 1990s, "2020-SU", "2022-Q3").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True)
class Period:
    value: str
    start: date
    end: date
    granularity: str  # "day" | "week" | "month" | "year" | "decade" | "century"


def day(when: date) -> Period:
    return Period(when.isoformat(), when, when, "day")


def week(when: date) -> Period:
    monday = when - timedelta(days=when.weekday())
    iso_year, iso_week, _ = when.isocalendar()
    return Period(f"{iso_year}-W{iso_week:02d}", monday, monday + timedelta(days=6), "week")


def weekend(when: date) -> Period:
    saturday = when - timedelta(days=when.weekday()) + timedelta(days=5)
    return Period(f"{week(when).value}-WE", saturday, saturday + timedelta(days=1), "week")


def month(year: int, month_number: int) -> Period:
    last = calendar.monthrange(year, month_number)[1]
    return Period(f"{year:04d}-{month_number:02d}", date(year, month_number, 1), date(year, month_number, last), "month")


def year(number: int) -> Period:
    return Period(f"{number:04d}", date(number, 1, 1), date(number, 12, 31), "year")


def decade(first_year: int) -> Period:
    first_year -= first_year % 10
    return Period(f"{first_year // 10:03d}", date(first_year, 1, 1), date(first_year + 9, 12, 31), "decade")


def century(ordinal: int) -> Period:
    """The ``ordinal``-th century AD: the 19th is 1801-1900, spelled "18" as TIMEX does."""
    first = (ordinal - 1) * 100
    return Period(f"{ordinal - 1:02d}", date(max(first, 1), 1, 1), date(first + 99, 12, 31), "century")


def season(number: int, code: str) -> Period:
    first, last = SEASON_MONTHS[code]
    end_year = number + 1 if last < first else number
    return Period(
        f"{number:04d}-{code}", date(number, first, 1), month(end_year, last).end, "month"
    )


def quarter(number: int, index: int) -> Period:
    first = month(number, 3 * index - 2)
    return Period(f"{number:04d}-Q{index}", first.start, month(number, 3 * index).end, "month")


def safe_date(year: int, month_number: int, day_number: int) -> date | None:
    """The date, or None where it does not exist (31 April, 29 February of a common year)."""
    try:
        return date(year, month_number, day_number)
    except ValueError:
        return None


def shift_months(when: date, months: int) -> date:
    index = when.year * 12 + when.month - 1 + months
    target_year, target_month = divmod(index, 12)
    return date(target_year, target_month + 1, min(when.day, calendar.monthrange(target_year, target_month + 1)[1]))


# News reports what has happened more than what will: a yearless date is read as past unless the future
# reading is this many days nearer to the anchor.
PAST_BIAS_DAYS = 30


def nearest_year(month_number: int, day_number: int, anchor: date) -> int:
    """The year that puts month/day closest to ``anchor``, leaning to the past: "Dec. 30" read on 2 January is last year's."""
    candidates = []
    for candidate in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            offset = (date(candidate, month_number, day_number) - anchor).days
            candidates.append((offset + PAST_BIAS_DAYS if offset > 0 else -offset, candidate))
        except ValueError:  # 29 February outside a leap year
            continue
    return min(candidates)[1] if candidates else anchor.year


def easter(number: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = number % 19, number // 100, number % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month_number, day_number = divmod(h + leap - 7 * m + 114, 31)
    return date(number, month_number, day_number + 1)


def nth_weekday(number: int, month_number: int, weekday: int, nth: int) -> date:
    """The ``nth`` given weekday (0 Monday) of a month; nth -1 is the last one."""
    if nth > 0:
        first = date(number, month_number, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = month(number, month_number).end
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def holiday(name: str, number: int) -> date | None:
    """Dates of widely reported fixed and computed holidays in year ``number``; None for an unknown name."""
    fixed = {
        "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
        "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
        "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11), "armistice day": (11, 11),
        "may day": (5, 1), "bastille day": (7, 14),
    }  # fmt: skip
    name = name.lower().replace("\u2019", "'")
    if name in fixed:
        return date(number, *fixed[name])
    if name.startswith("thanksgiving"):
        return nth_weekday(number, 11, 3, 4)
    if name == "labor day":
        return nth_weekday(number, 9, 0, 1)
    if name == "memorial day":
        return nth_weekday(number, 5, 0, -1)
    if name == "election day":
        return nth_weekday(number, 11, 0, 1) + timedelta(days=1)
    if name.startswith("easter"):
        sunday = easter(number)
        return sunday + timedelta(days=1) if name == "easter monday" else sunday
    if name == "good friday":
        return easter(number) - timedelta(days=2)
    return None
