"""Recognise English time expressions and resolve them to TIMEX3 values against an anchor date.

Each rule is a regular expression with a resolver. All rules run over the text; where matches overlap the
longest wins; the winners are resolved left to right so that anaphoric ones ("the next day", "4 a.m.")
lean on the last date resolved before them. With an anchor (a news article's publication date) deictic
expressions ("Tuesday", "last week") count from the anchor; with none (a history narrative) they count from
the last date the text stated, and what cannot be resolved is written with X's ("XXXX-11").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from clashwatch.extract.alternation import PatternIndex
from clashwatch.extract.dates import calendar as cal
from clashwatch.extract.dates import lexicon as lex
from clashwatch.ingest.dateline import find_dateline
from clashwatch.records import Span

DATELINE_RULE = "dateline"


@dataclass
class TimeExpression:
    span: Span
    value: str  # TIMEX3 value: "2022-09-13", "2020-11", "2022-W37", "2020", "P6W", "PRESENT_REF"
    start: date | None  # the calendar range it denotes (None for durations / unresolvable)
    end: date | None
    granularity: str  # "day" | "week" | "month" | "year" | "decade" | "century" | "duration" | "time" | "vague"
    rule: str  # which rule resolved it
    anchor: date | None
    kind: str = "DATE"  # TIMEX3 type: DATE | TIME | DURATION | SET
    mod: str | None = None  # TIMEX3 mod: START ("early May"), MID, END ("late 2020")
    inconsistency: str | None = None  # e.g. "Tuesday, Sept. 14, 2022": 14 September 2022 was a Wednesday


@dataclass
class _Context:
    text: str
    anchor: date | None
    reference: cal.Period | None = None  # the last date resolved
    reference_day: date | None = None  # the last day resolved
    found: list[TimeExpression] = field(default_factory=list)

    def base(self) -> date | None:
        """What yearless dates take their year from: the anchor in news, the last stated date in a narrative."""
        return self.anchor or (self.reference.start if self.reference else None)

    def future_ahead(self, position: int) -> bool:
        """Whether the clause before ``position`` speaks of the future ("will meet on Thursday")."""
        window = self.text[max(0, position - 80) : position]
        clause = re.split(r"[.!?;]\s|\n", window)[-1]
        return bool(lex.FUTURE_CUE.search(clause))


Resolver = Callable[[re.Match[str], _Context], TimeExpression | None]


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


def find_time_expressions(text: str, anchor: date | None) -> list[TimeExpression]:
    """Every time expression in ``text`` in order, resolved against ``anchor`` (the publication date, or None)."""
    context = _Context(text, anchor)
    dateline = find_dateline(text)
    for match, rule in _longest_matches(text):
        expression = rule.resolve(match, context)
        if expression is None:
            continue
        if dateline and dateline.span.start <= expression.span.start < dateline.span.end:
            expression.rule = DATELINE_RULE  # the story's own date, not an event's
        context.found.append(expression)
        if expression.kind in ("DATE", "TIME") and expression.start is not None:
            context.reference = cal.Period(expression.value, expression.start, expression.end, expression.granularity)
            if expression.granularity in ("day", "time"):
                context.reference_day = expression.start
    return context.found


def _longest_matches(text: str) -> list[tuple[re.Match[str], _Rule]]:
    rules, index = _rule_index()
    candidates = [(match, rules[name]) for name, match in index.finditer(text) if match.group(0).strip()]
    candidates.sort(key=lambda item: (-(item[0].end() - item[0].start()), item[0].start()))
    taken: list[tuple[re.Match[str], _Rule]] = []
    for match, rule in candidates:
        if all(match.end() <= other.start() or match.start() >= other.end() for other, _ in taken):
            taken.append((match, rule))
    return sorted(taken, key=lambda item: item[0].start())


# --- building results -------------------------------------------------------------------------------------


def _span(match: re.Match[str], context: _Context) -> Span:
    group = "core" if "core" in match.groupdict() and match.group("core") else 0
    return Span.of(context.text, match.start(group), match.end(group))


def _date(match: re.Match[str], context: _Context, period: cal.Period, rule: str, **extra) -> TimeExpression:
    return TimeExpression(
        _span(match, context), period.value, period.start, period.end, period.granularity, rule, context.anchor, **extra
    )


def _unresolved(match: re.Match[str], context: _Context, value: str, granularity: str, rule: str, kind: str = "DATE") -> TimeExpression:
    return TimeExpression(_span(match, context), value, None, None, granularity, rule, context.anchor, kind)


def _modifier(match: re.Match[str]) -> str | None:
    word = (match.groupdict().get("mod") or "").lower().split()
    return next((lex.TIMEX_MODIFIERS[part] for part in reversed(word) if part in lex.TIMEX_MODIFIERS), None)



def _group(match: re.Match[str], *names: str) -> str | None:
    return next((match.group(name) for name in names if match.groupdict().get(name)), None)


def _weekday_check(match: re.Match[str], when: date) -> str | None:
    stated = match.groupdict().get("wd")
    if stated and lex.weekday_number(stated) != when.weekday():
        return f"{stated} does not match {when.isoformat()}, a {lex.WEEKDAYS[when.weekday()].title()}"
    return None


# --- resolvers ----------------------------------------------------------------------------------------------


def _full_date(match: re.Match[str], context: _Context) -> TimeExpression | None:
    if match.group("iso"):
        when = cal.safe_date(*(int(part) for part in match.group("iso").split("-")))
    else:
        day = int(re.match(r"\d+", _group(match, "d", "d2")).group(0))
        when = cal.safe_date(int(_group(match, "y", "y2")), lex.month_number(_group(match, "m", "m2")), day)
    if when is None:
        return None
    return _date(match, context, cal.day(when), "explicit date", inconsistency=_weekday_check(match, when))


def _month_day(match: re.Match[str], context: _Context) -> TimeExpression | None:
    month = lex.month_number(_group(match, "m", "m2"))
    day = int(re.match(r"\d+", _group(match, "d", "d2")).group(0))
    base = context.base()
    if base is None:
        return _unresolved(match, context, f"XXXX-{month:02d}-{day:02d}", "day", "month-day without year")
    year = cal.nearest_year(month, day, base) if context.anchor else base.year
    when = cal.safe_date(year, month, day)
    if when is None:
        return None
    rule = "month-day, year nearest the anchor" if context.anchor else "month-day, year of the last stated date"
    return _date(match, context, cal.day(when), rule, inconsistency=_weekday_check(match, when))


def _day_range(match: re.Match[str], context: _Context) -> TimeExpression | None:
    month = lex.month_number(_group(match, "m", "m_first"))
    first, last = (int(re.match(r"\d+", _group(match, *names)).group(0)) for names in (("d1", "d1b"), ("d2", "d2b")))
    base = context.base()
    if match.group("y"):
        year = int(match.group("y"))
    elif base is not None:
        year = cal.nearest_year(month, first, base) if context.anchor else base.year
    else:
        return _unresolved(match, context, f"XXXX-{month:02d}-{first:02d}", "day", "day range without year")
    start, end = cal.safe_date(year, month, first), cal.safe_date(year, month, last)
    if start is None or end is None or end < start:
        return None
    period = cal.Period(f"{start.isoformat()}/{end.isoformat()}", start, end, "day")
    return _date(match, context, period, "day range")


def _month_year(match: re.Match[str], context: _Context) -> TimeExpression | None:
    period = cal.month(int(match.group("y")), lex.month_number(match.group("m")))
    return _date(match, context, period, "month and year", mod=_modifier(match))


def _month_alone(match: re.Match[str], context: _Context) -> TimeExpression | None:
    name = match.group("m")
    relation = (match.group("rel") or "").lower()
    if _verb_not_month(name, match, context):
        return None
    month = lex.month_number(name)
    base = context.base()
    if base is None:
        return _unresolved(match, context, f"XXXX-{month:02d}", "month", "month without year")
    if match.group("year_rel"):
        year = base.year + {"last": -1, "this": 0, "next": 1}[match.group("year_rel").lower()]
        rule = f"<month> {match.group('year_rel').lower()} year"
    elif not context.anchor:
        year, rule = base.year, "month, year of the last stated date"
    elif relation == "last":
        year, rule = base.year - (month >= base.month), "last <month>"
    elif relation == "next":
        year, rule = base.year + (month <= base.month), "next <month>"
    elif relation == "this":
        year, rule = base.year, "this <month>"
    else:
        year, rule = cal.nearest_year(month, 15, base), "month nearest the anchor"
    return _date(match, context, cal.month(year, month), rule, mod=_modifier(match))


def _verb_not_month(name: str, match: re.Match[str], context: _Context) -> bool:
    """"May" the modal verb, "March" opening a sentence or in a name ("Long March"), unless a preposition
    or modifier marks a month."""
    if match.group("rel") or match.group("mod") or name not in ("May", "March"):
        return False
    previous = _previous_word(context.text, match.start())
    if previous.lower() in lex.MONTH_CUES:
        return False
    if (previous[:1].isupper() and previous.lower() != "the") or re.match(r"\s+(?:on|to)\b", context.text[match.end() :]):
        return True
    before = context.text[: match.start()].rstrip()
    return name == "May" or not before or before[-1] in ".!?\"'"


def _previous_word(text: str, position: int) -> str:
    words = re.findall(r"[A-Za-z]+", text[max(0, position - 20) : position])
    return words[-1] if words else ""


def _year(match: re.Match[str], context: _Context) -> TimeExpression | None:
    if match.group("bc"):
        number = int(match.group("bc"))
        return _unresolved(match, context, f"BC{number:04d}", "year", "year BC")
    following = re.match(r"\s*([A-Za-z]+)", context.text[match.end() :])
    preceding = context.text[match.start() - 1 : match.start()] if match.start() else ""
    if (following and following.group(1).lower() in lex.COUNTED_NOUNS) or (preceding and preceding in "$.,:#"):
        return None  # "2000 people", "$1998", "No. 1483" are not years
    return _date(match, context, cal.year(int(match.group("y"))), "year", mod=_modifier(match))


def _decade(match: re.Match[str], context: _Context) -> TimeExpression | None:
    if match.group("short"):
        base = context.base()
        century = (base.year // 100 * 100) if base and int(match.group("short")) <= base.year % 100 else 1900
        first = century + int(match.group("short"))
    else:
        first = int(match.group("dec"))
    return _date(match, context, cal.decade(first), "decade", mod=_modifier(match))


def _century(match: re.Match[str], context: _Context) -> TimeExpression | None:
    word = match.group("ord").lower()
    ordinal = int(re.match(r"\d+", word).group(0)) if word[0].isdigit() else lex.ORDINALS[word]
    if not 1 <= ordinal <= 21:
        return None
    return _date(match, context, cal.century(ordinal), "century", mod=_modifier(match))


def _weekday(match: re.Match[str], context: _Context) -> TimeExpression | None:
    target = lex.weekday_number(match.group("wd"))
    relation = (match.group("rel") or "").lower()
    when, rule = _resolve_weekday(target, relation, match.start(), context)
    if when is None:
        return _unresolved(match, context, f"XXXX-WXX-{target + 1}", "day", rule)
    return _date(match, context, cal.day(when), rule)


def _resolve_weekday(target: int, relation: str, position: int, context: _Context) -> tuple[date | None, str]:
    """The date a weekday name refers to.

    News uses a bare weekday for the past week, so it counts back from the anchor, except: "next"/"coming"
    and future-tense clauses count forward; and the day right after the anchor is the next day, not six
    days back (wire style says "last Tuesday" for that). Past-tense reports of the next day are common too:
    wire stories are dated in the outlet's time zone while the event happened where the clock was already
    past midnight ("erupted early Tuesday" in a story datelined Monday in Washington).
    """
    if context.anchor is None:
        if context.reference_day is None:
            return None, "weekday without anchor"
        forward = (target - context.reference_day.weekday()) % 7
        return context.reference_day + timedelta(days=forward), "weekday after the last stated date"
    anchor = context.anchor
    ahead = (target - anchor.weekday()) % 7
    if relation == "last" or relation == "past":
        return anchor - timedelta(days=(7 - ahead) if ahead else 7), "last <weekday>"
    if relation in ("next", "coming"):
        return anchor + timedelta(days=ahead or 7), "next <weekday>"
    if relation == "this":
        return anchor + timedelta(days=ahead), "this <weekday>"
    if ahead == 0:
        return anchor, "weekday of the anchor"
    if ahead == 1:
        return anchor + timedelta(days=1), "weekday after dateline"
    if context.future_ahead(position):
        return anchor + timedelta(days=ahead), "weekday ahead (future tense)"
    return anchor - timedelta(days=7 - ahead), "weekday within the past week"


_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "overnight": 0, "last night": -1, "this": 0}


def _relative_day(match: re.Match[str], context: _Context) -> TimeExpression | None:
    words = match.group(0).lower().split()
    key = " ".join(words[:2]) if words[:2] == ["last", "night"] else words[0]
    if words[:4] == ["the", "day", "before", "yesterday"]:
        offset, key = -2, "the day before yesterday"
    elif words[:4] == ["the", "day", "after", "tomorrow"]:
        offset, key = 2, "the day after tomorrow"
    else:
        offset = _RELATIVE_DAYS[key]
    if context.anchor is None:
        if key in ("today", "this"):
            return _unresolved(match, context, "PRESENT_REF", "vague", "today in a narrative")
        base = context.reference_day
        if base is None:
            return None
    else:
        base = context.anchor
    when = base + timedelta(days=offset)
    if key == "overnight":
        # The night before the story: the range spans the eve and the anchor day itself.
        return TimeExpression(_span(match, context), when.isoformat(), when - timedelta(days=1), when, "day", "overnight", context.anchor)
    return _date(match, context, cal.day(when), key)


def _relative_unit(match: re.Match[str], context: _Context) -> TimeExpression | None:
    relation = re.sub(r"\s+", " ", match.group("rel").lower())
    unit = match.group("unit").lower()
    if relation in ("past", "the past", "the last"):  # "the past week" is a stretch of time, not a calendar week
        return _unresolved(match, context, _duration_value(1, unit), "duration", f"{relation} {unit}", "DURATION")
    relation = relation.removeprefix("the ")
    base = context.anchor or (context.reference.start if context.reference else None)
    if base is None:
        return None
    step = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[relation]
    period = _shifted(base, unit, step)
    if period is None:
        return None
    return _date(match, context, period, f"{relation} {unit}", mod=_modifier(match))


def _shifted(base: date, unit: str, step: int) -> cal.Period | None:
    if unit == "day":
        return cal.day(base + timedelta(days=step))
    if unit == "week":
        return cal.week(base + timedelta(weeks=step))
    if unit == "weekend":
        return cal.weekend(base + timedelta(weeks=step))
    if unit == "month":
        shifted = cal.shift_months(base, step)
        return cal.month(shifted.year, shifted.month)
    if unit == "quarter":
        shifted = cal.shift_months(base, 3 * step)
        return cal.quarter(shifted.year, (shifted.month - 1) // 3 + 1)
    if unit == "year":
        return cal.year(base.year + step)
    if unit == "decade":
        return cal.decade(base.year + 10 * step)
    if unit == "century":
        return cal.century(base.year // 100 + 1 + step)
    if unit in lex.SEASONS:
        code = lex.SEASONS[unit]
        return cal.season(base.year + step, code)
    return None


def _ago(match: re.Match[str], context: _Context) -> TimeExpression | None:
    unit = _unit(match.group("unit"))
    amount = lex.parse_number(match.group("n"))
    base = context.anchor
    if base is None or amount is None or unit in ("second", "minute", "hour"):
        return _unresolved(match, context, "PAST_REF", "vague", "vague time ago")
    return _date(match, context, _back(base, unit, amount), "<n> <units> ago")


def _back(base: date, unit: str, amount: float) -> cal.Period:
    """The period ``amount`` units before ``base``, at the unit's granularity."""
    whole = int(round(amount))
    if unit == "day":
        return cal.day(base - timedelta(days=whole))
    if unit in ("week", "fortnight"):
        return cal.week(base - timedelta(weeks=whole * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        shifted = cal.shift_months(base, -whole)
        return cal.month(shifted.year, shifted.month)
    if unit == "decade":
        return cal.year(base.year - 10 * whole)
    if unit == "century":
        return cal.century(base.year // 100 + 1 - whole)
    return cal.year(base.year - whole)


def _anaphoric(match: re.Match[str], context: _Context) -> TimeExpression | None:
    """Dates told relative to the last one stated: "the next day", "three weeks later", "that year"."""
    groups = match.groupdict()
    unit = _unit(_group(match, "unit", "unit2", "unit3") or "day")
    if unit in lex.TIMEX_PART_OF_DAY:
        unit = "day"
    if groups.get("unit4"):
        base = context.reference.start if context.reference else context.anchor
        if base is None:
            return None
        return _date(match, context, _shifted(base, groups["unit4"].lower(), 0), "part of the last stated period", mod=_modifier(match))
    if groups.get("dir"):
        later = groups["dir"].lower() not in ("earlier", "before")
        amount = lex.parse_number(groups["n"]) if groups.get("n") else None
        if amount is None:  # "days later", "a few weeks earlier": after or before, by an unknown amount
            return _unresolved(match, context, "FUTURE_REF" if later else "PAST_REF", "vague", "vaguely after the last stated date")
        direction = 1 if later else -1
    else:
        word = (groups.get("rel") or "").lower()
        amount, direction = 1, {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}.get(word, 0)
    base = context.reference_day if unit == "day" and context.reference_day else (context.reference.start if context.reference else context.anchor)
    if base is None or amount is None:
        return None
    if unit in ("second", "minute", "hour"):
        return None
    steps = int(round(amount)) * direction
    period = _back(base, unit, -steps) if unit != "day" else cal.day(base + timedelta(days=steps))
    if unit == "week" and direction == 0:
        period = cal.week(base)
    return _date(match, context, period, "relative to the last stated date")


def _unit(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.rstrip("s")


def _duration_value(amount: float | None, unit: str) -> str:
    unit = _unit(unit)
    code = lex.UNIT_CODES.get(unit, "D")
    if amount is not None and unit == "fortnight":
        amount *= 2
    number = "X" if amount is None else (f"{amount:g}" if amount != int(amount) else str(int(amount)))
    prefix = "PT" if unit in ("second", "minute", "hour") else "P"
    return f"{prefix}{number}{code}"


def _duration(match: re.Match[str], context: _Context) -> TimeExpression | None:
    amount = lex.parse_number(match.group("n")) if match.group("n") else None
    unit = _group(match, "unit", "unit_plural", "long_unit", "plural_before")
    if match.group(0).lower() == "a second":  # "a second betrayal": the ordinal, not a duration
        return None
    return _unresolved(match, context, _duration_value(amount, unit), "duration", "duration", "DURATION")


_SET_VALUES = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
               "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}  # fmt: skip


def _set(match: re.Match[str], context: _Context) -> TimeExpression | None:
    text = match.group(0).lower()
    if text in _SET_VALUES:
        value = _SET_VALUES[text]
    elif match.group("wd"):
        value = f"XXXX-WXX-{lex.weekday_number(match.group('wd')) + 1}"
    else:
        unit = _group(match, "unit", "unit2").lower()
        unit = "day" if unit in lex.TIMEX_PART_OF_DAY else unit
        value = _duration_value(1, unit)
    return _unresolved(match, context, value, "duration", "recurring", "SET")


def _clock(match: re.Match[str], context: _Context) -> TimeExpression | None:
    named = (match.group("named") or "").lower()
    if named:
        hour, minute = (0, 0) if named == "midnight" else (12, 0)
    elif match.group("mil"):
        hour, minute = int(match.group("mil")[:2]), int(match.group("mil")[2:])
    else:
        hour, minute = int(_group(match, "h", "h24")), int(_group(match, "min", "min24") or 0)
        meridiem = (match.group("ampm") or "").lower()
        if hour > 23 or minute > 59 or (meridiem and not 1 <= hour <= 12):
            return None
        if meridiem.startswith("p") and hour < 12:
            hour += 12
        elif meridiem.startswith("a") and hour == 12:
            hour = 0
    when, rule = _clock_day(match, context)
    clock = f"T{hour:02d}:{minute:02d}"
    if when is None:
        return _unresolved(match, context, f"XXXX-XX-XX{clock}", "time", "clock time without a date", "TIME")
    expression = _date(match, context, cal.day(when), rule)
    expression.value, expression.granularity, expression.kind = when.isoformat() + clock, "time", "TIME"
    return expression


def _clock_day(match: re.Match[str], context: _Context) -> tuple[date | None, str]:
    day_word = (match.group("day") or "").lower()
    if day_word in lex.WEEKDAYS:
        return _resolve_weekday(lex.weekday_number(day_word), "", match.start(), context)
    if day_word and context.anchor:
        return context.anchor + timedelta(days=_RELATIVE_DAYS[day_word]), f"clock time {day_word}"
    if context.reference_day:
        return context.reference_day, "clock time on the last stated day"
    return context.anchor, "clock time on the anchor day"


def _reference(match: re.Match[str], context: _Context) -> TimeExpression | None:
    text = match.group(0).lower()
    if "future" in text:
        value = "FUTURE_REF"
    elif "past" in text or text in ("recently", "previously", "formerly"):
        value = "PAST_REF"
    else:
        value = "PRESENT_REF"
    expression = _unresolved(match, context, value, "vague", "deictic reference")
    if value == "PRESENT_REF" and context.anchor:
        expression.start = expression.end = context.anchor
    return expression


def _season(match: re.Match[str], context: _Context) -> TimeExpression | None:
    code = lex.SEASONS[_group(match, "season", "season_alone", "season_bare").lower()]
    if match.group("y"):
        year = int(match.group("y"))
    elif context.base() is not None:
        year = context.base().year
    else:
        return _unresolved(match, context, f"XXXX-{code}", "month", "season without year")
    return _date(match, context, cal.season(year, code), "season", mod=_modifier(match))


def _quarter(match: re.Match[str], context: _Context) -> TimeExpression | None:
    word = match.group("ord").lower()
    index = int(word[0]) if word[0].isdigit() else lex.ORDINALS.get(word, 0)
    base = context.base()
    if not 1 <= index <= 4 or (base is None and not match.group("y")):
        return None
    year = int(match.group("y")) if match.group("y") else base.year
    return _date(match, context, cal.quarter(year, index), "quarter")


def _holiday(match: re.Match[str], context: _Context) -> TimeExpression | None:
    name = re.sub(r"\s+", " ", match.group("h"))
    relation = (match.group("rel") or "").lower()
    base = context.base()
    if match.group("y"):
        when = cal.holiday(name, int(match.group("y")))
    elif base is None:
        return None
    else:
        options = [day for year in (base.year - 1, base.year, base.year + 1) if (day := cal.holiday(name, year))]
        if relation == "last":
            options = [day for day in options if day < base]
        elif relation == "next":
            options = [day for day in options if day > base]
        when = min(options, key=lambda day: abs((day - base).days)) if options else None
    if when is None:
        return None
    return _date(match, context, cal.day(when), "holiday")


# --- the rules ----------------------------------------------------------------------------------------------

_QUANTIFIER = r"(?i:about|nearly|almost|some|more\s+than|over|less\s+than|at\s+least|up\s+to|around|roughly|just\s+over|just\s+under|under|the\s+past|the\s+last|the\s+next|the\s+first|the\s+final|the\s+coming|the\s+previous|past|last|next|first|another|only)"
_EDGE = r"(?P<mod>(?i:the\s+(?:end|beginning|start|middle)))"
_WD = rf"(?:(?P<wd>{lex.WEEKDAY}),?\s+)?"

RULES: list[_Rule] = [
    _Rule("explicit date", re.compile(
        rf"\b(?:{_WD}(?:(?P<m>{lex.MONTH})\s+(?P<d>{lex.DAY}),?\s+(?P<y>{lex.YEAR})"
        rf"|(?:the\s+)?(?P<d2>{lex.DAY})\s+(?:of\s+)?(?P<m2>{lex.MONTH}),?\s+(?P<y2>{lex.YEAR}))"
        r"|(?P<iso>(?:1[0-9]|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])))\b"), _full_date),
    _Rule("month-day", re.compile(
        rf"\b{_WD}(?:(?P<m>{lex.MONTH})\s+(?P<d>{lex.DAY})|(?P<d2>{lex.DAY})\s+(?:of\s+)?(?P<m2>{lex.MONTH}))(?!\w)"), _month_day),
    _Rule("day range", re.compile(
        rf"\b(?:(?P<d1>{lex.DAY})\s*(?:-|\u2013|(?i:to|and|until|through))\s*(?P<d2>{lex.DAY})\s+(?:of\s+)?(?P<m>{lex.MONTH})"
        rf"|(?P<m_first>{lex.MONTH})\s+(?P<d1b>{lex.DAY})\s*(?:-|\u2013|(?i:to|and|until|through))\s*(?P<d2b>{lex.DAY}))"
        rf"(?:,?\s+(?P<y>{lex.YEAR}))?(?!\w)"), _day_range),
    _Rule("month and year", re.compile(
        rf"(?:\b(?P<mod>{lex.MODIFIER})[\s-]+)?\b(?P<m>{lex.MONTH_OR_ABBREVIATION})(?:\s+of)?,?\s+(?P<y>{lex.YEAR})\b"), _month_year),
    _Rule("month", re.compile(
        rf"(?:\b(?P<rel>(?i:last|this|next))\s+|\b(?P<mod>{lex.MODIFIER})[\s-]+)?\b(?P<m>{lex.MONTH_FULL})\b(?!\s+\d)"
        r"(?:\s+(?P<year_rel>(?i:this|last|next))\s+(?i:year)\b)?"), _month_alone),
    _Rule("year", re.compile(
        rf"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+|\b(?:(?i:post|pre))-)?\b(?:(?P<y>{lex.YEAR})\b"
        rf"|(?P<bc>\d{{1,4}})\s*(?:BC\b|B\.C\.|BCE\b))"), _year),
    _Rule("decade", re.compile(
        rf"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+)?(?:\b(?P<dec>(?:1\d|20)\d0)s\b|'(?P<short>\d0)s\b)"), _decade),
    _Rule("century", re.compile(
        rf"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+)?\b(?P<ord>{lex.ORDINAL})[\s-]+(?i:century)\b"), _century),
    _Rule("weekday", re.compile(
        rf"\b(?:(?P<q>(?i:early|late))\s+)?(?:(?P<rel>(?i:last|this|next|coming|past))\s+)?"
        rf"(?P<wd>{lex.WEEKDAY})(?:'s)?(?:\s+{lex.PART_OF_DAY})?\b"), _weekday),
    _Rule("relative day", re.compile(
        r"\b(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?"
        r"|today|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening))\b"), _relative_day),
    _Rule("relative unit", re.compile(
        rf"\b(?:(?P<mod>(?i:early|late|earlier|later|mid))[\s-]+(?:in\s+)?)?"
        rf"(?P<rel>(?i:last|this|next|past|previous|coming|current|the\s+past|the\s+last|the\s+coming|the\s+previous|the\s+current))"
        rf"\s+(?P<unit>(?i:week(?:end)?|month|year|quarter|decade|century|spring|summer|fall|autumn|winter))\b"), _relative_unit),
    _Rule("ago", re.compile(
        rf"\b(?:{_QUANTIFIER}\s+)?(?P<n>{lex.NUMBER})[\s-]+(?P<unit>{lex.UNIT})s?\s+(?i:ago)\b"), _ago),
    _Rule("anaphoric", re.compile(
        rf"\b(?:(?:(?P<n>{lex.NUMBER})\s+)?(?P<unit>{lex.UNIT})s?\s+(?P<dir>(?i:later|earlier|afterwards?|after\s+that))"
        rf"|{_EDGE}\s+(?i:of)\s+(?i:the|that)\s+(?P<unit4>(?i:week|month|year))"
        rf"|(?i:the)\s+(?P<rel>(?i:next|following|previous|preceding))\s+(?P<unit2>(?i:day|week|month|year|morning|night|evening|afternoon))"
        rf"|(?i:(?:earlier|later)\s+that|that(?:\s+same)?|the\s+same)\s+(?P<unit3>(?i:day|week|month|year|morning|night|evening|afternoon)))\b"),
        _anaphoric),
    _Rule("duration", re.compile(
        rf"\b(?:{_QUANTIFIER}\s+)*(?P<n>{lex.NUMBER})[\s-]+(?:(?i:more)\s+)?(?P<unit>{lex.UNIT})s?(?:-(?i:long))?\b(?![-\s](?i:old)\b)"
        rf"|\b(?P<long_unit>(?i:hour|day|week|month|year|decade|centur(?:y|ies)|(?:hour|day|week|month|year|decade)s))-(?i:long)\b"
        rf"|\b(?i:the)\s+(?P<plural_before>(?i:hours|days|weeks|months|years))(?=\s+(?i:before|after|that\s+followed|following|leading))"
        rf"|(?:\b(?i:for|over|in|in\s+the\s+past|within)\s+)(?P<core>(?:(?i:several|many|a\s+few|few|recent|the\s+coming|the\s+next|the\s+past|the\s+following)\s+)?"
        rf"(?P<unit_plural>(?i:days|weeks|months|years|decades|centuries)))\b"),
        _duration),
    _Rule("recurring", re.compile(
        rf"\b(?i:daily|nightly|weekly|biweekly|monthly|annually|yearly|hourly)\b"
        rf"|\b(?i:every|each)\s+(?:(?i:other)\s+)?(?:(?P<wd>{lex.WEEKDAY})|(?P<unit>(?i:day|week|month|year|morning|night|evening|hour)))\b"
        rf"|\b(?:(?i:once|twice|three\s+times|\d+\s+times)\s+(?i:a)|(?i:per))\s+(?P<unit2>(?i:day|week|month|year))\b"),
        _set),
    _Rule("clock time", re.compile(
        rf"\b(?:(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>(?i:a\.m\.?|p\.m\.?|am|pm))(?!\w)"
        rf"|(?P<h24>[01]?\d|2[0-3]):(?P<min24>[0-5]\d)\b|(?P<named>(?i:noon|midnight|midday))\b|(?P<mil>[01]\d[0-5]\d|2[0-3][0-5]\d)\s*(?=GMT|UTC|hours|hrs))"
        rf"(?:\s+(?:[A-Z]{{2,3}}T|GMT|UTC|(?i:local\s+time)))?"
        rf"(?:,?\s*(?:(?i:on)\s+)?(?P<day>{lex.WEEKDAY}|(?i:today|yesterday|tomorrow)))?"),
        _clock),
    _Rule("reference", re.compile(
        r"\b(?i:now|currently|at\s+present|nowadays|these\s+days|the\s+present(?:\s+day)?|present[\s-]day"
        r"|the\s+(?:near\s+|foreseeable\s+|distant\s+)?future(?=[\s.,;])|the\s+(?:recent\s+|distant\s+)?past(?=[\s.,;]))\b"),
        _reference),
    _Rule("season", re.compile(
        rf"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+)?\b(?:(?i:the)\s+)?(?P<season>{lex.SEASON})(?:\s+(?i:of))?\s+(?P<y>{lex.YEAR})\b"
        rf"|\b(?:(?i:the|that|same)\s+)(?P<season_alone>{lex.SEASON})\b(?!\s+(?i:of)\s+(?!\d))|\b(?P<season_bare>(?i:summer|winter|autumn))\b"),
        _season),
    _Rule("quarter", re.compile(
        rf"\b(?:(?i:the)\s+)?(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]+(?i:quarter)"
        rf"(?:\s+(?i:of)\s+(?P<y>{lex.YEAR}))?(?!\s+of\s+(?:the|its|all|a|an|their|his|her)\b)\b"), _quarter),
    _Rule("holiday", re.compile(
        rf"\b(?:(?P<rel>(?i:last|this|next))\s+)?(?P<h>{lex.HOLIDAY})(?:,?\s+(?P<y>{lex.YEAR}))?\b"), _holiday),
]  # fmt: skip


@lru_cache(maxsize=1)
def _rule_index() -> tuple[dict[str, _Rule], PatternIndex]:
    """The rules by name, and all of them found in one pass over a text (the rules' own scans were a sixth of all
    coding time)."""
    flags = {rule.pattern.flags for rule in RULES}
    if len(flags) != 1:
        raise ValueError("the date rules are indexed together: they must be compiled with the same flags")
    return {rule.name: rule for rule in RULES}, PatternIndex({rule.name: [rule.pattern.pattern] for rule in RULES}, flags.pop())
