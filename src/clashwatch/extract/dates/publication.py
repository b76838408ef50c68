"""When an article was published: its metadata, else its dateline, with a missing year inferred.

Wire datelines ("Sept. 12 (UPI) --") omit the year. It is inferred, in order of trust, from an elapsed-time
phrase tied to a dated mention ("nearly two years after ... in November of 2020"), from when the article
was collected, and last from the latest year the text states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from clashwatch.extract.dates import calendar as cal
from clashwatch.extract.dates import lexicon as lex
from clashwatch.extract.dates.expressions import DATELINE_RULE, TimeExpression, find_time_expressions
from clashwatch.ingest.dateline import Dateline, find_dateline
from clashwatch.records import Article, Span

# "nearly two years after", "more than a decade since": how long before publication a dated mention lies.
_ELAPSED = re.compile(
    rf"\b(?:(?i:nearly|almost|about|around|some|roughly|more\s+than|over|just\s+over|just\s+under|less\s+than)\s+)?"
    rf"(?P<n>{lex.NUMBER})\s+(?P<unit>(?i:years?|decades?|months?))\s+(?i:after|since|on\s+from|ago|from)\b"
)
_YEARS_PER_UNIT = {"year": 1, "decade": 10, "month": 1 / 12}


@dataclass
class PublicationDate:
    date: date | None
    inferred: bool  # year (or whole date) inferred rather than stated
    evidence: list[Span] = field(default_factory=list)  # the dateline and the mention(s) the year came from
    rule: str = ""


def publication_date(article: Article) -> PublicationDate:
    """The article's publication date, from metadata, else its dateline, else when it was collected."""
    dateline = find_dateline(article.text)
    dateline_span = [article.dateline or dateline.span] if (article.dateline or dateline) else []
    if article.published:
        return PublicationDate(article.published, article.published_inferred, dateline_span, "article metadata")
    if dateline and dateline.month and dateline.day:
        return _from_dateline(article, dateline)
    if article.collected:
        return PublicationDate(article.collected.date(), True, dateline_span, "collection date")
    return PublicationDate(None, True, dateline_span, "no date")


def _from_dateline(article: Article, dateline: Dateline) -> PublicationDate:
    if dateline.year:
        when = cal.safe_date(dateline.year, dateline.month, dateline.day)
        return PublicationDate(when, False, [dateline.span], "dateline with year")
    mentions = [
        expression
        for expression in find_time_expressions(article.text, None)
        if expression.start and expression.granularity in ("day", "month", "year") and "/" not in expression.value
        and expression.rule != DATELINE_RULE
    ]
    elapsed = _year_from_elapsed(article.text, mentions, dateline)
    if elapsed:
        return elapsed
    if article.collected:
        collected = article.collected.date()
        year = collected.year if (dateline.month, dateline.day) <= (collected.month, collected.day) else collected.year - 1
        return PublicationDate(cal.safe_date(year, dateline.month, dateline.day), True, [dateline.span], "dateline month/day + year collected")
    stated = [mention for mention in mentions if mention.rule in ("explicit date", "month and year", "year")]
    if stated:
        latest = max(stated, key=lambda mention: mention.end)
        year = latest.end.year + ((dateline.month, dateline.day) < (latest.end.month, latest.end.day))
        rule = f"dateline month/day + year after the latest stated date '{latest.span.text}'"
        return PublicationDate(cal.safe_date(year, dateline.month, dateline.day), True, [dateline.span, latest.span], rule)
    return PublicationDate(None, True, [dateline.span], "dateline without year")


def _year_from_elapsed(text: str, mentions: list[TimeExpression], dateline: Dateline) -> PublicationDate | None:
    """The year that puts the dateline the stated time after a dated mention in the same sentence."""
    for phrase in _ELAPSED.finditer(text):
        amount = lex.parse_number(phrase.group("n"))
        sentence_end = _sentence_end(text, phrase.end())
        mention = next(
            (m for m in mentions if phrase.end() <= m.span.start < sentence_end and m.rule in ("explicit date", "month and year", "year")),
            None,
        )
        if amount is None or mention is None:
            continue
        years = amount * _YEARS_PER_UNIT[phrase.group("unit").lower().rstrip("s")]
        target = mention.start.year + (mention.start.month - 1) / 12 + years
        # Among candidate years, pick the one whose dateline day lies closest to mention + elapsed time.
        year = min(
            range(mention.start.year, mention.start.year + int(years) + 3),
            key=lambda candidate: abs(candidate + (dateline.month - 1) / 12 - target),
        )
        rule = f"dateline month/day + year from '{mention.span.text}' + '{phrase.group(0)}'"
        return PublicationDate(cal.safe_date(year, dateline.month, dateline.day), True, [dateline.span, Span.of(text, phrase.start(), phrase.end()), mention.span], rule)
    return None


def _sentence_end(text: str, position: int) -> int:
    found = re.search(r"[.!?](?:\s|$)|\n", text[position:])
    return position + found.start() if found else len(text)

