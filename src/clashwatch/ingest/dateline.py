"""Find a news dateline: the "PLACE, Month Day (OUTLET) --" opening that wire stories carry.

Styles recognised (each may sit on any of the first lines, since photo captions often come first):
"Sept. 12 (UPI) --", "KYIV, Ukraine (AP) --", "Jan 5 (Reuters) -", "BEIRUT, March 3 (Reuters) -",
"NAIROBI, Kenya (AP) _", "MOSCOW, Sept. 12 /TASS/.", "WASHINGTON, 12 September 2022 (Xinhua) --", "(CNN) --",
"LONDON —".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from clashwatch.records import Article, Span

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Full names, three-letter forms and AP abbreviations ("Sept.", "Aug."), with or without the dot.
MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)

# How far into an article a dateline may start: past a caption or a headline, not into the body.
SEARCH_WINDOW = 1500

_PLACE = r"(?P<place>[A-Z][A-Z.'\-]+(?:[ \-][A-Z][A-Z.'\-]+)*(?:,\s+[A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]+)*)?)"
_DATE = (
    rf"(?:(?P<month>{MONTH_NAME})\s+(?P<day>\d{{1,2}})|(?P<day_first>\d{{1,2}})\s+(?P<month_second>{MONTH_NAME}))"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
)
_OUTLET = r"(?:\((?P<outlet>[A-Z][A-Za-z.&' \-]{0,30}?)\)|/(?P<slash_outlet>[A-Z][A-Za-z.&' \-]{0,20})/)"
_DASH = r"(?:\s*(?:-{1,2}|[\u2013\u2014]|_)|\.)"

# One pattern per style: they share group names, which one alternation could not.
_STYLES = [
    re.compile(rf"^[ \t]*{_PLACE}(?:,\s+{_DATE})?\s*{_OUTLET}{_DASH}", re.MULTILINE),
    re.compile(rf"^[ \t]*{_DATE}\s*{_OUTLET}{_DASH}", re.MULTILINE),
    re.compile(rf"^[ \t]*{_PLACE},\s+{_DATE}\s*{_DASH}", re.MULTILINE),
    re.compile(rf"^[ \t]*{_OUTLET}\s*(?:-{{1,2}}|[\u2013\u2014])", re.MULTILINE),  # (CNN) --
    re.compile(r"^[ \t]*(?P<place>[A-Z][A-Z.'\-]{2,}(?:[ \-][A-Z][A-Z.'\-]+)*)\s*(?:--|[\u2013\u2014])", re.MULTILINE),
]


@dataclass
class Dateline:
    span: Span  # the whole dateline, e.g. "Sept. 12 (UPI) --"
    outlet: str | None  # "UPI", "AP", "Reuters"
    place: str | None  # "KYIV, Ukraine"
    month: int | None
    day: int | None
    year: int | None


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation ("Sept.", "september", "Sep")."""
    return MONTHS[name.strip(".")[:3].lower()]


def find_dateline(text: str) -> Dateline | None:
    """The earliest dateline in the opening of ``text``, or None when the article has none."""
    window = text[:SEARCH_WINDOW]
    matches = [match for style in _STYLES if (match := style.search(window))]
    if not matches:
        return None
    match = min(matches, key=lambda found: (found.start(), -found.end()))
    return _dateline_of(text, match)


def _dateline_of(text: str, match: re.Match[str]) -> Dateline:
    groups = {name: value for name, value in match.groupdict().items() if value}
    month_name = groups.get("month") or groups.get("month_second")
    day = groups.get("day") or groups.get("day_first")
    start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
    outlet = groups.get("outlet") or groups.get("slash_outlet")
    return Dateline(
        span=Span.of(text, start, match.end()),
        outlet=outlet.strip() if outlet else None,
        place=groups.get("place"),
        month=month_number(month_name) if month_name else None,
        day=int(day) if day else None,
        year=int(groups["year"]) if "year" in groups else None,
    )


def apply_dateline(article: Article) -> None:
    """A wire dateline ("Sept. 12 (UPI) --") names the outlet and, when it has a year, the publication date."""
    found = find_dateline(article.text)
    if found is None:
        return
    article.dateline = found.span
    article.outlet = article.outlet or found.outlet
    if article.published is None and found.year and found.month and found.day:
        try:
            article.published = date(found.year, found.month, found.day)
        except ValueError:
            pass  # an impossible date ("Feb. 30") is no publication date; the time step infers one
