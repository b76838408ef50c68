"""The date of one event, from the time expressions in its sentence.

The finest expression in the sentence dates the event; a sentence with none carries the previous event's
date (stories tell one episode over several sentences), and the first such sentence takes the publication
date. A sentence dated well before publication is background ("the 2020 peace deal") and keeps its own
date, so history is never coded as news.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from clashwatch.extract.dates.expressions import DATELINE_RULE, TimeExpression
from clashwatch.records import Span

# How long before publication an event must lie for its sentence to be background rather than news.
BACKGROUND_AFTER = timedelta(days=31)
_FINENESS = ("time", "day", "week", "month", "year", "decade", "century")
# A clock time with no day of its own ("at around 10 am") borrows one; it says nothing about the event's day.
# The dateline's date is when the story was filed, which the publication date already says.
_NOT_EVENT_DATES = ("clock time on the anchor day", "clock time on the last stated day", DATELINE_RULE)


@dataclass
class EventTime:
    date: date | None
    start: date | None
    end: date | None
    precision: int | None  # ACLED time_precision: 1 day, 2 week, 3 month (or coarser)
    is_background: bool  # the sentence talks about history well before publication
    evidence: list[Span] = field(default_factory=list)
    rule: str = ""
    inconsistency: str | None = None  # e.g. a weekday that does not match the stated date


def date_event(
    sentence: Span, expressions: list[TimeExpression], published: date | None, previous: EventTime | None = None
) -> EventTime:
    """Date the event told in ``sentence`` (article offsets) from the ``expressions`` found in the article."""
    inside = [
        expression
        for expression in expressions
        if sentence.start <= expression.span.start and expression.span.end <= sentence.end
        and expression.kind in ("DATE", "TIME") and expression.start is not None and expression.granularity in _FINENESS
        and expression.rule not in _NOT_EVENT_DATES
    ]
    if inside:
        return _from_expression(min(inside, key=lambda expression: _FINENESS.index(expression.granularity)), published)
    if previous is not None and not previous.is_background and previous.date is not None:
        return EventTime(previous.date, previous.start, previous.end, previous.precision, False, list(previous.evidence), "carried from the previous event")
    if published is None:
        return EventTime(None, None, None, None, False, [], "no date")
    return EventTime(published, published, published, 1, False, [], "publication date")


def _from_expression(expression: TimeExpression, published: date | None) -> EventTime:
    start, end = expression.start, expression.end
    days = (end - start).days + 1
    if expression.granularity in ("time", "day") and days <= 2:
        # An overnight span counts as the day it is named for.
        precision, when = 1, date.fromisoformat(expression.value[:10])
    elif days <= 7:
        precision, when = 2, start
    else:
        precision, when = 3, start
    background = published is not None and end < published - BACKGROUND_AFTER
    rule = f"{expression.rule}: '{expression.span.text}'" + (" (background)" if background else "")
    return EventTime(when, start, end, precision, background, [expression.span], rule, expression.inconsistency)
