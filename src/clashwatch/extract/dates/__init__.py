"""The time stage: publication dates, time expressions and the date of each event.

``publication_date(article)`` dates the article (metadata, else its dateline with the year inferred);
``find_time_expressions(text, anchor)`` finds and resolves TIMEX3-style expressions;
``date_event(sentence, expressions, published, previous)`` dates one event's sentence.
"""

from clashwatch.extract.dates.events import EventTime, date_event
from clashwatch.extract.dates.expressions import TimeExpression, find_time_expressions
from clashwatch.extract.dates.publication import PublicationDate, publication_date

__all__ = [
    "EventTime",
    "PublicationDate",
    "TimeExpression",
    "date_event",
    "find_time_expressions",
    "publication_date",
]
